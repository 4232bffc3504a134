import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./log-retention";

const flowLog = (retentionPolicy?: Record<string, unknown>) =>
  planResource("azure-native:network:FlowLog", "fl", {
    targetResourceId: "vnet",
    storageId: "sa",
    ...(retentionPolicy ? { retentionPolicy } : {}),
  });
const workspace = (retentionInDays?: number) =>
  planResource("azure-native:operationalinsights:Workspace", "ws", {
    resourceGroupName: "rg",
    ...(retentionInDays ? { retentionInDays } : {}),
  });

describe(rule.name, () => {
  it("GIVEN 30 days in dev and 365 in prod THEN it passes", async () => {
    expect(await findings(rule, [flowLog({ enabled: true, days: 30 }), workspace()], { stack: "azure-dev" })).toEqual([]);
    expect(await findings(rule, [flowLog({ enabled: true, days: 365 }), workspace(365)], { stack: "azure-prod" })).toEqual([]);
  });

  it("GIVEN a flow log without a retention policy THEN it fails", async () => {
    expect(await findings(rule, [flowLog()])).toEqual([expect.stringContaining("flow logs are kept for ever")]);
  });

  it("GIVEN a flow log kept 7 days THEN it fails", async () => {
    expect(await findings(rule, [flowLog({ enabled: true, days: 7 })])).toEqual(["retentionPolicy.days is 7; the minimum is 30 days."]);
  });

  it("GIVEN a workspace with the default 30 days in prod THEN it fails", async () => {
    expect(await findings(rule, [workspace()], { stack: "azure-prod" })).toEqual([
      "retentionInDays is not set (30); in a production stack is 365 days.",
    ]);
  });
});
