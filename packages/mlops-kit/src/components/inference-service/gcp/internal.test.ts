import * as path from "node:path";
import { evaluatePolicies, loadPolicyPack, type Plan, type PlanResource, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { MlopsVpc } from "../../network/component";
import { InferenceService } from "../component";
import type { InferenceServiceArgs } from "../spec";

const ROOT = path.resolve(__dirname, "../../../../../..");
const CONFIG = { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme-ml-dev" };
const CERT = "projects/acme-ml-dev/locations/us-central1/certificates/api";
const T = {
  subnetwork: "gcp:compute/subnetwork:Subnetwork",
  healthCheck: "gcp:compute/regionHealthCheck:RegionHealthCheck",
  backend: "gcp:compute/regionBackendService:RegionBackendService",
  urlMap: "gcp:compute/regionUrlMap:RegionUrlMap",
  httpsProxy: "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy",
  httpProxy: "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy",
  sslPolicy: "gcp:compute/regionSslPolicy:RegionSslPolicy",
  securityPolicy: "gcp:compute/regionSecurityPolicy:RegionSecurityPolicy",
  address: "gcp:compute/address:Address",
  rule: "gcp:compute/forwardingRule:ForwardingRule",
  firewall: "gcp:compute/firewall:Firewall",
  sink: "gcp:logging/projectSink:ProjectSink",
  group: "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
} as const;
const GLOBAL_TYPES = [
  "gcp:compute/healthCheck:HealthCheck",
  "gcp:compute/backendService:BackendService",
  "gcp:compute/uRLMap:URLMap",
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
  "gcp:compute/globalAddress:GlobalAddress",
  "gcp:compute/globalForwardingRule:GlobalForwardingRule",
  "gcp:compute/securityPolicy:SecurityPolicy",
];

const inputs = (r: PlanResource) => r.inputs as Record<string, unknown>;

async function synthInternal(extra: Partial<InferenceServiceArgs> = {}): Promise<Plan> {
  return synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      new InferenceService("api", {
        network: vpc.network,
        image: "us-central1-docker.pkg.dev/acme-ml-dev/models/api:1",
        compute: { cpu: 2, memoryGiB: 8 },
        loadBalancer: { scheme: "internal", tls: { certificateId: CERT } },
        ...extra,
      });
    },
    { project: "p", stack: "dev", config: CONFIG },
  );
}

