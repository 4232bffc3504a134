import { resourceRule } from "@mlops-kit/policy-common";
import { ApplicationGateway } from "@pulumi/azure-native/network";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-network-appgw-waf",
  description: "Application gateways run the web application firewall.",
  severity: "medium",
  frameworks: { nist: ["SC-7", "SI-4"], pci: ["6.4.1", "6.4.2"] },
  remediation: ['Use the WAF_v2 SKU with a firewallPolicy (or webApplicationFirewallConfiguration.enabled) in "Prevention" mode.'],
  validateResource: validateResourceOfType(ApplicationGateway, (gw, _args, report) => {
    const tier = String(gw.sku?.tier ?? "");
    if (!tier.startsWith("WAF")) report(`sku.tier is ${tier || "not set"}; use WAF_v2.`);
    else if (!gw.firewallPolicy?.id && gw.webApplicationFirewallConfiguration?.enabled !== true)
      report("no firewallPolicy, and webApplicationFirewallConfiguration is not enabled.");
  }),
});
