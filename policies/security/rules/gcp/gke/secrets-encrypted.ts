import { resourceRule } from "@mlops-kit/policy-common";
import { Cluster } from "@pulumi/gcp/container";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-gke-secrets-encrypted",
  description: "A GKE cluster encrypts Kubernetes secrets at the application layer with a Cloud KMS key.",
  severity: "high",
  frameworks: { cis: ["GKE 1.6 5.3.1"], nist: ["SC-28", "SC-12"], pci: ["3.5.1"] },
  remediation: ['Set databaseEncryption { state: "ENCRYPTED", keyName: <Cloud KMS key id> }.'],
  validateResource: validateResourceOfType(Cluster, (c, _args, report) => {
    if (c.databaseEncryption?.state !== "ENCRYPTED" || !c.databaseEncryption?.keyName) {
      report("secrets are not encrypted with a Cloud KMS key (databaseEncryption).");
    }
  }),
});
