import { Firewall, type FirewallArgs } from "@pulumi/gcp/compute/firewall";
import { getZonesOutput } from "@pulumi/gcp/compute/getZones";
import { Network, type NetworkArgs } from "@pulumi/gcp/compute/network";
import { Router, type RouterArgs } from "@pulumi/gcp/compute/router";
import { RouterNat, type RouterNatArgs } from "@pulumi/gcp/compute/routerNat";
import { Subnetwork, type SubnetworkArgs } from "@pulumi/gcp/compute/subnetwork";
import { ProjectBucketConfig, type ProjectBucketConfigArgs } from "@pulumi/gcp/logging/projectBucketConfig";
import { ProjectSink, type ProjectSinkArgs } from "@pulumi/gcp/logging/projectSink";
import { getClientConfigOutput } from "@pulumi/gcp/organizations/getClientConfig";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import type { NetworkResult } from "../contract";
import type { NetworkInfo } from "../info";
import { type MlopsVpcPlan, TIERS, type Tier } from "../plan";
import type { OVERRIDE_ROLES } from "../spec";

/**
 * The GCP resources of an {@link MlopsVpc} (the escape hatch).
 *
 * None of these resource types takes labels (the Compute API has no labels on networks,
 * subnetworks, routers, NAT or firewall rules, and Logging has none on buckets or sinks), so the
 * spec's tags cannot be attached here; they reach the resources of the components that do.
 */
export interface GcpNetwork {
  network: Network;
  /** One regional subnetwork per tier. */
  subnetworks: Record<Tier, Subnetwork>;
  /** Present unless `nat` is `"none"`. */
  router?: Router;
  /** Present unless `nat` is `"none"`. */
  nat?: RouterNat;
  firewalls: {
    /** Logs and denies all ingress that no higher-priority rule allows. */
    denyIngress: Firewall;
    /** Lets the isolated tier reach the network's own ranges and Google APIs' private VIPs. */
    isolatedEgressAllow: Firewall;
    /** Denies every other egress from the isolated tier. */
    isolatedEgressDeny: Firewall;
  };
  /** Present when flow logs are on: keeps them for `flowLogs.retentionDays`. */
  flowLogBucket?: ProjectBucketConfig;
  /** Present when flow logs are on: routes this network's flow logs into the bucket. */
  flowLogSink?: ProjectSink;
}

