import type { Overrides } from "../../core/backend";
import type { CloudId, Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError } from "../../core/errors";
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
    /** The log bucket that keeps flow logs for `retentionDays` (an id, unique per project). */
    flowLogBucketId: string;
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
    /** Flow-log storage account: 3–24 lowercase alphanumerics, globally unique. */
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

export const PROFILE_DEFAULTS: Record<Profile, { zones: number; nat: NatMode; flowLogRetentionDays: number; retainLogs: boolean }> = {
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
  const defaults = PROFILE_DEFAULTS[ctx.profile];
  const zones = spec.zones ?? defaults.zones;
  const network = cidr(spec.cidr);
  const natMode = spec.nat ?? defaults.nat;
  if (zones > MAX_ZONES) throw new Error(`zones ${zones} exceeds ${MAX_ZONES}`); // schema guarantees this
  if (ctx.cloud === "azure" && zones > AZURE_MAX_ZONES) {
    throw new SpecError("MlopsVpc", name, [
      { path: "zones", message: `(${zones}) must be <= ${AZURE_MAX_ZONES} on azure: Azure regions have at most 3 availability zones` },
    ]);
  }
  const retentionDays = spec.flowLogs.retentionDays ?? defaults.flowLogRetentionDays;
  const retentionLimit =
    ctx.cloud === "azure" ? AZURE_MAX_FLOW_LOG_RETENTION_DAYS : ctx.cloud === "gcp" ? GCP_MAX_LOG_RETENTION_DAYS : undefined;
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

  const region = ctx.cloud === "gcp" ? (spec.gcp?.region ?? ctx.region) : undefined;
  if (ctx.cloud === "gcp" && !region) {
    throw new SpecError("MlopsVpc", name, [
      { path: "gcp.region", message: "is required: set it, or set the stack's gcp:region (pulumi config set gcp:region us-central1)" },
    ]);
  }
  const location = ctx.cloud === "azure" ? (spec.azure?.location ?? ctx.region) : undefined;
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
      awsInterfaceServices: [...(spec.aws?.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS)],
    },
    retainLogs: defaults.retainLogs,
    tags: ctx.tags,
    aws: {
      logRetentionDays: cloudwatchRetentionDays(retentionDays),
      keyDeletionWindowDays: keyDeletionWindowDays(ctx.profile),
      overrides: spec.aws?.overrides ?? {},
    },
    gcp: {
      region,
      podsCidr: spec.gcp?.podsCidr ?? "100.64.0.0/14",
      servicesCidr: spec.gcp?.servicesCidr ?? "100.68.0.0/20",
      flowLogBucketId: physicalName("gcpLogBucket", [name, "flow-logs"], ctx.scope),
      overrides: spec.gcp?.overrides ?? {},
    },
    azure: planAzure(name, spec, ctx, { location, zones, natMode, gatewayZones, network }),
  };
}
