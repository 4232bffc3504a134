import { Firewall, type FirewallArgs } from "@pulumi/gcp/compute/firewall";
import { getZonesOutput } from "@pulumi/gcp/compute/getZones";
import { Network, type NetworkArgs } from "@pulumi/gcp/compute/network";
import { Router, type RouterArgs } from "@pulumi/gcp/compute/router";
import { RouterNat, type RouterNatArgs } from "@pulumi/gcp/compute/routerNat";
import { Subnetwork, type SubnetworkArgs } from "@pulumi/gcp/compute/subnetwork";
import { getClientConfigOutput } from "@pulumi/gcp/organizations/getClientConfig";
import { Service } from "@pulumi/gcp/projects/service";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import type { NetworkResult } from "../contract";
import type { NetworkInfo } from "../info";
import { type MlopsVpcPlan, TIERS, type Tier } from "../plan";
import type { OVERRIDE_ROLES } from "../spec";
import { createPrivateDns } from "./dns";
import { type LogBucket, logBucketWithSink } from "./log-bucket";
import type { GcpNetwork } from "./resources";

export type { GcpNetwork } from "./resources";

/**
 * Private Google Access VIPs: restricted.googleapis.com (only VPC Service Controls-supported APIs)
 * and private.googleapis.com. Both are reachable without internet egress, so the isolated tier
 * can still reach Storage, Artifact Registry, Vertex AI and KMS once `*.googleapis.com` resolves
 * to them (the private DNS zones); the APIs' default public addresses fall under its egress deny.
 */
export const GOOGLE_API_PRIVATE_RANGES = ["199.36.153.8/30", "199.36.153.4/30"] as const;

/**
 * Firewall priorities (lower number wins). The isolated tier's allow must beat its deny; the
 * ingress deny sits just above GCP's implied deny (65535) so that any allow rule other
 * components add at the default 1000 still wins.
 */
export const FIREWALL_PRIORITY = {
  isolatedEgressAllow: 1000,
  isolatedEgressDeny: 65000,
  denyIngress: 65534,
} as const;

type Role = (typeof OVERRIDE_ROLES)["gcp"][number];
/** What every step needs: the plan, the region, the child options and the overrides by role. */
interface Step {
  plan: MlopsVpcPlan;
  region: string;
  opts: pulumi.CustomResourceOptions;
  role: <T extends object>(args: T, name: Role) => T;
}

/** The network, in the order its parts are created; each step takes what it needs from the last. */
export function provision(plan: MlopsVpcPlan, ctx: ProvisionContext): NetworkResult {
  const region = plan.gcp.region;
  // planMlopsVpc refuses a GCP plan without a region; this guards the type, not the user.
  if (!region) throw new Error(`MlopsVpc "${plan.name}": the plan has no gcp.region`);
  const step: Step = {
    plan,
    region,
    opts: { ...ctx.opts },
    role: (args, name) => withOverrides(args, plan.gcp.overrides, name),
  };
  // The provider's project, asked through the component so an explicit provider is honoured.
  const project = getClientConfigOutput({ parent: ctx.parent }).project;

  const services = enableApis(step, project);
  const network = createNetwork(step, services);
  const { subnetworks, proxyOnlySubnetwork } = createSubnetworks(step, network);
  const { router, nat } = createNat(step, network, subnetworks.private);
  const firewalls = createFirewalls(step, network);
  const flowLogs = createFlowLogs(step, project, network, subnetworks);
  const dns = createPrivateDns(plan, network, (a) => step.role(a, "dnsZone"), step.opts);
  const zones = zonesOf(step, ctx);

  const resources: GcpNetwork = {
    network,
    subnetworks,
    proxyOnlySubnetwork,
    router,
    nat,
    firewalls,
    flowLogBucket: flowLogs?.bucket,
    flowLogSink: flowLogs?.sink,
    flowLogExclusion: flowLogs?.exclusion,
    privateDnsZones: dns.zones,
    privateDnsRecords: dns.records,
    services,
  };
  return describeNetwork(step, resources, zones);
}

