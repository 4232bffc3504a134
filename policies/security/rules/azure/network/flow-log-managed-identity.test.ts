import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./flow-log-managed-identity";

const IDENTITY = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/net-flow-log-identity";
const flowLog = (inputs: Record<string, unknown>) =>
  planResource("azure-native:network:FlowLog", "net-flow-log", {
    networkWatcherName: "NetworkWatcher_westeurope",
    resourceGroupName: "NetworkWatcherRG",
    targetResourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/net",
    storageId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/netflowlogs",
    enabled: true,
    ...inputs,
  });

describe(rule.name, () => {
  it("GIVEN a flow log with a user-assigned identity THEN it passes", async () => {
    expect(await findings(rule, [flowLog({ identity: { type: "UserAssigned", userAssignedIdentities: [IDENTITY] } })])).toEqual([]);
  });

  it("GIVEN a flow log without an identity THEN it fails: delivery would use the account's keys", async () => {
    expect(await findings(rule, [flowLog({})])).toEqual([expect.stringContaining("identity is not set")]);
  });

  it("GIVEN a flow log whose identity type is None THEN it fails", async () => {
    expect(await findings(rule, [flowLog({ identity: { type: "None" } })])).toEqual([expect.stringContaining("identity is None")]);
  });

  it("GIVEN a UserAssigned identity that names no identity THEN it fails", async () => {
    expect(await findings(rule, [flowLog({ identity: { type: "UserAssigned", userAssignedIdentities: [] } })])).toEqual([
      "identity names no user-assigned identity.",
    ]);
  });
});
