import type { Overrides } from "../../core/backend";
import { byCloud, type CloudId, type Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError, type SpecIssue } from "../../core/errors";
import { cloudwatchRetentionDays, GCP_MAX_LOG_RETENTION_DAYS, keyDeletionWindowDays } from "../../core/logs";
import { physicalName } from "../../core/naming";
import { type Cidr, cidr, formatCidr, subnet } from "../../core/net/cidr";
import type { Tags } from "../../core/tags";
import {
  AZURE_PRIVATE_DNS_ZONES,
  type AzurePrivateDnsZone,
  DEFAULT_INTERFACE_ENDPOINTS,
  MAX_ZONES,
  type MlopsVpcSpec,
  type NatMode,
  type OVERRIDE_ROLES,
} from "./spec";

/** The tiers of an ML platform network. */
export const Tier = {
  /** Load balancers; routes to the internet. */
  public: "public",
  /** Compute; egress through NAT. */
  private: "private",
  /** Data; no route to the internet at all. */
  isolated: "isolated",
} as const;
export type Tier = (typeof Tier)[keyof typeof Tier];
export const TIERS: readonly Tier[] = [Tier.public, Tier.private, Tier.isolated];

/**
 * The address layout, in eighths of the network's range. Each tier is one contiguous block (a
 * regional subnet on GCP and Azure is the whole block) split into {@link ZONE_SLOTS} equal zone
 * slots (a zonal subnet on AWS is one slot). Slot `i` depends only on `i`, never on the zone
 * count, so adding a zone only appends a subnet; the last eighth is held back for later tiers
 * (a load balancer's own subnet on Azure, say).
 */
export const LAYOUT: Record<Tier | "reserved", { offsetEighths: number; eighths: 1 | 2 | 4 }> = {
  private: { offsetEighths: 0, eighths: 4 },
  isolated: { offsetEighths: 4, eighths: 2 },
  public: { offsetEighths: 6, eighths: 1 },
  reserved: { offsetEighths: 7, eighths: 1 },
};
/** Zone slots per tier: more than {@link MAX_ZONES}, so there is room to grow. */
export const ZONE_SLOTS = 8;

export interface SubnetPlan {
  tier: Tier;
  /** Position of the zone, 0-based; also the slot index. */
  zoneIndex: number;
  cidr: string;
  /** Logical name of the subnet resource (zonal clouds). */
  name: string;
}

export interface TierPlan {
  /** The tier's whole block: a regional subnet's range. */
  cidr: string;
  /** One subnet per zone, for clouds whose subnets are zonal (AWS). */
  subnets: SubnetPlan[];
}