/**
 * With `gcp.enableApis`: the project's services. Never disabled on destroy: other stacks of the
 * project may use them, and disabling Compute Engine would delete what they run.
 */
function enableApis(step: Step, project: pulumi.Output<string>): Service[] {
  return step.plan.gcp.enableApis.map(
    (api) =>
      new Service(
        `${step.plan.name}-api-${api.split(".")[0]}`,
        { project, service: api, disableOnDestroy: false, disableDependentServices: false },
        step.opts,
      ),
  );
}

/**
 * Custom mode so that no subnetwork exists outside the plan's layout; regional routing so that
 * routes learned by this region's router are not advertised to other regions. Default routes
 * stay: Private Google Access and Cloud NAT both egress through the default internet gateway
 * route, and the isolated tier is kept off the internet by firewall rules instead.
 */
function createNetwork({ plan, opts, role }: Step, services: Service[]): Network {
  return new Network(
    plan.name,
    role<NetworkArgs>(
      {
        name: plan.gcp.names.network,
        description: `mlops-kit network ${plan.name}`,
        autoCreateSubnetworks: false,
        routingMode: "REGIONAL",
        deleteDefaultRoutesOnCreate: false,
      },
      "network",
    ),
    { ...opts, dependsOn: services },
  );
}

/**
 * One regional subnetwork per tier, and the proxy-only subnetwork that regional internal
 * Application Load Balancers need in the region (at most one active per region and network).
 */
