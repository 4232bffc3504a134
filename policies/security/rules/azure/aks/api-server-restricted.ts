import { isAzureWorldPrefix, resourceRule } from "@mlops-kit/policy-common";
import { ManagedCluster } from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-aks-api-server-restricted",
  description: "An AKS cluster's API server is private, or reachable from authorized IP ranges only.",
  severity: "high",
  frameworks: { cis: ["AKS 1.7 5.4.1"], nist: ["AC-3", "SC-7"], pci: ["1.3.1"] },
  remediation: [
    "Set apiServerAccessProfile.enablePrivateCluster to true, or list your ranges in apiServerAccessProfile.authorizedIPRanges.",
  ],
  validateResource: validateResourceOfType(ManagedCluster, (c, _args, report) => {
    const p = c.apiServerAccessProfile;
    if (p?.enablePrivateCluster === true) return;
    const ranges = p?.authorizedIPRanges ?? [];
    if (ranges.length === 0 || ranges.some(isAzureWorldPrefix)) {
      report(`the API server admits ${ranges.length === 0 ? "any address (no authorizedIPRanges)" : ranges.join(", ")}.`);
    }
  }),
});
