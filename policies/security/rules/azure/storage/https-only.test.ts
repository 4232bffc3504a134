import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./https-only";
import { account } from "./storage-account.fixture";

describe(rule.name, () => {
  it("GIVEN a locked-down account THEN it passes", async () => {
    expect(await findings(rule, [account()])).toEqual([]);
  });

  it("GIVEN enableHttpsTrafficOnly false THEN it fails", async () => {
    expect(await findings(rule, [account({ enableHttpsTrafficOnly: false })])).toEqual([
      expect.stringContaining("enableHttpsTrafficOnly is false"),
    ]);
  });
});
