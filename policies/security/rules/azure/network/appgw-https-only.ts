import { asArray, asRecord, resourceRule } from "@mlops-kit/policy-common";
import { ApplicationGateway } from "@pulumi/azure-native/network";
import { validateResourceOfType } from "@pulumi/policy";

interface Named {
  name?: string;
  protocol?: string;
  id?: string;
}

/** The last path segment of a sub-resource id, which is the sub-resource's name. */
function nameOf(ref: unknown): string | undefined {
  const id = asRecord(ref)?.id;
  return typeof id === "string" ? id.split("/").pop() : undefined;
}

export default resourceRule({
  name: "mlops-azure-network-appgw-https-only",
  description: "Application gateway HTTP listeners only redirect to an HTTPS listener; requests are never served over plain HTTP.",
  severity: "high",
  frameworks: { nist: ["SC-8"], pci: ["4.2.1"] },
  remediation: [
    "Serve the backend from an Https listener with a Key Vault certificate.",
    "Route every Http listener to a redirectConfiguration whose targetListener is the Https listener (InferenceService does unless loadBalancer.tls.enabled is false).",
  ],
  validateResource: validateResourceOfType(ApplicationGateway, (gw, _args, report) => {
    const listeners = asArray(gw.httpListeners as Named[] | undefined);
    const protocolOf = new Map(listeners.map((l) => [l.name, String(l.protocol ?? "")]));
    const redirects = new Map(
      asArray(gw.redirectConfigurations as (Named & { targetListener?: unknown })[] | undefined).map((r) => [r.name, r]),
    );
    for (const rule of asArray(
      gw.requestRoutingRules as (Named & { httpListener?: unknown; redirectConfiguration?: unknown })[] | undefined,
    )) {
      const listener = nameOf(rule.httpListener);
      if (listener === undefined || protocolOf.get(listener)?.toLowerCase() !== "http") continue;
      const redirect = redirects.get(nameOf(rule.redirectConfiguration));
      const target = redirect ? nameOf(redirect.targetListener) : undefined;
      if (!redirect) report(`routing rule ${rule.name ?? "(unnamed)"} serves HTTP listener ${listener} without redirecting.`);
      else if (target === undefined || protocolOf.get(target)?.toLowerCase() !== "https") {
        report(
          `routing rule ${rule.name ?? "(unnamed)"} redirects HTTP listener ${listener} to ${target ?? "no listener"}, which is not HTTPS.`,
        );
      }
    }
  }),
});
