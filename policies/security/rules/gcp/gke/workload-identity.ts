import { resourceRule } from "@mlops-kit/policy-common";
import { Cluster, NodePool } from "@pulumi/gcp/container";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-gke-workload-identity",
  description: "A GKE cluster has Workload Identity, and its node pools serve pods the GKE metadata server (not the node's credentials).",
  severity: "high",
  frameworks: { cis: ["GKE 1.6 5.2.2", "GKE 1.6 5.4.1"], nist: ["AC-6", "IA-2"] },
  remediation: [
    "Set workloadIdentityConfig.workloadPool to <project>.svc.id.goog on the cluster.",
    'Set nodeConfig.workloadMetadataConfig.mode to "GKE_METADATA" on every node pool.',
  ],
  validateResource: [
    validateResourceOfType(Cluster, (c, _args, report) => {
      if (!c.workloadIdentityConfig?.workloadPool) report("Workload Identity is off (workloadIdentityConfig.workloadPool).");
    }),
    validateResourceOfType(NodePool, (p, _args, report) => {
      const mode = p.nodeConfig?.workloadMetadataConfig?.mode;
      if (mode !== "GKE_METADATA") report(`pods reach the node's metadata (workloadMetadataConfig.mode is ${mode ?? "not set"}).`);
    }),
  ],
});
