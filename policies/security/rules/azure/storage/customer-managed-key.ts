import { resourceRule } from "@mlops-kit/policy-common";
import { StorageAccount } from "@pulumi/azure-native/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-storage-customer-managed-key",
  description: "Storage accounts encrypt data with a customer-managed key from Key Vault.",
  severity: "medium",
  frameworks: { cis: ["Azure 2.1 3.12"], nist: ["SC-12", "SC-28"], pci: ["3.5.1", "3.6.1"] },
  remediation: [
    "Give the account a managed identity with access to a Key Vault key.",
    'Set encryption.keySource to "Microsoft.Keyvault" and encryption.keyVaultProperties to the key.',
  ],
  validateResource: validateResourceOfType(StorageAccount, (account, _args, report) => {
    if (account.encryption?.keySource !== "Microsoft.Keyvault")
      report(`encryption.keySource is ${account.encryption?.keySource ?? "not set"}: data is encrypted with Microsoft-managed keys.`);
  }),
});
