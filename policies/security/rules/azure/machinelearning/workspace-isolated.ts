import { resourceRule } from "@mlops-kit/policy-common";
import { Workspace } from "@pulumi/azure-native/machinelearningservices";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-machinelearning-workspace-isolated",
  description: "Azure ML workspaces (feature stores included) are private and run their compute in a managed network.",
  severity: "high",
  frameworks: { nist: ["SC-7", "AC-4"], pci: ["1.3.1"] },
  remediation: [
    'Set publicNetworkAccess to "Disabled" and reach the workspace through a private endpoint.',
    'Set managedNetwork.isolationMode to "AllowOnlyApprovedOutbound" (or "AllowInternetOutbound").',
  ],
  validateResource: validateResourceOfType(Workspace, (ws, _args, report) => {
    if (ws.publicNetworkAccess !== "Disabled")
      report(`publicNetworkAccess is ${ws.publicNetworkAccess ?? "not set (Enabled)"}; set "Disabled".`);
    const mode = ws.managedNetwork?.isolationMode;
    if (mode === undefined || mode === "Disabled") report(`managedNetwork.isolationMode is ${mode ?? "not set"}: compute is not isolated.`);
  }),
});
