import { resourceRule } from "@mlops-kit/policy-common";
import { IpSet } from "@pulumi/aws/wafv2";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

/** Ranges that contain every address of their family. */
const WORLD = new Set(["0.0.0.0/0", "::/0"]);

function check(set: { addresses?: string[] }, report: ReportViolation): void {
  const open = (set.addresses ?? []).filter((a) => WORLD.has(a.trim()));
  if (open.length > 0) report(`addresses include ${open.join(", ")}: a rule that allows or blocks by this set matches every client.`);
}

export default resourceRule({
  name: "mlops-aws-waf-ip-set-not-open",
  description: "WAF IP sets (allow-lists) do not contain the whole address space.",
  severity: "high",
  frameworks: { nist: ["AC-3", "SC-7"], pci: ["1.3.1"] },
  remediation: ["List the client ranges that may call the service; leave 0.0.0.0/0 and ::/0 out."],
  validateResource: validateResourceOfType(IpSet, (set, _args, report) => check(set, report)),
});
