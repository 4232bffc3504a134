import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cidr, formatCidr, size } from "../../../core/net/cidr";
import { parseSpec } from "../../../core/spec";
import { planInferenceService } from "../plan";
import { type InferenceServiceArgs, inferenceServiceSchema } from "../spec";
import { type GatewayPartKind, gatewayLayout, gatewayPartId, privateFrontendAddress, servedProtocols } from "./gateway-layout";

const CERT = "https://acme.vault.azure.net/secrets/api-tls";
const network = { cloud: "azure", name: "core", cidr: "10.0.0.0/16" } as unknown as InferenceServiceArgs["network"];
const ctx = { cloud: "azure", profile: "dev", scope: { project: "p", stack: "dev" }, tags: {}, region: undefined } as const;
const azurePlan = (loadBalancer: InferenceServiceArgs["loadBalancer"] = { tls: { certificateId: CERT } }) =>
  planInferenceService(
    "api",
    parseSpec(inferenceServiceSchema, "InferenceService", "api", {
      network,
      image: "a/b:1",
      compute: { cpu: 2, memoryGiB: 8 },
      loadBalancer,
    }),
    ctx,
  );
/** Ids as `kind/name`, so references can be checked against the parts that exist. */
const ref = (kind: GatewayPartKind, name: string) => `${kind}/${name}`;

describe("Application Gateway part ids", () => {
  it("GIVEN a gateway THEN a part's id is the gateway's id, the collection and the part's name", () => {
    expect(gatewayPartId({ subscriptionId: "s1", resourceGroupName: "rg", name: "api-gateway" }, "probes", "health")).toBe(
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/api-gateway/probes/health",
    );
  });
});

describe("Application Gateway layout", () => {
  it.each([
    ["TLS with redirect", { tls: { certificateId: CERT } }, ["https", "http"], ["https/100", "http/110"], ["to-https"], [443, 80]],
    ["TLS without redirect", { tls: { certificateId: CERT, redirectHttp: false } }, ["https"], ["https/100"], [], [443]],
    ["TLS off", { tls: { enabled: false } }, ["http"], ["http/110"], [], [80]],
  ] as const)("GIVEN %s THEN listeners %j, rules %j, redirects %j on ports %j", (_, lb, listeners, rules, redirects, ports) => {
    const layout = gatewayLayout(azurePlan(lb as InferenceServiceArgs["loadBalancer"]), ref);
    expect(layout.httpListeners.map((l) => l.name)).toEqual(listeners);
    expect(layout.requestRoutingRules.map((r) => `${r.name}/${r.priority}`)).toEqual(rules);
    expect((layout.redirectConfigurations ?? []).map((r) => r.name)).toEqual(redirects);
    expect(layout.frontendPorts.map((p) => p.port)).toEqual(ports);
    expect(layout.sslPolicy !== undefined).toBe(ports.includes(443 as never));
  });

  it("GIVEN TLS with redirect THEN HTTP redirects permanently to the HTTPS listener, keeping path and query, and only HTTPS reaches the instances", () => {
    const layout = gatewayLayout(azurePlan(), ref);
    expect(layout.redirectConfigurations).toEqual([
      {
        name: "to-https",
        redirectType: "Permanent",
        targetListener: { id: "httpListeners/https" },
        includePath: true,
        includeQueryString: true,
      },
    ]);
    const [https, http] = layout.requestRoutingRules;
    expect(https?.backendAddressPool).toEqual({ id: "backendAddressPools/instances" });
    expect(http).toMatchObject({ redirectConfiguration: { id: "redirectConfigurations/to-https" } });
    expect(http?.backendAddressPool).toBeUndefined();
  });

  it("GIVEN an internal scheme THEN every listener binds the private frontend", () => {
    const layout = gatewayLayout(azurePlan({ scheme: "internal", tls: { certificateId: CERT } }), ref);
    for (const l of layout.httpListeners) expect(l.frontendIPConfiguration).toEqual({ id: "frontendIPConfigurations/private" });
  });

  it("GIVEN any load balancer settings THEN every reference names a part the gateway has", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.constantFrom("public", "internal"), fc.boolean(), (tls, redirectHttp, scheme, sticky) => {
        const plan = azurePlan({
          scheme: scheme as "public",
          tls: tls ? { certificateId: CERT, redirectHttp } : { enabled: false },
          stickiness: { enabled: sticky },
        });
        const layout = gatewayLayout(plan, ref);
        const has = new Set([
          ...layout.frontendPorts.map((p) => ref("frontendPorts", p.name)),
          ...layout.httpListeners.map((l) => ref("httpListeners", l.name)),
          ...(layout.redirectConfigurations ?? []).map((r) => ref("redirectConfigurations", r.name)),
          ...layout.backendAddressPools.map((p) => ref("backendAddressPools", p.name)),
          ...layout.backendHttpSettingsCollection.map((b) => ref("backendHttpSettingsCollection", b.name)),
          ...layout.probes.map((p) => ref("probes", p.name)),
          // Added by the backend: the frontends and the Key Vault certificate.
          ref("frontendIPConfigurations", scheme === "public" ? "public" : "private"),
          ...(tls ? [ref("sslCertificates", "tls")] : []),
        ]);
        const refs = JSON.stringify(layout).match(/"id":"[^"]+"/g) ?? [];
        for (const r of refs) expect(has, r).toContain(r.slice(6, -1));
        const served = servedProtocols(plan);
        expect(served).toEqual({ https: tls, http: !tls || redirectHttp });
      }),
    );
  });
});

describe("internal frontend address", () => {
  it.each([
    ["10.0.224.0/20", 0, "10.0.239.254"],
    ["10.0.224.0/20", 1, "10.0.239.253"],
    ["10.0.224.0/20", 1023, "10.0.239.254"],
    ["10.1.0.0/29", 12345, "10.1.0.6"],
  ])("GIVEN subnet %s and seed %i THEN the address is %s", (subnet, seed, address) => {
    expect(privateFrontendAddress(subnet, seed)).toBe(address);
  });

  it("GIVEN any subnet and seed THEN the address is in the subnet's top quarter and is never its last (Azure's)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 29 }), fc.nat(2 ** 32 - 1), fc.nat(2 ** 31), (prefix, n, seed) => {
        const subnet = formatCidr({ base: n - (n % size(prefix)), prefix });
        const address = cidr(`${privateFrontendAddress(subnet, seed)}/32`).base;
        const last = cidr(subnet).base + size(prefix) - 1;
        expect(address).toBeLessThan(last);
        expect(address).toBeGreaterThanOrEqual(last - size(prefix) / 4);
      }),
    );
  });
});
