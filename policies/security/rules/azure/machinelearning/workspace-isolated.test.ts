import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./workspace-isolated";

const workspace = (changes: Record<string, unknown> = {}) =>
  planResource("azure-native:machinelearningservices:Workspace", "features", {
    resourceGroupName: "rg",
    kind: "FeatureStore",
    publicNetworkAccess: "Disabled",
    managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
    ...changes,
  });

describe(rule.name, () => {
  it("GIVEN a private workspace in a managed network THEN it passes", async () => {
    expect(await findings(rule, [workspace()])).toEqual([]);
  });

  it("GIVEN public network access THEN it fails", async () => {
    expect(await findings(rule, [workspace({ publicNetworkAccess: "Enabled" })])).toEqual([
      'publicNetworkAccess is Enabled; set "Disabled".',
    ]);
  });

  it("GIVEN no managed network THEN it fails", async () => {
    expect(await findings(rule, [workspace({ managedNetwork: undefined })])).toEqual([
      "managedNetwork.isolationMode is not set: compute is not isolated.",
    ]);
  });
});
