import { resourceRule } from "@mlops-kit/policy-common";
import { StorageAccount } from "@pulumi/azure-native/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-storage-no-public-blob-access",
  description: "Storage accounts forbid anonymous public access to blobs.",
  severity: "critical",
  frameworks: { cis: ["Azure 2.1 3.7"], nist: ["AC-3", "AC-21", "SC-7"], pci: ["1.4.4", "7.2.1"] },
  remediation: ["Set allowBlobPublicAccess to false.", "Share data with SAS tokens or Entra ID identities instead."],
  validateResource: validateResourceOfType(StorageAccount, (account, _args, report) => {
    if (account.allowBlobPublicAccess !== false)
      report(`allowBlobPublicAccess is ${account.allowBlobPublicAccess ?? "not set"}; set it to false.`);
  }),
});
