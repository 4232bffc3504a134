import { byCloud, type CloudId, type Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import { GCP_MAX_LOG_RETENTION_DAYS } from "../../core/logs";
import { type Cidr, cidr, formatCidr } from "../../core/net/cidr";
import type { Tags } from "../../core/tags";
import { subnetCidr, TIERS, type Tier, type TierPlan, tierBlock } from "./layout";
import { type AwsNetworkPlan, awsInterfaceServices, checkAwsLayout, planAws } from "./plan-aws";
import { AZURE_MAX_FLOW_LOG_RETENTION_DAYS, AZURE_MAX_ZONES, type AzureNetworkPlan, planAzure } from "./plan-azure";
import { type GcpNetworkPlan, planGcp } from "./plan-gcp";
import { MAX_ZONES, type MlopsVpcSpec, type NatMode } from "./spec";

// The neutral plan of an MlopsVpc: the layout, NAT placement and retention every cloud shares;
// each cloud's own decisions live in plan-<cloud>.ts.

export { LAYOUT, type SubnetPlan, subnetCidr, TIERS, Tier, type TierPlan, tierBlock, ZONE_SLOTS } from "./layout";
export { ALB_MAX_SUBNET_PREFIX, AWS_SSM_ENDPOINTS } from "./plan-aws";
export { AZURE_MAX_FLOW_LOG_RETENTION_DAYS, AZURE_MAX_ZONES, normaliseAzureLocation } from "./plan-azure";
export {
  GCP_PRIVATE_DNS_DOMAINS,
  GCP_PRIVATE_VIP_ADDRESSES,
  GCP_REQUIRED_APIS,
  type GcpNetworkNames,
  type GcpPrivateDnsZone,
  gcpProxyOnlyCidr,
} from "./plan-gcp";

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
  aws: AwsNetworkPlan;
  gcp: GcpNetworkPlan;
  azure: AzureNetworkPlan;
}

/** What `mlops:profile` sets for an MlopsVpc when the spec leaves a field unset. */
export const VPC_PROFILE_DEFAULTS: Record<Profile, { zones: number; nat: NatMode; flowLogRetentionDays: number; retainLogs: boolean }> = {
  dev: { zones: 2, nat: "single", flowLogRetentionDays: 30, retainLogs: false },
  prod: { zones: 3, nat: "perZone", flowLogRetentionDays: 365, retainLogs: true },
};

/** Every decision about the network that can be made without a cloud. Pure. */
export function planMlopsVpc(name: string, spec: MlopsVpcSpec, ctx: DeployContext): MlopsVpcPlan {
  const defaults = VPC_PROFILE_DEFAULTS[ctx.profile];
  const zones = spec.zones ?? defaults.zones;
  const network = cidr(spec.cidr);
  const natMode = spec.nat ?? defaults.nat;
  checkZones(name, zones, ctx.cloud);
  if (ctx.cloud === "aws") checkAwsLayout(name, spec, network);
  const retentionDays = flowLogRetentionDays(name, spec, ctx.cloud, defaults.flowLogRetentionDays);
  const tiers = planTiers(name, network, zones);
  const gatewayZones = natMode === "none" ? [] : natMode === "single" ? [0] : tiers.private.subnets.map((s) => s.zoneIndex);
  const natZoneFor = tiers.private.subnets.map((s) => (natMode === "perZone" ? s.zoneIndex : 0));
  const { region, location } = placeNetwork(name, spec, ctx);

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
      awsInterfaceServices: awsInterfaceServices(spec, natMode, ctx.profile),
    },
    retainLogs: defaults.retainLogs,
    tags: ctx.tags,
    aws: planAws(name, spec, ctx, retentionDays),
    gcp: planGcp(name, spec, ctx, { region, natMode, network }),
    azure: planAzure(name, spec, ctx, { location, zones, natMode, gatewayZones, network }),
  };
}

function checkZones(name: string, zones: number, cloud: CloudId): void {
  if (zones > MAX_ZONES) throw new Error(`zones ${zones} exceeds ${MAX_ZONES}`); // schema guarantees this
  if (cloud === "azure" && zones > AZURE_MAX_ZONES) {
    throw new SpecError("MlopsVpc", name, [
      { path: "zones", message: `(${zones}) must be <= ${AZURE_MAX_ZONES} on azure: Azure regions have at most 3 availability zones` },
    ]);
  }
}

/** The flow logs' retention: the spec's or the profile's, within what the cloud keeps. */
function flowLogRetentionDays(name: string, spec: MlopsVpcSpec, cloud: CloudId, profileDays: number): number {
  const retentionDays = spec.flowLogs.retentionDays ?? profileDays;
  const retentionLimit = byCloud<number | undefined>(cloud, {
    aws: undefined,
    gcp: GCP_MAX_LOG_RETENTION_DAYS,
    azure: AZURE_MAX_FLOW_LOG_RETENTION_DAYS,
  });
  if (retentionLimit !== undefined && retentionDays > retentionLimit) {
    throw new SpecError("MlopsVpc", name, [
      { path: "flowLogs.retentionDays", message: `(${retentionDays}) must be <= ${retentionLimit} on ${cloud}` },
    ]);
  }
  return retentionDays;
}

/** Each tier's block and its zone slots, slot `i` always at the same addresses. */
function planTiers(name: string, network: Cidr, zones: number): Record<Tier, TierPlan> {
  return Object.fromEntries(
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
}

/** GCP's region and Azure's location: from the spec, else the stack's provider configuration. */
function placeNetwork(name: string, spec: MlopsVpcSpec, ctx: DeployContext): { region: string | undefined; location: string | undefined } {
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
  return { region, location };
}
