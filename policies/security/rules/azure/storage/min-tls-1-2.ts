import { resourceRule } from "@mlops-kit/policy-common";
import { StorageAccount } from "@pulumi/azure-native/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-storage-min-tls-1-2",
  description: "Storage accounts refuse TLS versions older than 1.2.",
  severity: "high",
  frameworks: { cis: ["Azure 2.1 3.15"], nist: ["SC-8", "SC-13"], pci: ["4.2.1"] },
  remediation: ['Set minimumTlsVersion to "TLS1_2".'],
  validateResource: validateResourceOfType(StorageAccount, (account, _args, report) => {
    if (account.minimumTlsVersion !== "TLS1_2" && account.minimumTlsVersion !== "TLS1_3")
      report(`minimumTlsVersion is ${account.minimumTlsVersion ?? "not set"}; set TLS1_2.`);
  }),
});
