import {
  asArray,
  asNumber,
  disallowedPorts,
  isWorldCidr,
  PUBLIC_INGRESS_SCHEMA,
  type PublicIngressConfig,
  resourceRule,
} from "@mlops-kit/policy-common";
import { SecurityGroup, SecurityGroupRule } from "@pulumi/aws/ec2";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

interface IngressLike {
  protocol?: string;
  fromPort?: number;
  toPort?: number;
  sources: unknown[];
}

function check(rule: IngressLike, where: string, config: PublicIngressConfig, report: ReportViolation): void {
  const world = rule.sources.filter(isWorldCidr);
  if (world.length === 0) return;
  const protocol = String(rule.protocol ?? "-1").toLowerCase();
  const allPorts = protocol === "-1" || protocol === "all";
  // ICMP and other protocols have no ports: only TCP to the allowed ports may face the internet.
  const bad =
    allPorts || (protocol !== "tcp" && protocol !== "6")
      ? [allPorts ? "every port" : `protocol ${rule.protocol}`]
      : disallowedPorts(asNumber(rule.fromPort) ?? 0, asNumber(rule.toPort) ?? 65535, config.allowedPorts);
  if (bad.length > 0) {
    report(
      `${where} admits ${world.join(", ")} to ${bad.join(", ")}; only TCP ${config.allowedPorts.join(", ")} may be open to the internet.`,
    );
  }
}

export default resourceRule({
  name: "mlops-aws-ec2-no-public-ingress",
  description: "Security groups admit nothing from the internet (0.0.0.0/0, ::/0) except TCP 80 and 443.",
  severity: "critical",
  frameworks: { cis: ["AWS 3.0 5.2", "AWS 3.0 5.3"], nist: ["AC-4", "SC-7", "CM-7"], pci: ["1.3.1", "1.4.2"] },
  remediation: [
    "Narrow the rule's source to the ranges that need access (the VPC, a VPN, a load balancer's security group).",
    "Expose services through a load balancer listening on 80/443; reach instances with SSM Session Manager instead of SSH or RDP.",
  ],
  configSchema: PUBLIC_INGRESS_SCHEMA,
  validateResource: [
    validateResourceOfType(SecurityGroup, (sg, args, report) => {
      const config = args.getConfig<PublicIngressConfig>();
      for (const [i, rule] of asArray(sg.ingress).entries()) {
        const sources = [...asArray(rule.cidrBlocks), ...asArray(rule.ipv6CidrBlocks)];
        check({ protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, sources }, `ingress[${i}]`, config, report);
      }
    }),
    validateResourceOfType(SecurityGroupRule, (rule, args, report) => {
      if (rule.type !== "ingress") return;
      const sources = [...asArray(rule.cidrBlocks), ...asArray(rule.ipv6CidrBlocks)];
      check({ protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, sources }, "this rule", args.getConfig(), report);
    }),
    validateResourceOfType(SecurityGroupIngressRule, (rule, args, report) => {
      const sources = [rule.cidrIpv4, rule.cidrIpv6].filter((s) => s !== undefined);
      check({ protocol: rule.ipProtocol, fromPort: rule.fromPort, toPort: rule.toPort, sources }, "this rule", args.getConfig(), report);
    }),
  ],
});
