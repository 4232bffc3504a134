import { resourceRule } from "@mlops-kit/policy-common";
import { ManagedCluster } from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-aks-local-accounts-disabled",
  description: "An AKS cluster authenticates through Entra ID with Azure RBAC, with local accounts (static admin credentials) off.",
  severity: "high",
  frameworks: { cis: ["AKS 1.7 5.5.1"], nist: ["IA-2", "AC-2"], pci: ["8.2.1"] },
  remediation: ["Set aadProfile { managed: true, enableAzureRBAC: true } and disableLocalAccounts: true."],
  validateResource: validateResourceOfType(ManagedCluster, (c, _args, report) => {
    const problems = [
      c.disableLocalAccounts !== true ? "local accounts are on (disableLocalAccounts)" : undefined,
      c.aadProfile?.managed !== true ? "Entra ID integration is off (aadProfile.managed)" : undefined,
    ].filter((x) => x !== undefined);
    if (problems.length > 0) report(`${problems.join("; ")}.`);
  }),
});
