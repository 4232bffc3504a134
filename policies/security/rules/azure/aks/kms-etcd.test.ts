import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./kms-etcd";

const aks = (azureKeyVaultKms?: Record<string, unknown>) =>
  planResource("azure-native:containerservice:ManagedCluster", "train", {
    resourceGroupName: "rg",
    securityProfile: azureKeyVaultKms ? { azureKeyVaultKms } : {},
  });

describe(rule.name, () => {
  it("GIVEN KMS with a key THEN it passes", async () => {
    expect(await findings(rule, [aks({ enabled: true, keyId: "https://v.vault.azure.net/keys/etcd/1" })])).toEqual([]);
  });

  it("GIVEN no KMS THEN it fails", async () => {
    expect(await findings(rule, [aks()])).toEqual([expect.stringContaining("not encrypted with a Key Vault key")]);
  });
});