export interface MlopsVpcPlan {
  name: string;
  cloud: CloudId;
  profile: Profile;
  cidr: string;
  zones: number;
  tiers: Record<Tier, TierPlan>;
  /** Held back for later tiers; never allocated by this plan. */
  reservedCidr: string;
  nat: {
    mode: NatMode;
    /** Zones that host a NAT gateway (zonal NAT, AWS). Private zone `i` routes through `natZoneFor[i]`. */
    gatewayZones: number[];
    natZoneFor: number[];
  };
  flowLogs: { enabled: boolean; retentionDays: number };
  privateEndpoints: { enabled: boolean; awsInterfaceServices: string[] };
  /** Keep audit data (flow logs) when the stack is destroyed. */
  retainLogs: boolean;
  tags: Tags;
  aws: {
    /** The flow-log group's name: per account and region, so the stack's hash is in it; its key admits only it. */
    flowLogGroupName: string;
    /** CloudWatch accepts only certain retention periods: the smallest one >= the requested days. */
    logRetentionDays: number;
    /** Waiting period before a scheduled KMS key deletion takes effect. */
    keyDeletionWindowDays: number;
    overrides: Overrides<(typeof OVERRIDE_ROLES)["aws"][number]>;
  };
  gcp: {
    region: string | undefined;
    podsCidr: string;
    servicesCidr: string;
    /**
     * The proxy-only subnetwork (purpose REGIONAL_MANAGED_PROXY) where regional internal
     * Application Load Balancers run their proxies: the second half of the reserved block (the
     * first half is Azure's gateway subnet), so the other tiers never move.
     */
    proxyOnlyCidr: string;
    /** The log bucket that keeps flow logs for `retentionDays` (an id, unique per project). */
    flowLogBucketId: string;
    /** Explicit RFC 1035 names of every child (pulumi-gcp does not cap or lower-case every auto-name). */
    names: GcpNetworkNames;
    /**
     * Cloud NAT is regional: one NAT serves every zone, so `perZone` cannot be placed per zone on
     * GCP. `perZoneUnmet` says the spec asked for it (the NAT is still highly available).
     */
    nat: { gateways: 0 | 1; perZoneUnmet: boolean };
    /** Private DNS zones that send Google APIs, Artifact Registry and Container Registry to the private VIP. */
    privateDnsZones: GcpPrivateDnsZone[];
    /** APIs to enable in the project (`gcp.enableApis`); empty when the project's owner enables them. */
    enableApis: string[];
    overrides: Overrides<(typeof OVERRIDE_ROLES)["gcp"][number]>;
  };
  azure: {
    location: string | undefined;
    /** An existing resource group; unset means the network creates one. */
    resourceGroupName: string | undefined;
    /** Azure's zone names the network spreads over: none in a region without availability zones. */
    zoneNames: string[];
    /**
     * NAT on Azure: one Standard NAT gateway (a subnet takes one, and a Standard gateway lives in
     * at most one zone), in `zone`. `perZoneUnmet` flags a spec that asked for `perZone`, which
     * Azure cannot give: egress then depends on that one zone.
     */
    nat: { gateways: 0 | 1; zone: string | undefined; perZoneUnmet: boolean };
    /**
     * The Network Watcher that owns the flow log: looked up by name (it exists), or created.
     * `resourceGroupName` undefined: the network's own resource group.
     */
    networkWatcher: { name: string; resourceGroupName: string | undefined; create: boolean } | undefined;
    /** Private DNS zones, by service: created by the network, or an existing (hub) zone's id to link to. */
    privateDnsZones: Record<AzurePrivateDnsZone, { create: true } | { create: false; id: string; name: string; resourceGroupName: string }>;
    /**
     * Flow-log storage account: 3–24 lowercase alphanumerics. The backend redoes its trailing hash
     * over the subscription too (names are global across Azure, and a plan does not know the
     * subscription).
     */
    flowLogStorageAccountName: string;
    /** Zone-redundant storage for prod's audit data, locally redundant for dev. */
    flowLogStorageSku: "Standard_LRS" | "Standard_ZRS";
    /** Days a deleted flow-log blob stays recoverable. */
    flowLogSoftDeleteDays: number;
    /**
     * The subnet Application Gateways need to themselves (Azure allows nothing else in it):
     * the first half of the reserved block.
     */
    gatewaySubnetCidr: string;
    overrides: Overrides<(typeof OVERRIDE_ROLES)["azure"][number]>;
  };
}

export interface GcpNetworkNames {
  network: string;
  subnetworks: Record<Tier, string>;
  proxyOnlySubnetwork: string;
  router: string;
  nat: string;
  denyIngress: string;
  isolatedEgressAllow: string;
  isolatedEgressDeny: string;
  flowLogSink: string;
  flowLogExclusion: string;
}

export interface GcpPrivateDnsZone {
  /** The zone's resource name (RFC 1035). */
  name: string;
  /** The domain, with its final dot. */
  dnsName: string;
  /** The name the wildcard CNAME points to (with its final dot); its A records are the VIP's addresses. */
  target: string;
}

/**
 * private.googleapis.com's four addresses (199.36.153.8/30): reachable without internet egress,
 * for every Google API ("Configure Private Google Access", DNS configuration).
 */
export const GCP_PRIVATE_VIP_ADDRESSES = ["199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"] as const;

/**
 * The domains whose names must resolve to the private VIP for the isolated tier (and private
 * instances without NAT) to reach Google APIs, Artifact Registry and Container Registry. Cloud
 * Foundation Fabric's pattern: a private zone per domain, a wildcard CNAME to the apex (or to
 * private.googleapis.com) and A records for the VIP.
 */
export const GCP_PRIVATE_DNS_DOMAINS = [
  { key: "googleapis", dnsName: "googleapis.com.", target: "private.googleapis.com." },
  { key: "pkg-dev", dnsName: "pkg.dev.", target: "pkg.dev." },
  { key: "gcr-io", dnsName: "gcr.io.", target: "gcr.io." },
] as const;

/**
 * The APIs a platform on GCP calls: this network and the components built on it (compute for
 * networks, instances and load balancers; DNS for the private zones; logging, monitoring and IAM
 * for every component; Artifact Registry for images; Certificate Manager for regional
 * certificates; Cloud Resource Manager for project IAM). `gcp.enableApis` enables them; the
 * README lists them for projects whose owners enable APIs themselves.
 */
export const GCP_REQUIRED_APIS = [
  "compute.googleapis.com",
  "dns.googleapis.com",
  "logging.googleapis.com",
  "monitoring.googleapis.com",
  "iam.googleapis.com",
  "artifactregistry.googleapis.com",
  "certificatemanager.googleapis.com",
  "cloudresourcemanager.googleapis.com",
] as const;

