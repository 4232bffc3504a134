import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { scaleSet } from "./vmss.fixture";
import rule from "./vmss-no-public-ip";

describe(rule.name, () => {
  it("GIVEN instances with private addresses only THEN it passes", async () => {
    expect(await findings(rule, [scaleSet()])).toEqual([]);
  });

  it("GIVEN a publicIPAddressConfiguration THEN it fails", async () => {
    expect(await findings(rule, [scaleSet({ ipConfiguration: { publicIPAddressConfiguration: { name: "pip" } } })])).toEqual([
      "network interface nic, IP configuration ip has a publicIPAddressConfiguration.",
    ]);
  });
});
