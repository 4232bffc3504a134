import { resourceRule } from "@mlops-kit/policy-common";
import { Cluster } from "@pulumi/aws/eks";
import { validateResourceOfType } from "@pulumi/policy";

/** The control-plane log types an audit needs at least (EKS "Control plane logging"). */
const REQUIRED = ["api", "audit", "authenticator"];

export default resourceRule({
  name: "mlops-aws-eks-control-plane-logs",
  description: "An EKS cluster sends its API, audit and authenticator logs to CloudWatch.",
  severity: "high",
  frameworks: { cis: ["EKS 1.5 2.1.1"], nist: ["AU-2", "AU-12"], pci: ["10.2.1"] },
  remediation: ['Set enabledClusterLogTypes to ["api", "audit", "authenticator", "controllerManager", "scheduler"].'],
  validateResource: validateResourceOfType(Cluster, (c, _args, report) => {
    const missing = REQUIRED.filter((t) => !(c.enabledClusterLogTypes ?? []).includes(t));
    if (missing.length > 0) report(`control-plane logs ${missing.join(", ")} are off (enabledClusterLogTypes).`);
  }),
});