/** Azure's zone names, "1" to "3", for a plan's zone indexes. */
const AZURE_ZONE_NAMES = ["1", "2", "3"];

/** The Azure decisions: zones, NAT placement, the watcher, DNS zones, flow-log storage, the gateway subnet. */
function planAzure(
  name: string,
  spec: MlopsVpcSpec,
  ctx: DeployContext,
  decided: { location: string | undefined; zones: number; natMode: NatMode; gatewayZones: number[]; network: Cidr },
): MlopsVpcPlan["azure"] {
  const { location, zones, natMode, gatewayZones, network } = decided;
  const zoneNames = spec.azure?.availabilityZones === false ? [] : AZURE_ZONE_NAMES.slice(0, zones);
  return {
    location,
    resourceGroupName: spec.azure?.resourceGroupName,
    zoneNames,
    nat: {
      gateways: natMode === "none" ? 0 : 1,
      // Pinned to the first gateway zone, so the dependency is explicit instead of Azure's pick.
      zone: natMode === "none" ? undefined : zoneNames[gatewayZones[0] ?? 0],
      perZoneUnmet: natMode === "perZone" && zoneNames.length > 1,
    },
    networkWatcher: location ? planNetworkWatcher(location, spec.azure?.networkWatcher) : undefined,
    privateDnsZones: planPrivateDnsZones(name, spec.azure?.privateDnsZoneIds ?? {}),
    flowLogStorageAccountName: physicalName("azureStorageAccount", [name, "flowlogs"], ctx.scope),
    // Zone-redundant in prod where the region has zones (ZRS exists only there).
    flowLogStorageSku: ctx.profile === "prod" && zoneNames.length > 0 ? "Standard_ZRS" : "Standard_LRS",
    flowLogSoftDeleteDays: ctx.profile === "prod" ? 30 : 7,
    gatewaySubnetCidr: formatCidr(subnet(tierBlock(network, "reserved"), tierBlock(network, "reserved").prefix + 1, 0)),
    overrides: spec.azure?.overrides ?? {},
  };
}

/**
 * A location as Azure names it in resource names: "West Europe" -> "westeurope" (Network Watcher's
 * automatic name is `NetworkWatcher_<that>`).
 */
export function normaliseAzureLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}

function planNetworkWatcher(
  location: string,
  ref: { name?: string | undefined; resourceGroupName?: string | undefined; create: boolean } | undefined,
): NonNullable<MlopsVpcPlan["azure"]["networkWatcher"]> {
  const create = ref?.create ?? false;
  return {
    name: ref?.name ?? `NetworkWatcher_${normaliseAzureLocation(location)}`,
    resourceGroupName: ref?.resourceGroupName ?? (create ? undefined : "NetworkWatcherRG"),
    create,
  };
}

function planPrivateDnsZones(
  name: string,
  existing: Partial<Record<AzurePrivateDnsZone, string>>,
): MlopsVpcPlan["azure"]["privateDnsZones"] {
  const zones = {} as MlopsVpcPlan["azure"]["privateDnsZones"];
  for (const key of Object.keys(AZURE_PRIVATE_DNS_ZONES) as AzurePrivateDnsZone[]) {
    const id = existing[key];
    // The schema checked the id's shape: /subscriptions/<s>/resourceGroups/<g>/providers/Microsoft.Network/privateDnsZones/<zone>.
    const parts = id?.split("/") ?? [];
    const zoneName = (parts[8] ?? "").toLowerCase();
    if (id !== undefined && zoneName !== AZURE_PRIVATE_DNS_ZONES[key]) {
      throw new SpecError("MlopsVpc", name, [
        { path: `azure.privateDnsZoneIds.${key}`, message: `names zone "${parts[8]}"; the ${key} zone is ${AZURE_PRIVATE_DNS_ZONES[key]}` },
      ]);
    }
    zones[key] = id === undefined ? { create: true } : { create: false, id, resourceGroupName: parts[4] ?? "", name: zoneName };
  }
  return zones;
}

/** Azure flow-log retention policies hold at most this many days. */
export const AZURE_MAX_FLOW_LOG_RETENTION_DAYS = 365;
/** Azure regions have at most three availability zones. */
export const AZURE_MAX_ZONES = 3;