function createSubnetworks(
  { plan, region, opts, role }: Step,
  network: Network,
): { subnetworks: Record<Tier, Subnetwork>; proxyOnlySubnetwork: Subnetwork } {
  const flowLogConfig: SubnetworkArgs["logConfig"] = plan.flowLogs.enabled
    ? { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" }
    : undefined;
  const subnetwork = (tier: Tier): Subnetwork =>
    new Subnetwork(
      `${plan.name}-${tier}`,
      role<SubnetworkArgs>(
        {
          name: plan.gcp.names.subnetworks[tier],
          description: `mlops-kit ${tier} tier of ${plan.name}`,
          network: network.id,
          region,
          ipCidrRange: plan.tiers[tier].cidr,
          privateIpGoogleAccess: plan.privateEndpoints.enabled,
          logConfig: flowLogConfig,
          // GKE's VPC-native clusters take pod and service IPs from named secondary ranges; only
          // the compute tier runs clusters.
          secondaryIpRanges:
            tier === "private"
              ? [
                  { rangeName: "pods", ipCidrRange: plan.gcp.podsCidr },
                  { rangeName: "services", ipCidrRange: plan.gcp.servicesCidr },
                ]
              : undefined,
        },
        "subnetwork",
      ),
      opts,
    );
  const subnetworks = Object.fromEntries(TIERS.map((tier) => [tier, subnetwork(tier)])) as Record<Tier, Subnetwork>;
  // Envoy proxies of the region's internal Application Load Balancers take their addresses here.
  // Flow logs and Private Google Access do not apply to a proxy-only subnetwork (the API refuses them).
  const proxyOnlySubnetwork = new Subnetwork(
    `${plan.name}-proxy-only`,
    role<SubnetworkArgs>(
      {
        name: plan.gcp.names.proxyOnlySubnetwork,
        description: `Proxies of the internal load balancers on ${plan.name}`,
        network: network.id,
        region,
        ipCidrRange: plan.gcp.proxyOnlyCidr,
        purpose: "REGIONAL_MANAGED_PROXY",
        role: "ACTIVE",
      },
      "proxyOnlySubnetwork",
    ),
    opts,
  );
  return { subnetworks, proxyOnlySubnetwork };
}

/**
 * Cloud NAT is a regional, software-defined service with no per-zone gateway to place: it is
 * highly available across the region's zones by itself, so the plan gives one NAT for `single` and
 * `perZone` alike (and flags `perZone` as unmet). It covers the private subnetwork only (all its
 * ranges, so GKE pods egress too): the public tier holds load balancers, and the isolated tier
 * must have no path to the internet at all.
 */
function createNat(
  { plan, region, opts, role }: Step,
  network: Network,
  privateSubnetwork: Subnetwork,
): { router?: Router; nat?: RouterNat } {
  if (plan.gcp.nat.gateways === 0) return {};
  const router = new Router(
    `${plan.name}-router`,
    role<RouterArgs>(
      { name: plan.gcp.names.router, description: `mlops-kit Cloud NAT router of ${plan.name}`, network: network.id, region },
      "router",
    ),
    opts,
  );
  const nat = new RouterNat(
    `${plan.name}-nat`,
    role<RouterNatArgs>(
      {
        name: plan.gcp.names.nat,
        router: router.name,
        region: router.region,
        natIpAllocateOption: "AUTO_ONLY",
        sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
        subnetworks: [{ name: privateSubnetwork.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
        // Endpoint-independent mapping only serves peer-to-peer protocols, and it rules out
        // dynamic port allocation should a heavy egress workload need it later.
        enableEndpointIndependentMapping: false,
        logConfig: { enable: true, filter: "ERRORS_ONLY" },
      },
      "nat",
    ),
    opts,
  );
  return { router, nat };
}

/**
 * GCP already denies ingress implicitly, but an implied rule is neither visible nor logged. Firewall
 * rules target instances, not subnetworks; an egress rule's source ranges narrow it to packets sent
 * from those addresses, i.e. from the isolated tier. Without NAT the tier already has no route out
 * for private addresses, but a VM given an external IP there would have one: the deny closes that,
 * and the allow keeps the network and Google APIs reachable.
 */
function createFirewalls({ plan, opts, role }: Step, network: Network): GcpNetwork["firewalls"] {
  const firewallLog = { metadata: "INCLUDE_ALL_METADATA" };
  const names = plan.gcp.names;
  const rule = (logical: string, args: FirewallArgs) => new Firewall(`${plan.name}-${logical}`, role<FirewallArgs>(args, "firewall"), opts);
  const denyIngress = rule("deny-ingress", {
    name: names.denyIngress,
    network: network.selfLink,
    description: `Deny and log all ingress to ${plan.name} that no other rule allows`,
    direction: "INGRESS",
    priority: FIREWALL_PRIORITY.denyIngress,
    sourceRanges: ["0.0.0.0/0"],
    denies: [{ protocol: "all" }],
    logConfig: firewallLog,
  });
  const isolatedCidr = plan.tiers.isolated.cidr;
  const ownRanges = [plan.cidr, plan.gcp.podsCidr, plan.gcp.servicesCidr];
  const isolatedEgressAllow = rule("isolated-allow-egress", {
    name: names.isolatedEgressAllow,
    network: network.selfLink,
    description: `Let the isolated tier of ${plan.name} reach the network and Google APIs privately`,
    direction: "EGRESS",
    priority: FIREWALL_PRIORITY.isolatedEgressAllow,
    sourceRanges: [isolatedCidr],
    destinationRanges: [...ownRanges, ...(plan.privateEndpoints.enabled ? GOOGLE_API_PRIVATE_RANGES : [])],
    allows: [{ protocol: "all" }],
  });
  const isolatedEgressDeny = rule("isolated-deny-egress", {
    name: names.isolatedEgressDeny,
    network: network.selfLink,
    description: `Deny and log all other egress from the isolated tier of ${plan.name}`,
    direction: "EGRESS",
    priority: FIREWALL_PRIORITY.isolatedEgressDeny,
    sourceRanges: [isolatedCidr],
    destinationRanges: ["0.0.0.0/0"],
    denies: [{ protocol: "all" }],
    logConfig: firewallLog,
  });
  return { denyIngress, isolatedEgressAllow, isolatedEgressDeny };
}

/**
 * Flow logs in a bucket of their own, for the plan's retention. They are written against
 * gce_subnetwork; matching our subnetworks by name keeps other networks' flows in the same project
 * out of this bucket. Google-managed encryption at rest.
 */
function createFlowLogs(
  { plan, opts, role }: Step,
  project: pulumi.Output<string>,
  network: Network,
  subnetworks: Record<Tier, Subnetwork>,
): LogBucket | undefined {
  if (!plan.flowLogs.enabled) return undefined;
  const ours = pulumi
    .all(TIERS.map((t) => subnetworks[t].name))
    .apply((names) => names.map((n) => `resource.labels.subnetwork_name="${n}"`).join(" OR "));
  return logBucketWithSink({
    base: `${plan.name}-flow-logs`,
    project,
    bucketIdPrefix: plan.gcp.flowLogBucketId,
    suffix: network.networkId,
    retentionDays: plan.flowLogs.retentionDays,
    what: `VPC flow logs of ${plan.name}`,
    filter: pulumi.interpolate`logName="projects/${project}/logs/compute.googleapis.com%2Fvpc_flows" AND resource.type="gce_subnetwork" AND (${ours})`,
    sinkName: plan.gcp.names.flowLogSink,
    exclusionName: plan.gcp.names.flowLogExclusion,
    retain: plan.retainLogs,
    bucketArgs: (a) => role(a, "flowLogBucket"),
    sinkArgs: (a) => role(a, "flowLogSink"),
    exclusionArgs: (a) => role(a, "flowLogExclusion"),
    opts,
  });
}

/**
 * Subnetworks are regional, so the zone count shapes nothing here; it only tells zonal consumers
 * (node pools, instance groups) where to spread. A region with fewer zones than asked gives all
 * it has, as on Azure, rather than failing a network that does not depend on them.
 */
function zonesOf({ plan, region }: Step, ctx: ProvisionContext): pulumi.Output<string[]> {
  return getZonesOutput({ region }, { parent: ctx.parent }).names.apply((names) => names.slice(0, plan.zones));
}

/** The neutral description other components take, and the escape hatch. */
function describeNetwork({ plan, region }: Step, resources: GcpNetwork, zones: pulumi.Output<string[]>): NetworkResult {
  const { network, subnetworks, nat, firewalls } = resources;
  const info: pulumi.Output<NetworkInfo> = pulumi
    .all([network.selfLink, zones, subnetworks.public.id, subnetworks.private.id, subnetworks.isolated.id])
    .apply(([networkId, zoneNames, publicId, privateId, isolatedId]) => ({
      cloud: "gcp" as const,
      name: plan.name,
      networkId,
      cidr: plan.cidr,
      region,
      zones: zoneNames,
      publicSubnetIds: [publicId],
      privateSubnetIds: [privateId],
      isolatedSubnetIds: [isolatedId],
      reservedCidr: plan.reservedCidr,
    }));
  const one = (subnetwork: Subnetwork) => subnetwork.id.apply((id) => [id]);
  return {
    cloud: "gcp",
    info,
    fields: { networkId: network.selfLink, region: pulumi.output(region), zones },
    tiers: {
      public: { subnetIds: one(subnetworks.public), ready: [] },
      // Instances pull images through Cloud NAT; internal load balancers' forwarding rules in this
      // tier need the region's proxy-only subnetwork to exist first.
      private: { subnetIds: one(subnetworks.private), ready: [...(nat ? [nat] : []), resources.proxyOnlySubnetwork] },
      isolated: { subnetIds: one(subnetworks.isolated), ready: [firewalls.isolatedEgressAllow, firewalls.isolatedEgressDeny] },
    },
    resources,
  };
}
