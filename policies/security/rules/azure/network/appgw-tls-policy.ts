import { resourceRule } from "@mlops-kit/policy-common";
import { ApplicationGateway } from "@pulumi/azure-native/network";
import { validateResourceOfType } from "@pulumi/policy";

/** Predefined policies whose minimum protocol is TLS 1.2. */
const TLS12_PREDEFINED = ["AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];

export default resourceRule({
  name: "mlops-azure-network-appgw-tls-policy",
  description: "Application gateways negotiate TLS 1.2 or later.",
  severity: "high",
  frameworks: { nist: ["SC-8", "SC-13"], pci: ["4.2.1"] },
  remediation: [
    'Set sslPolicy { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" }, or a Custom/CustomV2 policy with minProtocolVersion "TLSv1_2".',
  ],
  validateResource: validateResourceOfType(ApplicationGateway, (gw, _args, report) => {
    const p = gw.sslPolicy;
    // Without sslPolicy, the API version azure-native 3.x uses (2024-05-01) applies AppGwSslPolicy20220101 (TLS 1.2).
    if (!p) return;
    if (p.policyType === "Predefined") {
      if (!TLS12_PREDEFINED.includes(String(p.policyName)))
        report(`predefined policy ${p.policyName ?? "(none)"} allows TLS older than 1.2.`);
    } else if (p.minProtocolVersion !== "TLSv1_2" && p.minProtocolVersion !== "TLSv1_3") {
      report(`sslPolicy.minProtocolVersion is ${p.minProtocolVersion ?? "not set"}; set TLSv1_2.`);
    }
  }),
});
