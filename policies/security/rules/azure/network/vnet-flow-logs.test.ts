import { findings, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./vnet-flow-logs";

const vnet = planResource("azure-native:network:VirtualNetwork", "net", {
  resourceGroupName: "rg",
  addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
});
const flowLog = (inputs: Record<string, unknown> = {}) =>
  planResource("azure-native:network:FlowLog", "net-flow-log", {
    networkWatcherName: "NetworkWatcher_eastus2",
    targetResourceId: ref(vnet),
    storageId: "sa",
    enabled: true,
    ...inputs,
  });

describe(rule.name, () => {
  it("GIVEN a VNet with an enabled flow log THEN it passes", async () => {
    expect(await findings(rule, [vnet, flowLog()])).toEqual([]);
  });

  it("GIVEN a VNet without a flow log THEN it fails", async () => {
    expect(await findings(rule, [vnet])).toEqual(['azure-native:network:VirtualNetwork "net" has no flow log targeting it.']);
  });

  it("GIVEN a flow log targeting something else (an NSG) THEN it fails", async () => {
    const nsg = planResource("azure-native:network:NetworkSecurityGroup", "nsg", {});
    expect(await findings(rule, [vnet, nsg, flowLog({ targetResourceId: ref(nsg) })])).toEqual([
      expect.stringContaining("has no flow log"),
    ]);
  });

  it("GIVEN a disabled flow log THEN it fails", async () => {
    expect(await findings(rule, [vnet, flowLog({ enabled: false })])).toEqual([expect.stringContaining("its flow log is disabled")]);
  });
});
