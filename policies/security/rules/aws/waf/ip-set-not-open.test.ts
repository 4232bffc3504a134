import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./ip-set-not-open";

const set = (addresses: string[]) =>
  planResource("aws:wafv2/ipSet:IpSet", "allowed", { scope: "REGIONAL", ipAddressVersion: "IPV4", addresses });

describe(rule.name, () => {
  it("GIVEN client ranges THEN it passes", async () => {
    expect(await findings(rule, [set(["10.0.0.0/16", "203.0.113.0/24"])])).toEqual([]);
  });

  it("GIVEN 0.0.0.0/0 THEN it fails", async () => {
    expect(await findings(rule, [set(["10.0.0.0/16", "0.0.0.0/0"])])).toEqual([expect.stringContaining("addresses include 0.0.0.0/0")]);
  });
});
