import { isWorldCidr, resourceRule } from "@mlops-kit/policy-common";
import { Cluster } from "@pulumi/gcp/container";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-gke-endpoint-restricted",
  description: "A GKE cluster has private nodes, and its control plane is private or reachable from authorized networks only.",
  severity: "high",
  frameworks: { cis: ["GKE 1.6 5.6.3", "GKE 1.6 5.6.5"], nist: ["AC-3", "SC-7"], pci: ["1.3.1"] },
  remediation: [
    "Set privateClusterConfig.enablePrivateNodes to true.",
    "Set privateClusterConfig.enablePrivateEndpoint to true, or list your ranges in masterAuthorizedNetworksConfig.cidrBlocks (never 0.0.0.0/0).",
  ],
  validateResource: validateResourceOfType(Cluster, (c, _args, report) => {
    if (c.enableAutopilot === true) return;
    const pcc = c.privateClusterConfig;
    if (pcc?.enablePrivateNodes !== true) report("nodes have public IPs (privateClusterConfig.enablePrivateNodes is not true).");
    if (pcc?.enablePrivateEndpoint === true) return;
    const blocks = (c.masterAuthorizedNetworksConfig?.cidrBlocks ?? []).map((b) => b.cidrBlock);
    if (blocks.length === 0 || blocks.some(isWorldCidr)) {
      report(
        `the public control-plane endpoint admits ${blocks.length === 0 ? "any address (no authorized networks)" : blocks.join(", ")}.`,
      );
    }
  }),
});
