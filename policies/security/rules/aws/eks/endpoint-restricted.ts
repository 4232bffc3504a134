import { isWorldCidr, resourceRule } from "@mlops-kit/policy-common";
import { Cluster } from "@pulumi/aws/eks";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-eks-endpoint-restricted",
  description: "An EKS cluster's API endpoint is private, or public only to listed CIDRs (never 0.0.0.0/0).",
  severity: "high",
  frameworks: { cis: ["EKS 1.5 5.4.1"], nist: ["AC-3", "SC-7"], pci: ["1.3.1"] },
  remediation: [
    "Set vpcConfig.endpointPrivateAccess to true and endpointPublicAccess to false; or keep public access with publicAccessCidrs listing only your ranges (TrainingCluster endpoint.authorizedCidrs).",
  ],
  validateResource: validateResourceOfType(Cluster, (c, _args, report) => {
    const vpc = c.vpcConfig;
    // EKS opens the public endpoint to 0.0.0.0/0 when publicAccessCidrs is left out (EKS API, vpcConfig).
    if (vpc?.endpointPublicAccess === false) return;
    const cidrs = vpc?.publicAccessCidrs ?? [];
    if (cidrs.length === 0 || cidrs.some(isWorldCidr)) {
      report(`the public API endpoint is open to ${cidrs.length === 0 ? "0.0.0.0/0 (no publicAccessCidrs)" : cidrs.join(", ")}.`);
    }
  }),
});
