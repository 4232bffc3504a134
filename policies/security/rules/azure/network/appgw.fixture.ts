import { planResource } from "@mlops-kit/testing";

/** An Application Gateway with WAF_v2 and a TLS 1.2 policy. */
export function gateway(changes: Record<string, unknown> = {}) {
  return planResource("azure-native:network:ApplicationGateway", "api", {
    resourceGroupName: "rg",
    sku: { name: "WAF_v2", tier: "WAF_v2", capacity: 2 },
    sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" },
    firewallPolicy: { id: "waf-policy" },
    ...changes,
  });
}
