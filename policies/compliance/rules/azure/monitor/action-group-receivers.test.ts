import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./action-group-receivers";

const group = (inputs: Record<string, unknown>) =>
  planResource("azure-native:monitor:ActionGroup", "alerts", { resourceGroupName: "rg", groupShortName: "obs", enabled: true, ...inputs });

describe(rule.name, () => {
  it("GIVEN a group with an email receiver THEN it passes", async () => {
    expect(await findings(rule, [group({ emailReceivers: [{ name: "oncall", emailAddress: "oncall@example.com" }] })])).toEqual([]);
  });

  it("GIVEN a group with no receivers THEN it fails", async () => {
    expect(await findings(rule, [group({ emailReceivers: [], webhookReceivers: [] })])).toEqual([
      expect.stringContaining("has no receivers"),
    ]);
  });

  it("GIVEN a disabled group THEN it fails", async () => {
    expect(await findings(rule, [group({ enabled: false, emailReceivers: [{ name: "a", emailAddress: "a@example.com" }] })])).toEqual([
      expect.stringContaining("enabled is false"),
    ]);
  });
});
