import { resourceRule } from "@mlops-kit/policy-common";
import { StorageAccount } from "@pulumi/azure-native/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-storage-https-only",
  description: "Storage accounts accept HTTPS requests only.",
  severity: "high",
  frameworks: { cis: ["Azure 2.1 3.1"], nist: ["SC-8"], pci: ["4.2.1"] },
  remediation: ["Set enableHttpsTrafficOnly to true (the default; do not turn it off)."],
  validateResource: validateResourceOfType(StorageAccount, (account, _args, report) => {
    if (account.enableHttpsTrafficOnly === false) report("enableHttpsTrafficOnly is false: data can travel unencrypted.");
  }),
});
