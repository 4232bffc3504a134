import { resourceRule } from "@mlops-kit/policy-common";
import { StorageAccount } from "@pulumi/azure-native/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-storage-no-shared-key-access",
  description: "Storage accounts refuse shared key (account key) authorization: Entra ID only.",
  severity: "high",
  frameworks: { cis: ["Azure 2.1 3.3"], nist: ["IA-2", "AC-3"], pci: ["8.3.1"] },
  remediation: ["Set allowSharedKeyAccess to false.", "Grant identities Storage Blob Data roles instead of handing out account keys."],
  validateResource: validateResourceOfType(StorageAccount, (account, _args, report) => {
    if (account.allowSharedKeyAccess !== false)
      report(`allowSharedKeyAccess is ${account.allowSharedKeyAccess ?? "not set (allowed)"}; set it to false.`);
  }),
});
