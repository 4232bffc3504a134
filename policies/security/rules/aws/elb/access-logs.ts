import { resourceRule } from "@mlops-kit/policy-common";
import { LoadBalancer as AlbLoadBalancer } from "@pulumi/aws/alb";
import { LoadBalancer } from "@pulumi/aws/lb";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

function check(lb: { loadBalancerType?: string; accessLogs?: { enabled?: boolean; bucket?: string } }, report: ReportViolation): void {
  if ((lb.loadBalancerType ?? "application") === "gateway") return;
  const logs = lb.accessLogs;
  if (!logs || logs.enabled === false || !logs.bucket) report("accessLogs is not enabled with a bucket.");
}

export default resourceRule({
  name: "mlops-aws-elb-access-logs",
  description: "Load balancers write access logs to S3.",
  severity: "medium",
  frameworks: { nist: ["AU-2", "AU-12"], pci: ["10.2.1"] },
  remediation: ["Set accessLogs { bucket, enabled: true } to a bucket whose policy lets the regional ELB account write to it."],
  validateResource: [
    validateResourceOfType(LoadBalancer, (lb, _args, report) => check(lb, report)),
    validateResourceOfType(AlbLoadBalancer, (lb, _args, report) => check(lb, report)),
  ],
});
