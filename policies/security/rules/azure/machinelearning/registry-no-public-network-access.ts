import { resourceRule } from "@mlops-kit/policy-common";
import { Registry as MlRegistry } from "@pulumi/azure-native/machinelearningservices";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-machinelearning-registry-no-public-network-access",
  description: "Azure ML registries are reached privately, with public network access off.",
  severity: "high",
  frameworks: { nist: ["AC-3", "SC-7"], pci: ["1.4.1"] },
  remediation: ["Set publicNetworkAccess to Disabled and reach the registry through a private endpoint."],
  validateResource: validateResourceOfType(MlRegistry, (resource, _args, report) => {
    if (resource.publicNetworkAccess !== "Disabled")
      report(`publicNetworkAccess is ${resource.publicNetworkAccess ?? "Enabled (the default)"}; set it to Disabled.`);
  }),
});
