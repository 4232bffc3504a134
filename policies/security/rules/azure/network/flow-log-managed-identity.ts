import { asArray, resourceRule } from "@mlops-kit/policy-common";
import { FlowLog } from "@pulumi/azure-native/network";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-network-flow-log-managed-identity",
  description: "VNet flow logs write to storage with a user-assigned managed identity, so the storage account can refuse shared keys.",
  severity: "medium",
  frameworks: { nist: ["IA-2", "IA-5", "AU-9"], pci: ["8.6.3", "10.3.2"] },
  remediation: [
    'Set identity on the azure-native network.FlowLog to { type: "UserAssigned", userAssignedIdentities: [<identity id>] } (MlopsVpc does).',
    'Grant that identity "Storage Blob Data Contributor" on the flow-log storage account only, and set allowSharedKeyAccess to false on the account.',
  ],
  validateResource: validateResourceOfType(FlowLog, (flowLog, _args, report) => {
    const type = String(flowLog.identity?.type ?? "");
    if (!type.includes("UserAssigned"))
      report(`identity is ${type || "not set"}: delivery falls back to the storage account's keys; use a user-assigned identity.`);
    else if (asArray(flowLog.identity?.userAssignedIdentities).length === 0) report("identity names no user-assigned identity.");
  }),
});