/** What `mlops:profile` sets for an MlopsVpc when the spec leaves a field unset. */
export const VPC_PROFILE_DEFAULTS: Record<Profile, { zones: number; nat: NatMode; flowLogRetentionDays: number; retainLogs: boolean }> = {
  dev: { zones: 2, nat: "single", flowLogRetentionDays: 30, retainLogs: false },
  prod: { zones: 3, nat: "perZone", flowLogRetentionDays: 365, retainLogs: true },
};

/** The CIDR of zone slot `zoneIndex` in `tier` of `network`. */
export function subnetCidr(network: Cidr, tier: Tier, zoneIndex: number): Cidr {
  return subnet(tierBlock(network, tier), tierBlock(network, tier).prefix + 3, zoneIndex);
}

export function tierBlock(network: Cidr, tier: Tier | "reserved"): Cidr {
  const { offsetEighths, eighths } = LAYOUT[tier];
  const prefix = network.prefix + 3 - Math.log2(eighths);
  return subnet(network, prefix, offsetEighths / eighths);
}

/** Every decision about the network that can be made without a cloud. Pure. */
export function planMlopsVpc(name: string, spec: MlopsVpcSpec, ctx: DeployContext): MlopsVpcPlan {
  const defaults = VPC_PROFILE_DEFAULTS[ctx.profile];
  const zones = spec.zones ?? defaults.zones;
  const network = cidr(spec.cidr);
  const natMode = spec.nat ?? defaults.nat;
  if (zones > MAX_ZONES) throw new Error(`zones ${zones} exceeds ${MAX_ZONES}`); // schema guarantees this
  if (ctx.cloud === "azure" && zones > AZURE_MAX_ZONES) {
    throw new SpecError("MlopsVpc", name, [
      { path: "zones", message: `(${zones}) must be <= ${AZURE_MAX_ZONES} on azure: Azure regions have at most 3 availability zones` },
    ]);
  }
  if (ctx.cloud === "aws") checkAwsLayout(name, spec, network);
  const retentionDays = spec.flowLogs.retentionDays ?? defaults.flowLogRetentionDays;
  const retentionLimit = byCloud<number | undefined>(ctx.cloud, {
    aws: undefined,
    gcp: GCP_MAX_LOG_RETENTION_DAYS,
    azure: AZURE_MAX_FLOW_LOG_RETENTION_DAYS,
  });
  if (retentionLimit !== undefined && retentionDays > retentionLimit) {
    throw new SpecError("MlopsVpc", name, [
      { path: "flowLogs.retentionDays", message: `(${retentionDays}) must be <= ${retentionLimit} on ${ctx.cloud}` },
    ]);
  }

  const tiers = Object.fromEntries(
    TIERS.map((tier) => [
      tier,
      {
        cidr: formatCidr(tierBlock(network, tier)),
        subnets: Array.from({ length: zones }, (_, i) => ({
          tier,
          zoneIndex: i,
          cidr: formatCidr(subnetCidr(network, tier, i)),
          name: `${name}-${tier}-${i}`,
        })),
      },
    ]),
  ) as Record<Tier, TierPlan>;

  const gatewayZones = natMode === "none" ? [] : natMode === "single" ? [0] : tiers.private.subnets.map((s) => s.zoneIndex);
  const natZoneFor = tiers.private.subnets.map((s) => (natMode === "perZone" ? s.zoneIndex : 0));

  const region = byCloud(ctx.cloud, { aws: undefined, gcp: spec.gcp?.region ?? ctx.region, azure: undefined });
  if (ctx.cloud === "gcp" && !region) {
    throw new SpecError("MlopsVpc", name, [
      { path: "gcp.region", message: "is required: set it, or set the stack's gcp:region (pulumi config set gcp:region us-central1)" },
    ]);
  }
  const location = byCloud(ctx.cloud, { aws: undefined, gcp: undefined, azure: spec.azure?.location ?? ctx.region });
  if (ctx.cloud === "azure" && !location) {
    throw new SpecError("MlopsVpc", name, [
      {
        path: "azure.location",
        message: "is required: set it, or set the stack's azure-native:location (pulumi config set azure-native:location westeurope)",
      },
    ]);
  }

  return {
    name,
    cloud: ctx.cloud,
    profile: ctx.profile,
    cidr: formatCidr(network),
    zones,
    tiers,
    reservedCidr: formatCidr(tierBlock(network, "reserved")),
    nat: { mode: natMode, gatewayZones, natZoneFor },
    flowLogs: { enabled: spec.flowLogs.enabled, retentionDays },
    privateEndpoints: {
      enabled: spec.privateEndpoints,
      awsInterfaceServices: awsInterfaceServices(spec, natMode),
    },
    retainLogs: defaults.retainLogs,
    tags: ctx.tags,
    aws: {
      flowLogGroupName: physicalName("awsScopedLogGroup", [name, "flow-logs"], ctx.scope),
      logRetentionDays: cloudwatchRetentionDays(retentionDays),
      keyDeletionWindowDays: keyDeletionWindowDays(ctx.profile),
      overrides: spec.aws?.overrides ?? {},
    },
    gcp: {
      region,
      podsCidr: spec.gcp?.podsCidr ?? "100.64.0.0/14",
      servicesCidr: spec.gcp?.servicesCidr ?? "100.68.0.0/20",
      proxyOnlyCidr: gcpProxyOnlyCidr(formatCidr(tierBlock(network, "reserved"))),
      flowLogBucketId: physicalName("gcpLogBucketPrefix", [name, "flow-logs"], ctx.scope),
      names: gcpNetworkNames(name, ctx),
      nat: { gateways: natMode === "none" ? 0 : 1, perZoneUnmet: natMode === "perZone" },
      privateDnsZones:
        spec.privateEndpoints && (spec.gcp?.privateDnsZones ?? true)
          ? GCP_PRIVATE_DNS_DOMAINS.map((d) => ({
              name: physicalName("gcpProjectResource", [name, d.key], ctx.scope),
              dnsName: d.dnsName,
              target: d.target,
            }))
          : [],
      enableApis: spec.gcp?.enableApis ? [...GCP_REQUIRED_APIS] : [],
      overrides: spec.gcp?.overrides ?? {},
    },
    azure: planAzure(name, spec, ctx, { location, zones, natMode, gatewayZones, network }),
  };
}

