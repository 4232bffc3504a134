import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./local-accounts-disabled";

const aks = (inputs: Record<string, unknown>) =>
  planResource("azure-native:containerservice:ManagedCluster", "train", { resourceGroupName: "rg", ...inputs });

describe(rule.name, () => {
  it("GIVEN Entra ID with local accounts off THEN it passes", async () => {
    expect(await findings(rule, [aks({ disableLocalAccounts: true, aadProfile: { managed: true, enableAzureRBAC: true } })])).toEqual([]);
  });

  it("GIVEN local accounts on THEN it fails", async () => {
    expect(await findings(rule, [aks({ aadProfile: { managed: true } })])).toEqual([expect.stringContaining("local accounts are on")]);
  });

  it("GIVEN no Entra ID integration THEN it fails", async () => {
    expect(await findings(rule, [aks({ disableLocalAccounts: true })])).toEqual([expect.stringContaining("Entra ID integration is off")]);
  });
});
