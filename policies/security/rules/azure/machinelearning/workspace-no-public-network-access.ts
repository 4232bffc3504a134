import { resourceRule } from "@mlops-kit/policy-common";
import { Workspace } from "@pulumi/azure-native/machinelearningservices";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-machinelearning-workspace-no-public-network-access",
  description: "Azure ML workspaces are reached through private endpoints, with public network access off.",
  severity: "high",
  frameworks: { nist: ["AC-3", "SC-7"], pci: ["1.4.1"] },
  remediation: ["Set publicNetworkAccess to Disabled and reach the workspace through a private endpoint (amlworkspace)."],
  validateResource: validateResourceOfType(Workspace, (resource, _args, report) => {
    if (resource.publicNetworkAccess !== "Disabled")
      report(`publicNetworkAccess is ${resource.publicNetworkAccess ?? "Enabled (the default)"}; set it to Disabled.`);
  }),
});
