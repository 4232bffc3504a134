import {
  asArray,
  disallowedPorts,
  isAzureWorldPrefix,
  PUBLIC_INGRESS_SCHEMA,
  type PublicIngressConfig,
  parsePortRange,
  resourceRule,
} from "@mlops-kit/policy-common";
import { NetworkSecurityGroup, SecurityRule } from "@pulumi/azure-native/network";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

interface RuleProps {
  name?: string;
  access?: string;
  direction?: string;
  protocol?: string;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
}

function check(rule: RuleProps, where: string, config: PublicIngressConfig, report: ReportViolation): void {
  if (rule.access !== "Allow" || rule.direction !== "Inbound") return;
  const world = [rule.sourceAddressPrefix, ...asArray(rule.sourceAddressPrefixes)].filter(isAzureWorldPrefix);
  if (world.length === 0) return;
  const protocol = (rule.protocol ?? "*").toLowerCase();
  let bad: string[];
  if (protocol !== "tcp") bad = [protocol === "*" ? "every protocol" : `protocol ${rule.protocol}`];
  else {
    const ranges = [rule.destinationPortRange, ...asArray(rule.destinationPortRanges)].filter((r) => r !== undefined);
    bad = (ranges.length === 0 ? ["*"] : ranges).flatMap((r) => {
      const range = parsePortRange(r);
      return range ? disallowedPorts(range[0], range[1], config.allowedPorts) : [String(r)];
    });
  }
  if (bad.length > 0)
    report(
      `${where} admits ${world.join(", ")} to ${bad.join(", ")}; only TCP ${config.allowedPorts.join(", ")} may be open to the internet.`,
    );
}

export default resourceRule({
  name: "mlops-azure-network-nsg-no-public-ingress",
  description: "Network security groups admit nothing from the internet (Internet, *, 0.0.0.0/0) except TCP 80 and 443.",
  severity: "critical",
  frameworks: {
    cis: ["Azure 2.1 6.1", "Azure 2.1 6.2", "Azure 2.1 6.3", "Azure 2.1 6.4"],
    nist: ["AC-4", "SC-7", "CM-7"],
    pci: ["1.3.1", "1.4.2"],
  },
  remediation: [
    "Narrow the rule's source to the ranges that need access (a service tag such as AzureLoadBalancer or GatewayManager, a VPN range).",
    "Use Azure Bastion instead of SSH or RDP from the internet.",
  ],
  configSchema: PUBLIC_INGRESS_SCHEMA,
  validateResource: [
    validateResourceOfType(NetworkSecurityGroup, (nsg, args, report) => {
      for (const [i, rule] of asArray(nsg.securityRules).entries()) {
        check(rule as RuleProps, `securityRules[${i}]${rule.name ? ` (${rule.name})` : ""}`, args.getConfig(), report);
      }
    }),
    validateResourceOfType(SecurityRule, (rule, args, report) => check(rule as RuleProps, "this rule", args.getConfig(), report)),
  ],
});