/**
 * Private Google Access VIPs: restricted.googleapis.com (only VPC Service Controls-supported APIs)
 * and private.googleapis.com. Both are reachable without internet egress, so the isolated tier
 * can still reach Storage, Artifact Registry, Vertex AI and KMS once `*.googleapis.com` resolves
 * to them (a private DNS zone); the APIs' default public addresses fall under its egress deny.
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

export function provision(plan: MlopsVpcPlan, ctx: ProvisionContext): NetworkResult {
  const region = plan.gcp.region;
  // planMlopsVpc refuses a GCP plan without a region; this guards the type, not the user.
  if (!region) throw new Error(`MlopsVpc "${plan.name}": the plan has no gcp.region`);
  const overrides = plan.gcp.overrides;
  const opts = { ...ctx.opts };
  // Roles (keys of `gcp.overrides`): network, subnetwork (each tier), router, nat, firewall (each
  // rule), flowLogBucket, flowLogSink.
  const role = <T extends object>(args: T, name: (typeof OVERRIDE_ROLES)["gcp"][number]): T => withOverrides(args, overrides, name);

  // Custom mode so that no subnetwork exists outside the plan's layout; regional routing so that
  // routes learned by this region's router are not advertised to other regions. Default routes
  // stay: Private Google Access and Cloud NAT both egress through the default internet gateway
  // route, and the isolated tier is kept off the internet by firewall rules instead.
  const network = new Network(
    plan.name,
    role<NetworkArgs>(
      {
        description: `mlops-kit network ${plan.name}`,
        autoCreateSubnetworks: false,
        routingMode: "REGIONAL",
        deleteDefaultRoutesOnCreate: false,
      },
      "network",
    ),
    opts,
  );

  const flowLogConfig: SubnetworkArgs["logConfig"] = plan.flowLogs.enabled
    ? { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" }
    : undefined;

  const subnetwork = (tier: Tier): Subnetwork =>
    new Subnetwork(
      `${plan.name}-${tier}`,
      role<SubnetworkArgs>(
        {
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

  // Cloud NAT is a regional, software-defined service with no per-zone gateway to place: it is
  // highly available across the region's zones by itself. "single" and "perZone" therefore both
  // map to one Cloud NAT. It covers the private subnetwork only (all its ranges, so GKE pods
  // egress too): the public tier holds load balancers, and the isolated tier must have no path
  // to the internet at all.
  let router: Router | undefined;
  let nat: RouterNat | undefined;
  if (plan.nat.mode !== "none") {
    router = new Router(
      `${plan.name}-router`,
      role<RouterArgs>({ description: `mlops-kit Cloud NAT router of ${plan.name}`, network: network.id, region }, "router"),
      opts,
    );
    nat = new RouterNat(
      `${plan.name}-nat`,
      role<RouterNatArgs>(
        {
          router: router.name,
          region: router.region,
          natIpAllocateOption: "AUTO_ONLY",
          sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
          subnetworks: [{ name: subnetworks.private.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
          // Endpoint-independent mapping only serves peer-to-peer protocols, and it rules out
          // dynamic port allocation should a heavy egress workload need it later.
          enableEndpointIndependentMapping: false,
          logConfig: { enable: true, filter: "ERRORS_ONLY" },
        },
        "nat",
      ),
      opts,
    );
  }

  const firewallLog = { metadata: "INCLUDE_ALL_METADATA" };

  // GCP already denies ingress implicitly, but an implied rule is neither visible nor logged.
  const denyIngress = new Firewall(
    `${plan.name}-deny-ingress`,
    role<FirewallArgs>(
      {
        description: `Deny and log all ingress to ${plan.name} that no other rule allows`,
        network: network.selfLink,
        direction: "INGRESS",
        priority: FIREWALL_PRIORITY.denyIngress,
        sourceRanges: ["0.0.0.0/0"],
        denies: [{ protocol: "all" }],
        logConfig: firewallLog,
      },
      "firewall",
    ),
    opts,
  );

  // Firewall rules target instances, not subnetworks; an egress rule's source ranges narrow it to
  // packets sent from those addresses, i.e. from the isolated tier. Without NAT the tier already
  // has no route out for private addresses, but a VM given an external IP there would have one:
  // the deny closes that, and the allow keeps the network and Google APIs reachable.
  const isolatedCidr = plan.tiers.isolated.cidr;
  const ownRanges = [plan.cidr, plan.gcp.podsCidr, plan.gcp.servicesCidr];
  const isolatedEgressAllow = new Firewall(
    `${plan.name}-isolated-allow-egress`,
    role<FirewallArgs>(
      {
        description: `Let the isolated tier of ${plan.name} reach the network and Google APIs privately`,
        network: network.selfLink,
        direction: "EGRESS",
        priority: FIREWALL_PRIORITY.isolatedEgressAllow,
        sourceRanges: [isolatedCidr],
        destinationRanges: [...ownRanges, ...(plan.privateEndpoints.enabled ? GOOGLE_API_PRIVATE_RANGES : [])],
        allows: [{ protocol: "all" }],
      },
      "firewall",
    ),
    opts,
  );
  const isolatedEgressDeny = new Firewall(
    `${plan.name}-isolated-deny-egress`,
    role<FirewallArgs>(
      {
        description: `Deny and log all other egress from the isolated tier of ${plan.name}`,
        network: network.selfLink,
        direction: "EGRESS",
        priority: FIREWALL_PRIORITY.isolatedEgressDeny,
        sourceRanges: [isolatedCidr],
        destinationRanges: ["0.0.0.0/0"],
        denies: [{ protocol: "all" }],
        logConfig: firewallLog,
      },
      "firewall",
    ),
    opts,
  );

  // The provider's project, asked through the component so an explicit provider is honoured.
  const project = getClientConfigOutput({ parent: ctx.parent }).project;

  let flowLogBucket: ProjectBucketConfig | undefined;
  let flowLogSink: ProjectSink | undefined;
  if (plan.flowLogs.enabled) {
    // The _Default bucket keeps logs 30 days whatever we ask; audits need the plan's retention,
    // so flow logs get their own bucket. Encrypted at rest with Google-managed keys.
    flowLogBucket = new ProjectBucketConfig(
      `${plan.name}-flow-logs`,
      role<ProjectBucketConfigArgs>(
        {
          project,
          bucketId: plan.gcp.flowLogBucketId,
          location: "global",
          retentionDays: plan.flowLogs.retentionDays,
          description: `VPC flow logs of ${plan.name}`,
        },
        "flowLogBucket",
      ),
      { ...opts, retainOnDelete: plan.retainLogs },
    );
    // Flow logs are written against gce_subnetwork; matching our subnetworks by name keeps other
    // networks' flows in the same project out of this bucket. A sink into a log bucket of its
    // own project needs no IAM grant for its writer identity.
    const ours = pulumi
      .all(TIERS.map((t) => subnetworks[t].name))
      .apply((names) => names.map((n) => `resource.labels.subnetwork_name="${n}"`).join(" OR "));
    flowLogSink = new ProjectSink(
      `${plan.name}-flow-logs-sink`,
      role<ProjectSinkArgs>(
        {
          project,
          description: `Route the VPC flow logs of ${plan.name} to its flow log bucket`,
          destination: pulumi.interpolate`logging.googleapis.com/projects/${flowLogBucket.project}/locations/${flowLogBucket.location}/buckets/${flowLogBucket.bucketId}`,
          filter: pulumi.interpolate`logName="projects/${project}/logs/compute.googleapis.com%2Fvpc_flows" AND resource.type="gce_subnetwork" AND (${ours})`,
        },
        "flowLogSink",
      ),
      opts,
    );
  }

  // Subnetworks are regional, so the zone count shapes nothing here; it only tells zonal consumers
  // (node pools, instance groups) where to spread. A region with fewer zones than asked gives all
  // it has, as on Azure, rather than failing a network that does not depend on them.
  const zones = getZonesOutput({ region }, { parent: ctx.parent }).names.apply((names) => names.slice(0, plan.zones));

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
      // Instances in the private tier pull images through Cloud NAT.
      private: { subnetIds: one(subnetworks.private), ready: nat ? [nat] : [] },
      isolated: { subnetIds: one(subnetworks.isolated), ready: [isolatedEgressAllow, isolatedEgressDeny] },
    },
    resources: {
      network,
      subnetworks,
      router,
      nat,
      firewalls: { denyIngress, isolatedEgressAllow, isolatedEgressDeny },
      flowLogBucket,
      flowLogSink,
    },
  };
}

declare module "../contract" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface MlopsVpcCloudResources {
    gcp: GcpNetwork;
  }
}
