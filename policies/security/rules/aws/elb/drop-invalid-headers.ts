import { resourceRule } from "@mlops-kit/policy-common";
import { LoadBalancer as AlbLoadBalancer } from "@pulumi/aws/alb";
import { LoadBalancer } from "@pulumi/aws/lb";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

function check(lb: { loadBalancerType?: string; dropInvalidHeaderFields?: boolean }, report: ReportViolation): void {
  if ((lb.loadBalancerType ?? "application") !== "application") return;
  if (lb.dropInvalidHeaderFields !== true) report("dropInvalidHeaderFields is not true: malformed headers reach the targets.");
}

export default resourceRule({
  name: "mlops-aws-elb-drop-invalid-headers",
  description: "Application load balancers drop HTTP headers that are not valid, against request smuggling.",
  severity: "medium",
  frameworks: { nist: ["SC-7", "SI-10"], pci: ["6.4.1"] },
  remediation: ["Set dropInvalidHeaderFields to true on application load balancers."],
  validateResource: [
    validateResourceOfType(LoadBalancer, (lb, _args, report) => check(lb, report)),
    validateResourceOfType(AlbLoadBalancer, (lb, _args, report) => check(lb, report)),
  ],
});
