import { cidr, formatCidr, size } from "../../../core/net/cidr";
import type { InferenceServicePlan } from "../plan";

// The Application Gateway's parts as the plan decides them: frontends, listeners, routing rules,
// the backend settings and the probe, wired to each other by id. Pure: the backend adds what only
// the cloud knows (the subnet, the public IP, the certificate, the firewall policy).

/** The Application Gateway's backend pool of the scale set's instances. */
export const BACKEND_POOL = "instances";

/** The collections of a gateway whose members other members refer to. */
export type GatewayPartKind =
  | "frontendIPConfigurations"
  | "frontendPorts"
  | "sslCertificates"
  | "httpListeners"
  | "redirectConfigurations"
  | "backendAddressPools"
  | "backendHttpSettingsCollection"
  | "probes";

interface Ref<Id> {
  id: Id;
}

export interface Listener<Id> {
  name: string;
  protocol: "Http" | "Https";
  frontendIPConfiguration: Ref<Id>;
  frontendPort: Ref<Id>;
  sslCertificate?: Ref<Id>;
}

export interface RoutingRule<Id> {
  name: string;
  priority: number;
  ruleType: "Basic";
  httpListener: Ref<Id>;
  backendAddressPool?: Ref<Id>;
  backendHttpSettings?: Ref<Id>;
  redirectConfiguration?: Ref<Id>;
}

export interface Redirect<Id> {
  name: string;
  redirectType: "Permanent";
  targetListener: Ref<Id>;
  includePath: boolean;
  includeQueryString: boolean;
}

/** What the ids of a gateway's parts are spelled from. */
export interface GatewayRef {
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
}

/**
 * Parts of a gateway refer to each other by resource id, and the gateway has no id before it
 * exists: the ids are spelled out from its subscription, group and name.
 */
export function gatewayPartId(gateway: GatewayRef, kind: GatewayPartKind, partName: string): string {
  const { subscriptionId, resourceGroupName, name } = gateway;
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/applicationGateways/${name}/${kind}/${partName}`;
}

/**
 * The frontend the listeners bind: the public IP, or a static private address in the gateway
 * subnet when the scheme is internal.
 */
function frontendName(plan: InferenceServicePlan): "public" | "private" {
  return plan.loadBalancer.scheme === "public" ? "public" : "private";
}

/** HTTPS unless TLS is off; HTTP when TLS is off, or to redirect to HTTPS. */
export function servedProtocols(plan: InferenceServicePlan): { https: boolean; http: boolean } {
  const tls = plan.loadBalancer.tls;
  return { https: tls.mode !== "off", http: tls.mode === "off" || tls.redirectHttp };
}

/**
 * The listeners on the frontend, the routing rules behind them, and the redirect from HTTP to
 * HTTPS when both are served.
 */
function listenersAndRules<Id>(plan: InferenceServicePlan, part: (kind: GatewayPartKind, name: string) => Id) {
  const served = servedProtocols(plan);
  const frontendIPConfiguration = { id: part("frontendIPConfigurations", frontendName(plan)) };
  const toBackend = {
    backendAddressPool: { id: part("backendAddressPools", BACKEND_POOL) },
    backendHttpSettings: { id: part("backendHttpSettingsCollection", "model") },
  };
  const httpListeners: Listener<Id>[] = [];
  const requestRoutingRules: RoutingRule<Id>[] = [];
  const redirectConfigurations: Redirect<Id>[] = [];
  if (served.https) {
    httpListeners.push({
      name: "https",
      protocol: "Https",
      frontendIPConfiguration,
      frontendPort: { id: part("frontendPorts", "https") },
      sslCertificate: { id: part("sslCertificates", "tls") },
    });
    requestRoutingRules.push({
      name: "https",
      priority: 100,
      ruleType: "Basic",
      httpListener: { id: part("httpListeners", "https") },
      ...toBackend,
    });
  }
  if (served.http) {
    httpListeners.push({ name: "http", protocol: "Http", frontendIPConfiguration, frontendPort: { id: part("frontendPorts", "http") } });
    if (served.https) {
      redirectConfigurations.push({
        name: "to-https",
        redirectType: "Permanent",
        targetListener: { id: part("httpListeners", "https") },
        includePath: true,
        includeQueryString: true,
      });
    }
    requestRoutingRules.push({
      name: "http",
      priority: 110,
      ruleType: "Basic",
      httpListener: { id: part("httpListeners", "http") },
      ...(served.https ? { redirectConfiguration: { id: part("redirectConfigurations", "to-https") } } : toBackend),
    });
  }
  return { httpListeners, requestRoutingRules, redirectConfigurations };
}

/**
 * Everything of the gateway that follows from the plan: its ports, listeners, redirect and routing
 * rules, backend pool, backend settings and health probe. `part` names another part by id.
 */
export function gatewayLayout<Id>(plan: InferenceServicePlan, part: (kind: GatewayPartKind, name: string) => Id) {
  const lb = plan.loadBalancer;
  const hc = plan.healthCheck;
  const served = servedProtocols(plan);
  const { httpListeners, requestRoutingRules, redirectConfigurations } = listenersAndRules(plan, part);
  return {
    frontendPorts: [...(served.https ? [{ name: "https", port: 443 }] : []), ...(served.http ? [{ name: "http", port: 80 }] : [])],
    // TLS 1.2 and up, forward-secret AEAD ciphers first.
    sslPolicy: served.https ? { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" } : undefined,
    httpListeners,
    redirectConfigurations: redirectConfigurations.length > 0 ? redirectConfigurations : undefined,
    requestRoutingRules,
    // Members come from the scale set's NICs, which name this pool.
    backendAddressPools: [{ name: BACKEND_POOL }],
    backendHttpSettingsCollection: [
      {
        name: "model",
        port: plan.container.port,
        protocol: "Http",
        cookieBasedAffinity: lb.stickiness.enabled ? "Enabled" : "Disabled",
        affinityCookieName: lb.stickiness.enabled ? "MLOPSAFFINITY" : undefined,
        // The longest the gateway waits for the model's answer (1-86400 s); draining as long lets
        // every request in flight on a departing instance finish (draining takes 1-3600 s).
        requestTimeout: lb.requestTimeoutSeconds,
        connectionDraining: { enabled: true, drainTimeoutInSec: lb.drainTimeoutSeconds },
        pickHostNameFromBackendAddress: true,
        probe: { id: part("probes", "health") },
      },
    ],
    probes: [
      {
        name: "health",
        protocol: "Http",
        path: hc.path,
        interval: hc.intervalSeconds,
        timeout: hc.timeoutSeconds,
        unhealthyThreshold: hc.unhealthyThreshold,
        pickHostNameFromBackendHttpSettings: true,
        match: { statusCodes: ["200-399"] },
      },
    ],
  };
}

/**
 * A static private frontend address for an internal gateway, from the top quarter of the gateway
 * subnet (gateway instances take addresses from its bottom), placed by the plan's
 * `azure.privateFrontendSeed`.
 */
export function privateFrontendAddress(gatewaySubnetCidr: string, seed: number): string {
  const block = cidr(gatewaySubnetCidr);
  const quarter = Math.max(1, size(block.prefix) / 4 - 1);
  const offset = seed % quarter;
  // Azure keeps the last address of a subnet.
  const address = block.base + size(block.prefix) - 2 - offset;
  return formatCidr({ base: address, prefix: 32 }).split("/")[0] ?? "";
}
