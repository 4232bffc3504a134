import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./network-default-deny";
import { account } from "./storage-account.fixture";

describe(rule.name, () => {
  it("GIVEN a locked-down account THEN it passes", async () => {
    expect(await findings(rule, [account()])).toEqual([]);
  });

  it("GIVEN public network access disabled instead THEN it passes", async () => {
    expect(await findings(rule, [account({ networkRuleSet: undefined, publicNetworkAccess: "Disabled" })])).toEqual([]);
  });

  it("GIVEN networkRuleSet.defaultAction Allow THEN it fails", async () => {
    expect(await findings(rule, [account({ networkRuleSet: { defaultAction: "Allow" } })])).toEqual([
      expect.stringContaining("defaultAction is Allow"),
    ]);
  });

  it("GIVEN no networkRuleSet THEN it fails", async () => {
    expect(await findings(rule, [account({ networkRuleSet: undefined })])).toEqual([expect.stringContaining("not set (Allow)")]);
  });
});
