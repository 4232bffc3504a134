import { resourceRule } from "@mlops-kit/policy-common";
import { ManagedCluster } from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-aks-workload-identity",
  description: "An AKS cluster has its OIDC issuer and workload identity on, so pods use federated identities instead of secrets.",
  severity: "high",
  frameworks: { nist: ["IA-2", "IA-5", "AC-6"] },
  remediation: ["Set oidcIssuerProfile.enabled and securityProfile.workloadIdentity.enabled to true."],
  validateResource: validateResourceOfType(ManagedCluster, (c, _args, report) => {
    if (c.oidcIssuerProfile?.enabled !== true || c.securityProfile?.workloadIdentity?.enabled !== true) {
      report("workload identity is off (oidcIssuerProfile.enabled, securityProfile.workloadIdentity.enabled).");
    }
  }),
});
