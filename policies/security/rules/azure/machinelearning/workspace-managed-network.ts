import { resourceRule } from "@mlops-kit/policy-common";
import { Workspace } from "@pulumi/azure-native/machinelearningservices";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-machinelearning-workspace-managed-network",
  description: "Azure ML workspaces isolate their compute in a managed virtual network.",
  severity: "medium",
  frameworks: { nist: ["AC-3", "SC-7"], pci: ["1.4.1"] },
  remediation: ["Set managedNetwork.isolationMode to AllowOnlyApprovedOutbound (or AllowInternetOutbound)."],
  validateResource: validateResourceOfType(Workspace, (resource, _args, report) => {
    if (!["AllowOnlyApprovedOutbound", "AllowInternetOutbound"].includes(String(resource.managedNetwork?.isolationMode)))
      report(
        `managedNetwork.isolationMode is ${resource.managedNetwork?.isolationMode ?? "not set"}: the workspace's compute is not network-isolated.`,
      );
  }),
});
