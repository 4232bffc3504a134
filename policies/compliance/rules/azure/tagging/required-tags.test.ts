import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./required-tags";

describe(rule.name, () => {
  it("GIVEN a tagged VNet and a subnet (which takes no tags) THEN it passes", async () => {
    const resources = [
      planResource("azure-native:network:VirtualNetwork", "net", { tags: { "managed-by": "mlops-kit" } }),
      planResource("azure-native:network:Subnet", "net-private", { addressPrefix: "10.0.0.0/17" }),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN a storage account with other tags only THEN it fails", async () => {
    expect(await findings(rule, [planResource("azure-native:storage:StorageAccount", "sa", { tags: { team: "ml" } })])).toEqual([
      "missing tags: managed-by.",
    ]);
  });

  it("GIVEN a Network Watcher (created by MlopsVpc on request) THEN it passes with the tags and fails without them", async () => {
    const watcher = (tags: Record<string, string>) =>
      planResource("azure-native:network:NetworkWatcher", "net-network-watcher", { networkWatcherName: "NetworkWatcher_westeurope", tags });
    expect(await findings(rule, [watcher({ "managed-by": "mlops-kit" })])).toEqual([]);
    expect(await findings(rule, [watcher({})])).toEqual(["missing tags: managed-by."]);
  });
});
