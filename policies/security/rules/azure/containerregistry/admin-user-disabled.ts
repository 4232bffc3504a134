import { resourceRule } from "@mlops-kit/policy-common";
import { Registry } from "@pulumi/azure-native/containerregistry";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-containerregistry-admin-user-disabled",
  description: "Container registries have the admin user (a shared username and password) off.",
  severity: "high",
  frameworks: { cis: ["Azure 2.1 9.1"], nist: ["IA-2", "AC-2"], pci: ["8.2.2"] },
  remediation: ["Set adminUserEnabled to false; pull and push with Entra ID identities (AcrPull, AcrPush)."],
  validateResource: validateResourceOfType(Registry, (resource, _args, report) => {
    if (resource.adminUserEnabled === true) report("adminUserEnabled is true: anyone with the shared admin password can push and pull.");
  }),
});
