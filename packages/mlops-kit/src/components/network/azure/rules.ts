import { SecurityRuleAccess, SecurityRuleDirection, SecurityRuleProtocol } from "@pulumi/azure-native/types/enums/network";
import type { AzureSubnet } from "./resources";

// Highest number, so lowest precedence, a rule may have: whatever components and users add (a
// load balancer's 80/443) sits above these denies without renumbering them.
const LAST_PRIORITY = 4096;

/** One rule the network itself puts in a subnet's network security group. */
export interface RuleSpec {
  name: string;
  description: string;
  priority: number;
  direction: SecurityRuleDirection;
  access: SecurityRuleAccess;
  protocol: SecurityRuleProtocol;
  source: string;
  destination: string;
  ports: string;
}

// Application Gateway's own traffic sits just above the final denies, below anything a component
// or a user adds (100-3999), so it never has to be renumbered around them.
const GATEWAY_MANAGER_PRIORITY = 4000;
const AZURE_LOAD_BALANCER_PRIORITY = 4010;

/** The rules the network itself puts in each subnet's NSG. */
export function securityRulesFor(tier: AzureSubnet): RuleSpec[] {
  const { Inbound, Outbound } = SecurityRuleDirection;
  // Azure's default rules already drop unsolicited inbound traffic; the explicit deny keeps it
  // that way if someone adds a broad allow below the defaults, and makes the intent auditable.
  const rules = [denyInternet("deny-internet-inbound", Inbound, "Nothing is admitted from the internet.")];
  if (tier === "isolated") {
    // The data tier has no NAT and no default outbound access; this also overrides Azure's
    // default AllowInternetOutBound, so data cannot leave even if a public IP is attached later.
    // Azure services stay reachable through private endpoints, which are inside VirtualNetwork.
    rules.push(denyInternet("deny-internet-outbound", Outbound, "The data tier never reaches the internet."));
  }
  if (tier === "gateway") {
    // What Application Gateway v2 requires of its subnet's NSG ("Application Gateway
    // infrastructure configuration"): its control plane on 65200-65535 and Azure's health probes.
    // Client traffic (80/443) is admitted by each gateway's component, for its own clients only;
    // outbound stays at Azure's defaults, because the gateway refuses to deploy when outbound
    // Internet is denied.
    rules.push(
      {
        name: "allow-gateway-manager",
        description: "Application Gateway v2 control plane.",
        priority: GATEWAY_MANAGER_PRIORITY,
        direction: Inbound,
        access: SecurityRuleAccess.Allow,
        protocol: SecurityRuleProtocol.Tcp,
        source: "GatewayManager",
        destination: "*",
        ports: "65200-65535",
      },
      {
        name: "allow-azure-load-balancer",
        description: "Azure infrastructure health probes.",
        priority: AZURE_LOAD_BALANCER_PRIORITY,
        direction: Inbound,
        access: SecurityRuleAccess.Allow,
        protocol: SecurityRuleProtocol.Asterisk,
        source: "AzureLoadBalancer",
        destination: "*",
        ports: "*",
      },
    );
  }
  return rules;
}

function denyInternet(ruleName: string, direction: SecurityRuleDirection, description: string): RuleSpec {
  const inbound = direction === SecurityRuleDirection.Inbound;
  return {
    name: ruleName,
    description,
    priority: LAST_PRIORITY,
    direction,
    access: SecurityRuleAccess.Deny,
    protocol: SecurityRuleProtocol.Asterisk,
    source: inbound ? "Internet" : "*",
    destination: inbound ? "*" : "Internet",
    ports: "*",
  };
}