/**
 * Systems Manager's endpoints: without NAT, instances reach Session Manager (and the agent its
 * service) only through them ("Create VPC endpoints for Systems Manager", AWS Systems Manager User Guide).
 */
export const AWS_SSM_ENDPOINTS = ["ssm", "ssmmessages", "ec2messages"] as const;

/** Interface endpoints on AWS: the spec's (or the defaults), and Systems Manager's when there is no NAT. */
function awsInterfaceServices(spec: MlopsVpcSpec, nat: NatMode): string[] {
  const asked = spec.aws?.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS;
  const extra = nat === "none" ? AWS_SSM_ENDPOINTS.filter((s) => !asked.includes(s)) : [];
  return [...asked, ...extra];
}

/** The smallest subnet an Application Load Balancer accepts: a /27 with 8 free addresses ("Subnets for your Application Load Balancer"). */
export const ALB_MAX_SUBNET_PREFIX = 27;

/** AWS rules that depend on the spec alone. */
function checkAwsLayout(name: string, spec: MlopsVpcSpec, network: Cidr): void {
  const issues: SpecIssue[] = [];
  const publicPrefix = subnetCidr(network, "public", 0).prefix;
  if (publicPrefix > ALB_MAX_SUBNET_PREFIX) {
    issues.push({
      path: "cidr",
      message:
        `(${spec.cidr}) gives /${publicPrefix} public subnets; an Application Load Balancer needs at least a /${ALB_MAX_SUBNET_PREFIX} ` +
        `with 8 free addresses: use a /${network.prefix - (publicPrefix - ALB_MAX_SUBNET_PREFIX)} or larger on aws`,
    });
  }
  if (issues.length > 0) throw new SpecError("MlopsVpc", name, issues);
}

/**
 * GCP's proxy-only subnetwork: the second half of the reserved block (the first half is Azure's
 * gateway subnet). A /20 in a /16 network; Google asks for at least a /26 ("Proxy-only subnets for
 * Envoy-based load balancers"), which the smallest network (/22, reserved /25) still gives.
 */
export function gcpProxyOnlyCidr(reservedCidr: string): string {
  const reserved = cidr(reservedCidr);
  return formatCidr(subnet(reserved, reserved.prefix + 1, 1));
}

/** Every GCP child's name: RFC 1035, at most 63 characters, unique to this project and stack. */
function gcpNetworkNames(name: string, ctx: DeployContext): GcpNetworkNames {
  const n = (...words: string[]) => physicalName("gcpProjectResource", [name, ...words], ctx.scope);
  return {
    network: n(),
    subnetworks: { public: n("public"), private: n("private"), isolated: n("isolated") },
    proxyOnlySubnetwork: n("proxy-only"),
    router: n("router"),
    nat: n("nat"),
    denyIngress: n("deny-ingress"),
    isolatedEgressAllow: n("isolated-allow-egress"),
    isolatedEgressDeny: n("isolated-deny-egress"),
    flowLogSink: n("flow-logs"),
    flowLogExclusion: n("flow-logs-default"),
  };
}
