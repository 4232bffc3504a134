import { resourceRule } from "@mlops-kit/policy-common";
import { WebAcl } from "@pulumi/aws/wafv2";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

interface Visibility {
  cloudwatchMetricsEnabled?: boolean;
  sampledRequestsEnabled?: boolean;
}
interface Rule {
  statement?: { managedRuleGroupStatement?: { vendorName?: string } };
  visibilityConfig?: Visibility;
}

function check(acl: { rules?: Rule[]; visibilityConfig?: Visibility }, report: ReportViolation): void {
  const rules = acl.rules ?? [];
  if (!rules.some((r) => r.statement?.managedRuleGroupStatement?.vendorName === "AWS")) {
    report("applies no AWS managed rule group: the web ACL inspects nothing for common attacks.");
  }
  const hidden = [acl.visibilityConfig, ...rules.map((r) => r.visibilityConfig)].some(
    (v) => v?.cloudwatchMetricsEnabled !== true || v.sampledRequestsEnabled !== true,
  );
  if (hidden) report("records no CloudWatch metrics or sampled requests for the web ACL or one of its rules.");
}

export default resourceRule({
  name: "mlops-aws-waf-web-acl-managed-rules",
  description: "WAF web ACLs apply AWS managed rule groups and record metrics and sampled requests for every rule.",
  severity: "medium",
  frameworks: { nist: ["SC-7", "SI-4"], pci: ["6.4.2"] },
  remediation: [
    "Add a rule with a managedRuleGroupStatement of vendor AWS (AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet).",
    "Set cloudwatchMetricsEnabled and sampledRequestsEnabled to true in the web ACL's and each rule's visibilityConfig.",
  ],
  validateResource: validateResourceOfType(WebAcl, (acl, _args, report) => check(acl as never, report)),
});
