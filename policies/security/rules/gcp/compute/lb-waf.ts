import { asArray, asRecord, resourceRule } from "@mlops-kit/policy-common";
import { BackendService, RegionBackendService, RegionSecurityPolicy, SecurityPolicy } from "@pulumi/gcp/compute";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

/** Application Load Balancer schemes whose backends Cloud Armor can protect. */
const PROXIED = new Set(["EXTERNAL_MANAGED", "INTERNAL_MANAGED", "EXTERNAL"]);

function checkBackend(b: { loadBalancingScheme?: string; securityPolicy?: string }, report: ReportViolation): void {
  if (PROXIED.has(b.loadBalancingScheme ?? "EXTERNAL") && !b.securityPolicy) {
    report("securityPolicy is not set: requests reach the backends without Cloud Armor's WAF rules.");
  }
}

function checkPolicy(p: { rules?: unknown }, report: ReportViolation): void {
  const rules = asArray(p.rules as Record<string, unknown>[] | undefined);
  const waf = rules.filter((r) => String(asRecord(asRecord(r.match)?.expr)?.expression ?? "").includes("evaluatePreconfiguredWaf("));
  if (waf.length === 0) report("no rule evaluates Google's preconfigured WAF rules (evaluatePreconfiguredWaf).");
  else if (waf.every((r) => r.preview === true)) report("every preconfigured WAF rule is in preview: matches are logged, not blocked.");
}

export default resourceRule({
  name: "mlops-gcp-compute-lb-waf",
  description:
    "Application Load Balancer backends are behind a Cloud Armor policy that enforces Google's preconfigured WAF rules (OWASP CRS).",
  severity: "high",
  frameworks: { cis: ["GCP 2.0 3.10"], nist: ["SC-7", "SI-10"], pci: ["6.4.2"] },
  remediation: [
    "Attach a Cloud Armor security policy to the backend service (InferenceService does unless loadBalancer.waf.enabled is false).",
    "Add rules with evaluatePreconfiguredWaf('sqli-v33-stable', ...) and the other CRS 3.3 sets, not in preview (loadBalancer.waf.mode \"prevention\").",
  ],
  validateResource: [
    validateResourceOfType(BackendService, (b, _args, report) => checkBackend(b, report)),
    validateResourceOfType(RegionBackendService, (b, _args, report) => checkBackend(b, report)),
    validateResourceOfType(SecurityPolicy, (p, _args, report) => checkPolicy(p, report)),
    validateResourceOfType(RegionSecurityPolicy, (p, _args, report) => checkPolicy(p, report)),
  ],
});
