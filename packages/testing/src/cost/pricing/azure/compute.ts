import type { PlanResource } from "../../../plan";
import { costLine } from "../../line";
import { type CostLine, type Pricer, type PricingContext, UnpricedError } from "../../types";
import { describe, hours, input, inputNumber, inputString, premiumTier } from "./lines";
import { diskKey, KEYS, vmKey } from "./prices";

// Compute: scale sets, AKS clusters and their node pools. Instances are billed by the hour at the
// size's rate, each with its OS disk a month; scaling bounds give the min and max.

/** Azure publishes no fixed spot discount: spot prices move with spare capacity. */
export const SPOT_ASSUMPTION =
  "spot: Azure publishes no fixed spot discount (spot prices follow spare capacity), so the on-demand rate is the upper bound used here";

interface NodeGroup {
  what: string;
  /** How the bill names the group: "model-api-scale-set instances". */
  label: string;
  vmSize: string;
  min: number;
  max: number;
  spot: boolean;
  /** The managed OS disk each node carries. */
  disk: { sizeGiB: number; redundancy: "LRS" | "ZRS"; assumption?: string };
}

/** Instance hours and OS disks of a group of identical nodes, fixed at its scaling bounds. */
function fixedNodes(g: NodeGroup): CostLine[] {
  const lines = [
    costLine({
      item: `${g.vmSize} instance hours (${g.label})`,
      kind: "fixed",
      key: vmKey(g.vmSize),
      min: hours(g.min),
      max: hours(g.max),
      ...(g.spot ? { assumption: SPOT_ASSUMPTION } : {}),
    }),
  ];
  lines.push(diskLine(g, "fixed", g.min, g.max, g.disk.assumption));
  return lines;
}

/** A pool that scales from zero: nothing idle, `trainingHours` at its upper bound when it runs. */
function zeroFloorNodes(g: NodeGroup, ctx: PricingContext): CostLine[] {
  const runHours = ctx.usage.trainingHours;
  const assumption = `scales from zero: runs ${runHours} h a month at its upper bound of ${g.max} node(s) (trainingHours)`;
  const lines = [
    costLine({
      item: `${g.vmSize} instance hours (${g.label})`,
      kind: "usage",
      key: vmKey(g.vmSize),
      min: 0,
      max: g.max * runHours,
      assumption: g.spot ? `${assumption}; ${SPOT_ASSUMPTION}` : assumption,
    }),
  ];
  const months = runHours / hours(1);
  lines.push(diskLine(g, "usage", 0, g.max * months, [assumption, g.disk.assumption].filter(Boolean).join("; ")));
  return lines;
}

function diskLine(g: NodeGroup, kind: "fixed" | "usage", min: number, max: number, assumption?: string): CostLine {
  const disk = g.disk;
  const tier = premiumTier(disk.sizeGiB);
  if (tier === undefined) throw new UnpricedError(`${g.what}: a ${disk.sizeGiB} GiB OS disk is past the Premium SSD tiers the table knows`);
  return costLine({
    item: `${tier} ${disk.redundancy} OS disks (${g.label})`,
    kind,
    key: diskKey(tier, disk.redundancy),
    min,
    max,
    ...(assumption ? { assumption } : {}),
  });
}

const nodeLines = (g: NodeGroup, ctx: PricingContext) => (g.max > 0 && g.min === 0 ? zeroFloorNodes(g, ctx) : fixedNodes(g));

/** The autoscale setting that targets a resource, found by the URN its target came from. */
function autoscaleOf(target: PlanResource, ctx: PricingContext): PlanResource | undefined {
  return ctx.plan.resources.find(
    (r) => r.type === "azure-native:monitor:AutoscaleSetting" && (r.propertyDependencies.targetResourceUri ?? []).includes(target.urn),
  );
}

/** Premium managed OS disk of a scale set, from `virtualMachineProfile.storageProfile.osDisk`. */
function scaleSetDisk(r: PlanResource, what: string): NodeGroup["disk"] {
  const type = inputString(r, "virtualMachineProfile.storageProfile.osDisk.managedDisk.storageAccountType");
  const size = inputNumber(r, "virtualMachineProfile.storageProfile.osDisk.diskSizeGB");
  // Every instance has an OS disk: one the plan does not describe is billed at the image's default.
  if (type === undefined || size === undefined) {
    throw new UnpricedError(
      `${what}: the OS disk's storageAccountType or diskSizeGB is unset, so its tier is the image's default, not in the plan`,
    );
  }
  const m = /^Premium_(LRS|ZRS)$/.exec(type);
  if (!m) throw new UnpricedError(`${what}: OS disks of type ${type} are not in the Azure price table`);
  return { sizeGiB: size, redundancy: m[1] as "LRS" | "ZRS" };
}

