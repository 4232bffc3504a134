import { resourceRule } from "@mlops-kit/policy-common";
import { Record as DnsRecord } from "@pulumi/aws/route53";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

function check(record: { aliases?: { evaluateTargetHealth?: boolean }[] }, report: ReportViolation): void {
  for (const alias of record.aliases ?? []) {
    if (alias.evaluateTargetHealth !== true) {
      report("an alias does not evaluate its target's health: Route 53 keeps answering with a target that serves nothing.");
    }
  }
}

export default resourceRule({
  name: "mlops-aws-route53-alias-evaluates-health",
  description: "Route 53 alias records evaluate the health of their target (a load balancer with no healthy targets is not answered).",
  severity: "low",
  frameworks: { nist: ["CP-10", "SC-5"], pci: ["12.10.1"] },
  remediation: ["Set evaluateTargetHealth to true on each alias of the record."],
  validateResource: validateResourceOfType(DnsRecord, (record, _args, report) => check(record, report)),
});
