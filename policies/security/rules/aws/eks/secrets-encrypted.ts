import { resourceRule } from "@mlops-kit/policy-common";
import { Cluster } from "@pulumi/aws/eks";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-eks-secrets-encrypted",
  description: "An EKS cluster envelope-encrypts Kubernetes secrets with a KMS key.",
  severity: "high",
  frameworks: { cis: ["EKS 1.5 5.3.1"], nist: ["SC-28", "SC-12"], pci: ["3.5.1"] },
  remediation: ['Set encryptionConfig { provider: { keyArn }, resources: ["secrets"] } with a customer-managed KMS key.'],
  validateResource: validateResourceOfType(Cluster, (c, _args, report) => {
    if (!(c.encryptionConfig?.resources ?? []).includes("secrets") || !c.encryptionConfig?.provider?.keyArn) {
      report("Kubernetes secrets are not encrypted with a KMS key (encryptionConfig).");
    }
  }),
});
