import type { Overrides } from "../../core/backend";
import type { DeployContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import { physicalName } from "../../core/naming";
import { type Cidr, formatCidr, subnet } from "../../core/net/cidr";
import { tierBlock } from "./layout";
import { AZURE_PRIVATE_DNS_ZONES, type AzurePrivateDnsZone, type MlopsVpcSpec, type NatMode, type OVERRIDE_ROLES } from "./spec";

// The decisions MlopsVpc makes for Azure alone: zones, NAT placement, Network Watcher, private DNS
// zones, flow-log storage, the gateway subnet. Pure; planMlopsVpc calls it.

export interface AzureNetworkPlan {
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
}

/** Azure's zone names, "1" to "3", for a plan's zone indexes. */
const AZURE_ZONE_NAMES = ["1", "2", "3"];

/** The Azure decisions: zones, NAT placement, the watcher, DNS zones, flow-log storage, the gateway subnet. */
export function planAzure(
  name: string,
  spec: MlopsVpcSpec,
  ctx: DeployContext,
  decided: { location: string | undefined; zones: number; natMode: NatMode; gatewayZones: number[]; network: Cidr },
): AzureNetworkPlan {
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
): NonNullable<AzureNetworkPlan["networkWatcher"]> {
  const create = ref?.create ?? false;
  return {
    name: ref?.name ?? `NetworkWatcher_${normaliseAzureLocation(location)}`,
    resourceGroupName: ref?.resourceGroupName ?? (create ? undefined : "NetworkWatcherRG"),
    create,
  };
}

function planPrivateDnsZones(name: string, existing: Partial<Record<AzurePrivateDnsZone, string>>): AzureNetworkPlan["privateDnsZones"] {
  const zones = {} as AzureNetworkPlan["privateDnsZones"];
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
