import { resourceRule } from "@mlops-kit/policy-common";
import { StorageAccount } from "@pulumi/azure-native/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-storage-network-default-deny",
  description: "Storage accounts deny network access by default, admitting only chosen networks and trusted services.",
  severity: "high",
  frameworks: { cis: ["Azure 2.1 3.8"], nist: ["AC-4", "SC-7"], pci: ["1.3.1", "1.4.4"] },
  remediation: [
    'Set networkRuleSet.defaultAction to "Deny" with the subnets or private endpoints that need access, or publicNetworkAccess to "Disabled".',
  ],
  validateResource: validateResourceOfType(StorageAccount, (account, _args, report) => {
    if (account.publicNetworkAccess === "Disabled") return;
    if (account.networkRuleSet?.defaultAction !== "Deny")
      report(`networkRuleSet.defaultAction is ${account.networkRuleSet?.defaultAction ?? "not set (Allow)"}; set it to Deny.`);
  }),
});