export const priceScaleSet: Pricer = (r, ctx) => {
  const what = describe(r);
  const vmSize = inputString(r, "sku.name");
  if (!vmSize) throw new UnpricedError(`${what}: no sku.name`);
  const capacity = inputNumber(r, "sku.capacity") ?? 1;
  // Autoscale owns the instance count: its profile's minimum and maximum are the bounds.
  const profile = autoscaleOf(r, ctx);
  const bounds = profile
    ? {
        min: inputNumber(profile, "profiles.0.capacity.minimum") ?? capacity,
        max: inputNumber(profile, "profiles.0.capacity.maximum") ?? capacity,
      }
    : { min: capacity, max: capacity };
  const spot = inputString(r, "virtualMachineProfile.priority") === "Spot";
  const disk = scaleSetDisk(r, what);
  return nodeLines({ what, label: r.name, vmSize, ...bounds, spot, disk }, ctx);
};

/** An AKS pool's node count bounds: autoscaling min/max, else its fixed count. */
function poolBounds(pool: unknown): { min: number; max: number } {
  const p = pool as Record<string, unknown>;
  const count = typeof p.count === "number" ? p.count : 1;
  if (p.enableAutoScaling === true && typeof p.minCount === "number" && typeof p.maxCount === "number")
    return { min: p.minCount, max: p.maxCount };
  return { min: count, max: count };
}

// AKS puts a Managed OS disk on Premium SSD when the size supports premium storage, as every
// "s" size of the catalog does (infracost's AKS golden files price such nodes as P-tier LRS disks).
const AKS_DISK_ASSUMPTION = "Managed OS disk on Premium SSD LRS (the size supports premium storage)";

function poolGroup(pool: Record<string, unknown>, what: string, label: string): NodeGroup {
  const vmSize = typeof pool.vmSize === "string" ? pool.vmSize : undefined;
  if (!vmSize) throw new UnpricedError(`${what}: pool ${label} has no vmSize`);
  if (pool.osDiskType === "Ephemeral") throw new UnpricedError(`${what}: ephemeral OS disks are not priced (they use the VM's cache)`);
  // Unset, AKS picks Ephemeral when the size's cache holds the disk, else Managed (the osDiskType
  // reference in the containerservice API), and a Managed disk's default size by vCPU count.
  if (pool.osDiskType !== "Managed" || typeof pool.osDiskSizeGB !== "number") {
    throw new UnpricedError(
      `${what}: pool ${label} leaves osDiskType or osDiskSizeGB to AKS's default (Ephemeral or Managed, sized by vCPUs), which the plan does not say`,
    );
  }
  return {
    what,
    label,
    vmSize,
    ...poolBounds(pool),
    spot: pool.scaleSetPriority === "Spot",
    disk: { sizeGiB: pool.osDiskSizeGB, redundancy: "LRS", assumption: AKS_DISK_ASSUMPTION },
  };
}

export const priceManagedCluster: Pricer = (r, ctx) => {
  const what = describe(r);
  const tier = inputString(r, "sku.tier") ?? "Free";
  const lines: CostLine[] = [];
  // The three tiers of the containerservice API's ManagedClusterSKUTier; Standard and Premium bill
  // each cluster-hour. A tier the table has no rate for is the estimator's to list, the nodes counted.
  if (tier === "Standard")
    lines.push(costLine({ item: "AKS Standard tier (uptime SLA) hours", kind: "fixed", key: KEYS.aksStandardTier, min: hours(1) }));
  else if (tier === "Premium")
    lines.push(costLine({ item: "AKS Premium tier (long-term support) hours", kind: "fixed", key: KEYS.aksPremiumTier, min: hours(1) }));
  else if (tier !== "Free") throw new UnpricedError(`${what}: sku.tier ${tier} is not an AKS tier (Free, Standard or Premium)`);
  const pools = input(r, "agentPoolProfiles");
  for (const pool of Array.isArray(pools) ? pools : []) {
    const p = pool as Record<string, unknown>;
    lines.push(...nodeLines(poolGroup(p, what, `${r.name} ${String(p.name)} pool`), ctx));
  }
  return lines;
};

export const priceAgentPool: Pricer = (r, ctx) => nodeLines(poolGroup(r.inputs, describe(r), `${r.name} pool`), ctx);