describe("InferenceService on GCP: the internal scheme (a regional internal Application Load Balancer)", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await synthInternal();
  });

  it("GIVEN scheme internal WHEN synthesized THEN every load balancer part is regional and INTERNAL_MANAGED, and nothing global is made", () => {
    for (const type of Object.values(T)) expect(resourcesOfType(plan, type).length, type).toBeGreaterThan(0);
    for (const type of GLOBAL_TYPES) expect(resourcesOfType(plan, type), type).toEqual([]);
    expect(inputs(resource(plan, T.backend, "api-backend"))).toMatchObject({
      loadBalancingScheme: "INTERNAL_MANAGED",
      region: "us-central1",
    });
    for (const r of resourcesOfType(plan, T.rule)) {
      expect(inputs(r), r.name).toMatchObject({ loadBalancingScheme: "INTERNAL_MANAGED", region: "us-central1", networkTier: "PREMIUM" });
    }
    expect(
      resourcesOfType(plan, T.rule)
        .map((r) => inputs(r).portRange)
        .sort(),
    ).toEqual(["443", "80"]);
  });

  it("GIVEN scheme internal WHEN synthesized THEN the address and forwarding rules sit in the private tier and wait for the proxy-only subnetwork", () => {
    const privateSubnet = resource(plan, T.subnetwork, "core-private");
    const proxyOnly = resource(plan, T.subnetwork, "core-proxy-only");
    expect(inputs(proxyOnly).purpose).toBe("REGIONAL_MANAGED_PROXY");
    const privateId = `${inputs(privateSubnet).name}-id`;
    const address = resource(plan, T.address, "api-address");
    expect(inputs(address)).toMatchObject({ addressType: "INTERNAL", purpose: "SHARED_LOADBALANCER_VIP", subnetwork: privateId });
    const https = resource(plan, T.rule, "api-https");
    expect(inputs(https).subnetwork).toBe(privateId);
    expect(https.dependencies).toContain(proxyOnly.urn);
    expect(https.dependencies).toContain(privateSubnet.urn);
  });

  it("GIVEN a Certificate Manager certificate WHEN synthesized THEN the regional HTTPS proxy takes it there, with a RESTRICTED TLS policy and the keepalive", () => {
    const proxy = inputs(resource(plan, T.httpsProxy, "api-https"));
    expect(proxy.certificateManagerCertificates).toEqual([CERT]);
    expect(proxy.sslCertificates).toBeUndefined();
    expect(proxy.httpKeepAliveTimeoutSec).toBe(60);
    expect(inputs(resource(plan, T.sslPolicy, "api-tls"))).toMatchObject({ profile: "RESTRICTED", minTlsVersion: "TLS_1_2" });
  });

  it("GIVEN a self-managed regional certificate WHEN synthesized THEN it goes to sslCertificates", async () => {
    const self = "projects/acme-ml-dev/regions/us-central1/sslCertificates/api";
    const p = await synthInternal({ loadBalancer: { scheme: "internal", tls: { certificateId: self } } });
    const proxy = inputs(resource(p, T.httpsProxy, "api-https"));
    expect(proxy.sslCertificates).toEqual([self]);
    expect(proxy.certificateManagerCertificates).toBeUndefined();
  });

  it("GIVEN scheme internal WHEN synthesized THEN the firewall admits the proxy-only range and the health checkers, and the backend's Cloud Armor admits only the network", () => {
    const fw = inputs(resource(plan, T.firewall, "api-allow-lb"));
    expect(fw.sourceRanges).toEqual(["35.191.0.0/16", "130.211.0.0/22", "10.0.240.0/20"]);
    const policy = resource(plan, T.securityPolicy, "api-allowlist");
    const rules = inputs(policy).rules as { action: string; match: { config?: { srcIpRanges: string[] } } }[];
    expect(rules.filter((r) => r.action === "allow").map((r) => r.match.config?.srcIpRanges)).toEqual([["10.0.0.0/16"]]);
    expect(inputs(resource(plan, T.backend, "api-backend")).securityPolicy).toBe(
      `https://mock.googleapis.com/regionsecuritypolicy/${inputs(policy).name}`,
    );
  });

  it("GIVEN scheme internal WHEN synthesized THEN request logs are routed from the internal load balancer's own resource type, by the label that names its backend service", () => {
    const backendName = inputs(resource(plan, T.backend, "api-backend")).name;
    // internal_http_lb_rule names the backend service in backend_target_name; it has no backend_service_name.
    expect(inputs(resource(plan, T.sink, "api-access-logs-sink")).filter).toBe(
      `resource.type="internal_http_lb_rule" AND resource.labels.backend_target_name="${backendName}"`,
    );
  });

  it("GIVEN scheme internal on gcp-dev WHEN both policy packs run THEN nothing mandatory fires", async () => {
    const packs = [loadPolicyPack(path.join(ROOT, "policies/security")), loadPolicyPack(path.join(ROOT, "policies/compliance"))];
    const report = await evaluatePolicies(plan, packs, { stackConfig: CONFIG });
    expect(report.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    // And the WAF rule does fire when its rules only detect.
    const detecting = await synthInternal({
      loadBalancer: { scheme: "internal", waf: { mode: "detection" }, tls: { certificateId: CERT } },
    });
    const broken = await evaluatePolicies(detecting, packs, { stackConfig: CONFIG });
    expect(broken.violations.filter((v) => v.policyName === "mlops-gcp-compute-lb-waf").map((v) => v.type)).toEqual([T.securityPolicy]);
  });
});
