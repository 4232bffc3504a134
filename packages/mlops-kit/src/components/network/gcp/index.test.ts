import { descendantsOf, type Plan, type PlanResource, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { cidr, contains, overlaps } from "../../../core/net/cidr";
import { MlopsVpc } from "../component";
import type { MlopsVpcPlan } from "../plan";
import type { MlopsVpcArgs } from "../spec";

const NETWORK = "gcp:compute/network:Network";
const SUBNETWORK = "gcp:compute/subnetwork:Subnetwork";
const ROUTER = "gcp:compute/router:Router";
const NAT = "gcp:compute/routerNat:RouterNat";
const FIREWALL = "gcp:compute/firewall:Firewall";
const LOG_BUCKET = "gcp:logging/projectBucketConfig:ProjectBucketConfig";
const LOG_SINK = "gcp:logging/projectSink:ProjectSink";
const LOG_EXCLUSION = "gcp:logging/projectExclusion:ProjectExclusion";
const DNS_ZONE = "gcp:dns/managedZone:ManagedZone";
const DNS_RECORD = "gcp:dns/recordSet:RecordSet";
const SERVICE = "gcp:projects/service:Service";
const COMPONENT = "mlops:index:MlopsVpc";

const baseConfig = { "mlops:cloud": "gcp", "gcp:region": "europe-west4", "gcp:project": "acme-ml" };
const TIERS = ["public", "private", "isolated"] as const;

interface Synthesized {
  plan: Plan;
  decisions: MlopsVpcPlan;
}

async function synthVpc(args: MlopsVpcArgs = {}, config: Record<string, string> = {}): Promise<Synthesized> {
  let vpc: MlopsVpc | undefined;
  const plan = await synth(
    () => {
      vpc = new MlopsVpc("core", args);
      return { network: vpc.network };
    },
    { project: "p", stack: "dev", config: { ...baseConfig, ...config } },
  );
  if (!vpc) throw new Error("the program did not construct the MlopsVpc");
  return { plan, decisions: vpc.plan };
}

const inputs = (r: PlanResource): Record<string, unknown> => r.inputs;

function str(v: unknown): string {
  if (typeof v !== "string") throw new Error(`expected a string, got ${JSON.stringify(v)}`);
  return v;
}

function num(v: unknown): number {
  if (typeof v !== "number") throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
}

describe("MlopsVpc on GCP", () => {
  let dev: Synthesized;
  let prod: Synthesized;
  beforeAll(async () => {
    dev = await synthVpc();
    prod = await synthVpc({}, { "mlops:profile": "prod" });
  });

  it("GIVEN the defaults WHEN synthesized THEN it creates one custom-mode, regionally routed network with the plan's name", () => {
    const networks = resourcesOfType(dev.plan, NETWORK);
    expect(networks).toHaveLength(1);
    const net = inputs(resource(dev.plan, NETWORK, "core"));
    expect(net.autoCreateSubnetworks).toBe(false);
    expect(net.routingMode).toBe("REGIONAL");
    expect(net.deleteDefaultRoutesOnCreate).toBe(false);
    expect(net.name).toBe(dev.decisions.gcp.names.network);
    expect(net.name).toMatch(/^core-[a-z0-9]{6}$/);
  });

  it("GIVEN the defaults WHEN synthesized THEN each tier is one regional subnetwork on the plan's CIDR, inside the network and disjoint", () => {
    const subnets = resourcesOfType(dev.plan, SUBNETWORK);
    expect(subnets.map((s) => s.name).sort()).toEqual(["core-isolated", "core-private", "core-proxy-only", "core-public"]);
    const network = cidr("10.0.0.0/16");
    const ranges = TIERS.map((tier) => {
      const s = inputs(resource(dev.plan, SUBNETWORK, `core-${tier}`));
      expect(s.ipCidrRange).toBe(dev.decisions.tiers[tier].cidr);
      expect(s.region).toBe("europe-west4");
      expect(contains(network, cidr(str(s.ipCidrRange)))).toBe(true);
      return cidr(str(s.ipCidrRange));
    });
    ranges.forEach((a, i) => {
      for (const b of ranges.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    });
    expect(contains(network, cidr(dev.decisions.reservedCidr))).toBe(true);
    for (const r of ranges) expect(overlaps(r, cidr(dev.decisions.reservedCidr))).toBe(false);
  });

  it("GIVEN the defaults WHEN synthesized THEN every subnetwork has Private Google Access and 5-second, half-sampled flow logs with all metadata", () => {
    const tiers = resourcesOfType(dev.plan, SUBNETWORK).filter((s) => s.name !== "core-proxy-only");
    expect(tiers).toHaveLength(3);
    for (const s of tiers) {
      expect(inputs(s).privateIpGoogleAccess, s.name).toBe(true);
      expect(inputs(s).logConfig, s.name).toEqual({
        aggregationInterval: "INTERVAL_5_SEC",
        flowSampling: 0.5,
        metadata: "INCLUDE_ALL_METADATA",
      });
    }
  });

  it("GIVEN the defaults WHEN synthesized THEN only the private subnetwork carries the GKE pods and services ranges", () => {
    expect(inputs(resource(dev.plan, SUBNETWORK, "core-private")).secondaryIpRanges).toEqual([
      { rangeName: "pods", ipCidrRange: "100.64.0.0/14" },
      { rangeName: "services", ipCidrRange: "100.68.0.0/20" },
    ]);
    for (const tier of ["public", "isolated"]) {
      const ranges = inputs(resource(dev.plan, SUBNETWORK, `core-${tier}`)).secondaryIpRanges;
      expect(ranges ?? [], tier).toEqual([]);
    }
  });

  it("GIVEN custom GKE ranges WHEN synthesized THEN the private subnetwork uses them", async () => {
    const { plan } = await synthVpc({ gcp: { podsCidr: "172.16.0.0/14", servicesCidr: "172.20.0.0/20" } });
    expect(inputs(resource(plan, SUBNETWORK, "core-private")).secondaryIpRanges).toEqual([
      { rangeName: "pods", ipCidrRange: "172.16.0.0/14" },
      { rangeName: "services", ipCidrRange: "172.20.0.0/20" },
    ]);
  });

  it("GIVEN the defaults WHEN synthesized THEN Cloud NAT covers only the private subnetwork, all its ranges, and the isolated tier is not NATed", () => {
    const router = resource(dev.plan, ROUTER, "core-router");
    expect(inputs(router).region).toBe("europe-west4");
    expect(router.propertyDependencies.network).toEqual([resource(dev.plan, NETWORK, "core").urn]);

    const nat = resource(dev.plan, NAT, "core-nat");
    const n = inputs(nat);
    expect(n.sourceSubnetworkIpRangesToNat).toBe("LIST_OF_SUBNETWORKS");
    expect(n.subnetworks).toEqual([{ name: `${dev.decisions.gcp.names.subnetworks.private}-id`, sourceIpRangesToNats: ["ALL_IP_RANGES"] }]);
    expect(nat.propertyDependencies.subnetworks).toEqual([resource(dev.plan, SUBNETWORK, "core-private").urn]);
    expect(nat.dependencies).not.toContain(resource(dev.plan, SUBNETWORK, "core-isolated").urn);
    expect(nat.dependencies).not.toContain(resource(dev.plan, SUBNETWORK, "core-public").urn);
    expect(nat.propertyDependencies.router).toEqual([router.urn]);
    expect(n.natIpAllocateOption).toBe("AUTO_ONLY");
    expect(n.enableEndpointIndependentMapping).toBe(false);
    expect(n.logConfig).toEqual({ enable: true, filter: "ERRORS_ONLY" });
  });

  it("GIVEN the prod profile (NAT per zone) WHEN synthesized THEN one regional Cloud NAT serves every zone", () => {
    expect(prod.decisions.nat.mode).toBe("perZone");
    expect(prod.decisions.gcp.nat).toEqual({ gateways: 1, perZoneUnmet: true });
    expect(dev.decisions.gcp.nat).toEqual({ gateways: 1, perZoneUnmet: false });
    expect(resourcesOfType(prod.plan, ROUTER)).toHaveLength(1);
    expect(resourcesOfType(prod.plan, NAT)).toHaveLength(1);
  });

  it("GIVEN the defaults WHEN synthesized THEN a logged deny-all ingress rule sits just above GCP's implied deny", () => {
    const fw = resource(dev.plan, FIREWALL, "core-deny-ingress");
    const f = inputs(fw);
    expect(f.direction).toBe("INGRESS");
    expect(f.denies).toEqual([{ protocol: "all" }]);
    expect(f.allows ?? []).toEqual([]);
    expect(f.sourceRanges).toEqual(["0.0.0.0/0"]);
    expect(f.priority).toBe(65534);
    expect(f.logConfig).toEqual({ metadata: "INCLUDE_ALL_METADATA" });
    expect(fw.propertyDependencies.network).toEqual([resource(dev.plan, NETWORK, "core").urn]);
  });

  it("GIVEN the defaults WHEN synthesized THEN the isolated tier may reach only the network and Google APIs' private VIPs", () => {
    const isolated = dev.decisions.tiers.isolated.cidr;
    const deny = inputs(resource(dev.plan, FIREWALL, "core-isolated-deny-egress"));
    expect(deny.direction).toBe("EGRESS");
    expect(deny.sourceRanges).toEqual([isolated]);
    expect(deny.destinationRanges).toEqual(["0.0.0.0/0"]);
    expect(deny.denies).toEqual([{ protocol: "all" }]);
    expect(deny.logConfig).toEqual({ metadata: "INCLUDE_ALL_METADATA" });

    const allow = inputs(resource(dev.plan, FIREWALL, "core-isolated-allow-egress"));
    expect(allow.direction).toBe("EGRESS");
    expect(allow.sourceRanges).toEqual([isolated]);
    expect(allow.allows).toEqual([{ protocol: "all" }]);
    expect(allow.destinationRanges).toEqual(expect.arrayContaining(["10.0.0.0/16", "199.36.153.8/30", "199.36.153.4/30"]));
    expect(allow.destinationRanges).not.toContain("0.0.0.0/0");
    // Lower number wins: the allow must be evaluated before the deny.
    expect(num(allow.priority)).toBeLessThan(num(deny.priority));
  });

  it("GIVEN the defaults WHEN synthesized THEN every resource's parent chain reaches the MlopsVpc component", () => {
    const component = resource(dev.plan, COMPONENT, "core");
    const below = new Set(descendantsOf(dev.plan, component.urn).map((r) => r.urn));
    const gcp = dev.plan.resources.filter((r) => r.type.startsWith("gcp:"));
    expect(gcp.length).toBeGreaterThanOrEqual(10);
    for (const r of gcp) expect(below.has(r.urn), r.urn).toBe(true);
    const others = dev.plan.resources.filter((r) => r.urn !== component.urn && r.type !== "pulumi:pulumi:Stack");
    expect(others.map((r) => r.urn).sort()).toEqual(gcp.map((r) => r.urn).sort());
  });

  it("GIVEN the dev profile WHEN synthesized THEN flow logs are kept 30 days in their own global bucket, deleted with the stack", () => {
    const bucket = resource(dev.plan, LOG_BUCKET, "core-flow-logs");
    const b = inputs(bucket);
    expect(b.retentionDays).toBe(30);
    expect(b.location).toBe("global");
    expect(b.project).toBe("acme-ml");
    // The plan's id, then the numeric id GCP gave the network at creation (new after destroy + up).
    expect(b.bucketId).toBe(`${dev.decisions.gcp.flowLogBucketId}-4101290374129037412`);
    expect(bucket.propertyDependencies.bucketId).toEqual([resource(dev.plan, NETWORK, "core").urn]);
    expect(bucket.retainOnDelete).toBe(false);
  });

  it("GIVEN the prod profile WHEN synthesized THEN flow logs are kept 365 days and the bucket outlives the stack", () => {
    const bucket = resource(prod.plan, LOG_BUCKET, "core-flow-logs");
    expect(inputs(bucket).retentionDays).toBe(365);
    expect(bucket.retainOnDelete).toBe(true);
  });

  it("GIVEN flow logs WHEN synthesized THEN a sink routes this network's VPC flow logs into the bucket", () => {
    const sink = resource(dev.plan, LOG_SINK, "core-flow-logs-sink");
    const s = inputs(sink);
    expect(s.destination).toBe(
      `logging.googleapis.com/projects/acme-ml/locations/global/buckets/${dev.decisions.gcp.flowLogBucketId}-4101290374129037412`,
    );
    expect(s.name).toBe(dev.decisions.gcp.names.flowLogSink);
    expect(sink.dependencies).toContain(resource(dev.plan, LOG_BUCKET, "core-flow-logs").urn);
    expect(str(s.filter)).toContain('logName="projects/acme-ml/logs/compute.googleapis.com%2Fvpc_flows"');
    expect(str(s.filter)).toContain('resource.type="gce_subnetwork"');
    for (const tier of TIERS)
      expect(str(s.filter)).toContain(`resource.labels.subnetwork_name="${dev.decisions.gcp.names.subnetworks[tier]}"`);
  });

  it("GIVEN the defaults WHEN synthesized THEN the neutral network description names the self link, two zones and one subnetwork per tier", () => {
    expect(dev.plan.outputs.network).toEqual({
      cloud: "gcp",
      name: "core",
      networkId: `https://mock.googleapis.com/network/${dev.decisions.gcp.names.network}`,
      cidr: "10.0.0.0/16",
      region: "europe-west4",
      zones: ["europe-west4-a", "europe-west4-b"],
      publicSubnetIds: [`${dev.decisions.gcp.names.subnetworks.public}-id`],
      privateSubnetIds: [`${dev.decisions.gcp.names.subnetworks.private}-id`],
      isolatedSubnetIds: [`${dev.decisions.gcp.names.subnetworks.isolated}-id`],
      reservedCidr: dev.decisions.reservedCidr,
    });
    expect((prod.plan.outputs.network as { zones: string[] }).zones).toEqual(["europe-west4-a", "europe-west4-b", "europe-west4-c"]);
  });

  it("GIVEN a region in the spec WHEN synthesized THEN subnetworks, router and zones follow it rather than the stack's", async () => {
    const { plan } = await synthVpc({ gcp: { region: "us-east1" } });
    for (const s of resourcesOfType(plan, SUBNETWORK)) expect(inputs(s).region, s.name).toBe("us-east1");
    expect(inputs(resource(plan, ROUTER, "core-router")).region).toBe("us-east1");
    expect((plan.outputs.network as { zones: string[] }).zones).toEqual(["us-east1-a", "us-east1-b"]);
  });

  it('GIVEN nat: "none" WHEN synthesized THEN there is no router and no Cloud NAT', async () => {
    const { plan } = await synthVpc({ nat: "none" });
    expect(resourcesOfType(plan, ROUTER)).toEqual([]);
    expect(resourcesOfType(plan, NAT)).toEqual([]);
    expect(resourcesOfType(plan, SUBNETWORK)).toHaveLength(4);
  });

  it("GIVEN privateEndpoints: false WHEN synthesized THEN Private Google Access is off and the isolated tier reaches only the network", async () => {
    const { plan } = await synthVpc({ privateEndpoints: false });
    const tiers = resourcesOfType(plan, SUBNETWORK).filter((s) => s.name !== "core-proxy-only");
    expect(tiers).toHaveLength(3);
    for (const s of tiers) expect(inputs(s).privateIpGoogleAccess, s.name).toBe(false);
    expect(resourcesOfType(plan, DNS_ZONE)).toEqual([]);
    const allow = inputs(resource(plan, FIREWALL, "core-isolated-allow-egress"));
    expect(allow.destinationRanges).not.toContain("199.36.153.8/30");
    expect(allow.destinationRanges).not.toContain("199.36.153.4/30");
  });

  it("GIVEN flowLogs disabled WHEN synthesized THEN subnetworks have no log config and there is no log bucket or sink", async () => {
    const { plan } = await synthVpc({ flowLogs: { enabled: false } });
    for (const s of resourcesOfType(plan, SUBNETWORK)) expect(inputs(s).logConfig, s.name).toBeUndefined();
    expect(resourcesOfType(plan, LOG_BUCKET)).toEqual([]);
    expect(resourcesOfType(plan, LOG_SINK)).toEqual([]);
    expect(resourcesOfType(plan, LOG_EXCLUSION)).toEqual([]);
  });

  it("GIVEN a flow log retention WHEN synthesized THEN the bucket keeps logs that long", async () => {
    const { plan } = await synthVpc({ flowLogs: { retentionDays: 400 } });
    expect(inputs(resource(plan, LOG_BUCKET, "core-flow-logs")).retentionDays).toBe(400);
  });

  it("GIVEN gcp overrides WHEN synthesized THEN each lands on every resource of its role and nowhere else", async () => {
    const { plan } = await synthVpc({
      gcp: {
        overrides: {
          network: { description: "x" },
          subnetwork: { description: "every subnetwork" },
          router: { description: "the router" },
          nat: { minPortsPerVm: 128 },
          firewall: { description: "reviewed" },
        },
      },
    });
    expect(inputs(resource(plan, NETWORK, "core")).description).toBe("x");
    const tiers = resourcesOfType(plan, SUBNETWORK).filter((s) => inputs(s).purpose === undefined);
    expect(tiers).toHaveLength(3);
    for (const s of tiers) expect(inputs(s).description, s.name).toBe("every subnetwork");
    // The proxy-only subnetwork has a role of its own: a tier's logConfig would be refused there.
    expect(inputs(resource(plan, SUBNETWORK, "core-proxy-only")).description).not.toBe("every subnetwork");
    expect(inputs(resource(plan, ROUTER, "core-router")).description).toBe("the router");
    expect(inputs(resource(plan, NAT, "core-nat")).minPortsPerVm).toBe(128);
    expect(inputs(resource(plan, ROUTER, "core-router")).minPortsPerVm).toBeUndefined();
    const firewalls = resourcesOfType(plan, FIREWALL);
    expect(firewalls).toHaveLength(3);
    for (const f of firewalls) expect(inputs(f).description, f.name).toBe("reviewed");
    // Overrides are shallow: what they do not name keeps our value.
    expect(inputs(resource(plan, SUBNETWORK, "core-private")).privateIpGoogleAccess).toBe(true);
    expect(inputs(resource(plan, FIREWALL, "core-deny-ingress")).priority).toBe(65534);
  });

  it("GIVEN an unknown override role WHEN constructed THEN it fails naming the role", async () => {
    await expect(synthVpc({ gcp: { overrides: { netwrok: { description: "x" } } } })).rejects.toThrow(
      /gcp\.overrides\.netwrok .*is not a child role/,
    );
  });

  it("GIVEN more zones than the region has WHEN synthesized THEN the network spreads over all the region's zones", async () => {
    const { plan } = await synthVpc({ zones: 6 });
    expect((plan.outputs.network as { zones: string[] }).zones).toEqual([
      "europe-west4-a",
      "europe-west4-b",
      "europe-west4-c",
      "europe-west4-d",
      "europe-west4-f",
    ]);
    expect(resourcesOfType(plan, SUBNETWORK)).toHaveLength(4);
  });
});

describe("MlopsVpc on GCP: what a real deployment needs beyond the mocks", () => {
  let dev: Synthesized;
  beforeAll(async () => {
    dev = await synthVpc();
  });

  it("GIVEN the defaults WHEN synthesized THEN every GCP child has an explicit RFC 1035 name of at most 63 characters", () => {
    const named = dev.plan.resources.filter((r) => r.type.startsWith("gcp:compute/") || r.type === DNS_ZONE);
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const r of named) expect(str(inputs(r).name), r.urn).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });

  it("GIVEN the defaults WHEN synthesized THEN a proxy-only subnetwork for internal load balancers takes the reserved block's second half", () => {
    const s = inputs(resource(dev.plan, SUBNETWORK, "core-proxy-only"));
    expect(s.purpose).toBe("REGIONAL_MANAGED_PROXY");
    expect(s.role).toBe("ACTIVE");
    expect(s.ipCidrRange).toBe("10.0.240.0/20");
    expect(contains(cidr(dev.decisions.reservedCidr), cidr(str(s.ipCidrRange)))).toBe(true);
    // The API refuses flow logs and Private Google Access on a proxy-only subnetwork.
    expect(s.logConfig).toBeUndefined();
    expect(s.privateIpGoogleAccess).toBeUndefined();
  });

  it("GIVEN flow logs WHEN synthesized THEN the _Default sink excludes exactly what our own sink routes, once that sink exists", () => {
    const exclusion = resource(dev.plan, LOG_EXCLUSION, "core-flow-logs-exclusion");
    const sink = resource(dev.plan, LOG_SINK, "core-flow-logs-sink");
    expect(inputs(exclusion).filter).toBe(inputs(sink).filter);
    expect(inputs(exclusion).name).toBe(dev.decisions.gcp.names.flowLogExclusion);
    expect(exclusion.dependsOn).toContain(sink.urn);
  });

  it("GIVEN private endpoints WHEN synthesized THEN private zones for googleapis.com, pkg.dev and gcr.io send names to the private VIP on this network", () => {
    const zones = resourcesOfType(dev.plan, DNS_ZONE);
    expect(zones.map((z) => inputs(z).dnsName).sort()).toEqual(["gcr.io.", "googleapis.com.", "pkg.dev."]);
    const network = resource(dev.plan, NETWORK, "core");
    for (const z of zones) {
      expect(inputs(z).visibility, z.name).toBe("private");
      expect(inputs(z).privateVisibilityConfig, z.name).toEqual({ networks: [{ networkUrl: `${dev.decisions.gcp.names.network}-id` }] });
      expect(z.dependencies).toContain(network.urn);
      expect(inputs(z).labels, z.name).toMatchObject({ "managed-by": "mlops-kit" });
    }
    const records = resourcesOfType(dev.plan, DNS_RECORD).map((r) => inputs(r));
    expect(records).toContainEqual(
      expect.objectContaining({ name: "*.googleapis.com.", type: "CNAME", rrdatas: ["private.googleapis.com."] }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        name: "private.googleapis.com.",
        type: "A",
        rrdatas: ["199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"],
      }),
    );
    expect(records).toContainEqual(expect.objectContaining({ name: "*.pkg.dev.", type: "CNAME", rrdatas: ["pkg.dev."] }));
    expect(records).toContainEqual(expect.objectContaining({ name: "gcr.io.", type: "A" }));
  });

  it("GIVEN existing private zones (gcp.privateDnsZones: false) WHEN synthesized THEN none are created", async () => {
    const { plan } = await synthVpc({ gcp: { privateDnsZones: false } });
    expect(resourcesOfType(plan, DNS_ZONE)).toEqual([]);
    expect(resourcesOfType(plan, DNS_RECORD)).toEqual([]);
  });

  it("GIVEN the defaults WHEN synthesized THEN no API is enabled; GIVEN gcp.enableApis THEN each API is a service kept on destroy, before the network", async () => {
    expect(resourcesOfType(dev.plan, SERVICE)).toEqual([]);
    const { plan } = await synthVpc({ gcp: { enableApis: true } });
    const services = resourcesOfType(plan, SERVICE);
    expect(services.map((s) => inputs(s).service).sort()).toEqual([
      "artifactregistry.googleapis.com",
      "certificatemanager.googleapis.com",
      "cloudresourcemanager.googleapis.com",
      "compute.googleapis.com",
      "dns.googleapis.com",
      "iam.googleapis.com",
      "logging.googleapis.com",
      "monitoring.googleapis.com",
    ]);
    for (const s of services) expect(inputs(s).disableOnDestroy, s.name).toBe(false);
    expect([...resource(plan, NETWORK, "core").dependsOn].sort()).toEqual(services.map((s) => s.urn).sort());
  });
});
