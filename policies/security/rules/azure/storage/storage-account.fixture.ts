import { planResource } from "@mlops-kit/testing";

/** A storage account as MlopsVpc creates it for flow logs: every storage rule of the pack passes on it. */
export const secureAccount = {
  resourceGroupName: "rg",
  kind: "StorageV2",
  sku: { name: "Standard_LRS" },
  minimumTlsVersion: "TLS1_2",
  enableHttpsTrafficOnly: true,
  allowBlobPublicAccess: false,
  allowSharedKeyAccess: false,
  networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
  encryption: {
    keySource: "Microsoft.Keyvault",
    keyVaultProperties: { keyName: "k", keyVaultUri: "https://v.vault.azure.net" },
    requireInfrastructureEncryption: true,
  },
};

/** The secure account with some settings changed (`undefined` removes one). */
export function account(changes: Record<string, unknown> = {}) {
  return planResource("azure-native:storage:StorageAccount", "logs", { ...secureAccount, ...changes });
}
