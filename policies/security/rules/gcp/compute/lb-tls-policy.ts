import { resourceRule } from "@mlops-kit/policy-common";
import { RegionSslPolicy, RegionTargetHttpsProxy, SSLPolicy, TargetHttpsProxy } from "@pulumi/gcp/compute";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

function checkProxy(proxy: { sslPolicy?: string }, report: ReportViolation): void {
  if (!proxy.sslPolicy) report("sslPolicy is not set: Google's default SSL policy allows TLS 1.0.");
}

function checkPolicy(policy: { minTlsVersion?: string; profile?: string }, report: ReportViolation): void {
  const min = policy.minTlsVersion ?? "TLS_1_0";
  if (min !== "TLS_1_2" && min !== "TLS_1_3") report(`minTlsVersion is ${min}; set TLS_1_2.`);
  if ((policy.profile ?? "COMPATIBLE") === "COMPATIBLE") report("profile COMPATIBLE allows weak cipher suites; use MODERN or RESTRICTED.");
}

export default resourceRule({
  name: "mlops-gcp-compute-lb-tls-policy",
  description: "HTTPS load balancers use an SSL policy with TLS 1.2 or later and no weak cipher suites.",
  severity: "high",
  frameworks: { cis: ["GCP 2.0 3.9"], nist: ["SC-8", "SC-13"], pci: ["4.2.1"] },
  remediation: [
    'Create a gcp.compute.SslPolicy with minTlsVersion "TLS_1_2" and profile "MODERN" or "RESTRICTED".',
    "Set sslPolicy on every target HTTPS proxy to it.",
  ],
  validateResource: [
    validateResourceOfType(TargetHttpsProxy, (p, _args, report) => checkProxy(p, report)),
    validateResourceOfType(RegionTargetHttpsProxy, (p, _args, report) => checkProxy(p, report)),
    validateResourceOfType(SSLPolicy, (p, _args, report) => checkPolicy(p, report)),
    validateResourceOfType(RegionSslPolicy, (p, _args, report) => checkPolicy(p, report)),
  ],
});
