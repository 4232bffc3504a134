import { resourceRule } from "@mlops-kit/policy-common";
import { StorageAccount } from "@pulumi/azure-native/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-storage-infrastructure-encryption",
  description: "Storage accounts encrypt data twice, at the service and the infrastructure layer.",
  severity: "medium",
  frameworks: { cis: ["Azure 2.1 3.2"], nist: ["SC-28"], pci: ["3.5.1"] },
  remediation: ["Set encryption.requireInfrastructureEncryption to true (only possible when the account is created)."],
  validateResource: validateResourceOfType(StorageAccount, (account, _args, report) => {
    if (account.encryption?.requireInfrastructureEncryption !== true) report("encryption.requireInfrastructureEncryption is not true.");
  }),
});
