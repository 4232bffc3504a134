import { resourceRule } from "@mlops-kit/policy-common";
import { Registry } from "@pulumi/azure-native/containerregistry";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-containerregistry-no-public-network-access",
  description: "Container registries are reached through private endpoints, with public network access off.",
  severity: "high",
  frameworks: { nist: ["AC-3", "SC-7"], pci: ["1.4.1"] },
  remediation: ["Set publicNetworkAccess to Disabled (Premium SKU) and reach the registry through a private endpoint."],
  validateResource: validateResourceOfType(Registry, (resource, _args, report) => {
    if (resource.publicNetworkAccess !== "Disabled")
      report(`publicNetworkAccess is ${resource.publicNetworkAccess ?? "Enabled (the default)"}; set it to Disabled.`);
  }),
});
