import {
  asArray,
  disallowedPorts,
  isWorldCidr,
  PUBLIC_INGRESS_SCHEMA,
  type PublicIngressConfig,
  parsePortRange,
  resourceRule,
} from "@mlops-kit/policy-common";
import { Firewall } from "@pulumi/gcp/compute";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-compute-firewall-no-public-ingress",
  description: "Firewall rules allow nothing from the internet (0.0.0.0/0, ::/0) except TCP 80 and 443.",
  severity: "critical",
  frameworks: { cis: ["GCP 2.0 3.6", "GCP 2.0 3.7"], nist: ["AC-4", "SC-7", "CM-7"], pci: ["1.3.1", "1.4.2"] },
  remediation: [
    "Narrow sourceRanges to the ranges that need access (Google's load balancer and health check ranges 35.191.0.0/16 and 130.211.0.0/22, a VPN).",
    "Use Identity-Aware Proxy TCP forwarding (35.235.240.0/20) instead of SSH or RDP from the internet.",
  ],
  configSchema: PUBLIC_INGRESS_SCHEMA,
  validateResource: validateResourceOfType(Firewall, (fw, args, report) => {
    const { allowedPorts } = args.getConfig<PublicIngressConfig>();
    if ((fw.direction ?? "INGRESS") !== "INGRESS" || fw.disabled === true) return;
    const ranges = asArray(fw.sourceRanges);
    // With no source at all, GCP applies the rule to every source.
    const sources =
      ranges.length === 0 && asArray(fw.sourceTags).length === 0 && asArray(fw.sourceServiceAccounts).length === 0
        ? ["0.0.0.0/0 (no source given)"]
        : ranges;
    const world = sources.filter((s) => isWorldCidr(s) || s.startsWith("0.0.0.0/0 "));
    if (world.length === 0) return;
    for (const [i, allow] of asArray(fw.allows).entries()) {
      const protocol = String(allow.protocol).toLowerCase();
      let bad: string[];
      if (protocol !== "tcp" && protocol !== "6") bad = [protocol === "all" ? "every protocol and port" : `protocol ${allow.protocol}`];
      else if (asArray(allow.ports).length === 0) bad = ["every TCP port"];
      else
        bad = asArray(allow.ports).flatMap((p) => {
          const range = parsePortRange(p);
          return range ? disallowedPorts(range[0], range[1], allowedPorts) : [String(p)];
        });
      if (bad.length > 0)
        report(
          `allows[${i}] admits ${world.join(", ")} to ${bad.join(", ")}; only TCP ${allowedPorts.join(", ")} may be open to the internet.`,
        );
    }
  }),
});
