import type { PlanResource } from "../../../plan";
import { type CostLine, HOURS_PER_MONTH, type Pricer, type PricingContext, UnpricedError } from "../../types";
import { BUILT_IN_GPUS, costLine, gpuKey, KEYS, machineKey, SPOT_ASSUMPTION } from "./prices";
import { field, isRegion, list, num, referenced, referencing, str } from "./read";

// Compute Engine instance groups and GKE: what the VMs of a plan are billed for.

export const TYPES = {
  group: "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
  autoscaler: "gcp:compute/regionAutoscaler:RegionAutoscaler",
  template: "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
  cluster: "gcp:container/cluster:Cluster",
  nodePool: "gcp:container/nodePool:NodePool",
} as const;

/** How many VMs a group or pool runs: its scaling bounds. */
export interface VmCount {
  min: number;
  max: number;
  /** Where the bounds came from, for the assumption. */
  from: string;
}

/** One kind of VM and how many of it run. */
export interface VmShape {
  machineType: string;
  /** Attached GPUs per VM (N1); built-in GPUs (A2, A3, G2) come from the machine type. */
  accelerators: { type: string; count: number }[];
  spot: boolean;
  diskGb: number;
  diskType: string;
}

/** The instance bounds of a regional managed instance group: its autoscaler's, else its target size. */
export function groupCount(ctx: PricingContext, group: PlanResource): VmCount {
  const autoscaler = referencing(ctx, group, TYPES.autoscaler, "target")[0];
  const policy = field(autoscaler?.inputs, "autoscalingPolicy");
  const min = num(field(policy, "minReplicas"));
  const max = num(field(policy, "maxReplicas"));
  if (min !== undefined && max !== undefined) return { min, max, from: "the autoscaler's minReplicas..maxReplicas" };
  const size = num(group.inputs.targetSize) ?? 0;
  return { min: size, max: size, from: "the group's targetSize" };
}

/** The zones a node pool's per-zone counts apply to: its own, else its cluster's. */
function poolZones(ctx: PricingContext, pool: PlanResource): number {
  const own = list(pool.inputs.nodeLocations).length;
  if (own > 0) return own;
  const cluster = referenced(ctx, pool, "cluster", TYPES.cluster)[0];
  return Math.max(1, list(cluster?.inputs.nodeLocations).length);
}

/** The node bounds of a GKE node pool: total autoscaling bounds, else per-zone ones times its zones. */
export function poolCount(ctx: PricingContext, pool: PlanResource): VmCount {
  const scaling = pool.inputs.autoscaling;
  const totalMin = num(field(scaling, "totalMinNodeCount"));
  const totalMax = num(field(scaling, "totalMaxNodeCount"));
  if (totalMin !== undefined && totalMax !== undefined)
    return { min: totalMin, max: totalMax, from: "totalMinNodeCount..totalMaxNodeCount" };
  const zones = poolZones(ctx, pool);
  const perMin = num(field(scaling, "minNodeCount"));
  const perMax = num(field(scaling, "maxNodeCount"));
  if (perMin !== undefined && perMax !== undefined) {
    return { min: perMin * zones, max: perMax * zones, from: `minNodeCount..maxNodeCount in each of ${zones} zones` };
  }
  const fixed = (num(pool.inputs.nodeCount) ?? num(pool.inputs.initialNodeCount) ?? 0) * zones;
  return { min: fixed, max: fixed, from: `nodeCount in each of ${zones} zones` };
}

function accelerators(v: unknown): { type: string; count: number }[] {
  return list(v).flatMap((a) => {
    const type = str(field(a, "type"));
    return type ? [{ type, count: num(field(a, "count")) ?? 1 }] : [];
  });
}

function templateShape(template: PlanResource): VmShape {
  const i = template.inputs;
  const boot = list(i.disks).find((d) => field(d, "boot") === true) ?? list(i.disks)[0];
  const model = str(field(i.scheduling, "provisioningModel"));
  return {
    machineType: str(i.machineType) ?? "",
    accelerators: accelerators(i.guestAccelerators),
    spot: model === "SPOT" || field(i.scheduling, "preemptible") === true,
    // Unset, the boot disk is as large as its image: billed, but not in the plan (0 makes it unpriced).
    diskGb: num(field(boot, "diskSizeGb")) ?? 0,
    diskType: str(field(boot, "diskType")) ?? "pd-standard",
  };
}

function poolShape(pool: PlanResource): VmShape {
  const c = pool.inputs.nodeConfig;
  return {
    machineType: str(field(c, "machineType")) ?? "",
    accelerators: accelerators(field(c, "guestAccelerators")),
    spot: field(c, "spot") === true || field(c, "preemptible") === true,
    diskGb: num(field(c, "diskSizeGb")) ?? 100,
    diskType: str(field(c, "diskType")) ?? "pd-balanced",
  };
}

/** VM-hours a month at the bounds: around the clock, or, scaling from zero, only while training. */
function vmHours(count: VmCount, ctx: PricingContext) {
  if (count.min === 0 && count.max > 0) {
    const hours = ctx.usage.trainingHours;
    return {
      kind: "usage" as const,
      min: 0,
      max: count.max * hours,
      assumption: `scales from zero (${count.from}): none at rest, at most ${count.max} for trainingHours=${hours} h a month`,
    };
  }
  const bounds = count.min === count.max ? `${count.min}` : `${count.min}..${count.max}`;
  return {
    kind: "fixed" as const,
    min: count.min * HOURS_PER_MONTH,
    max: count.max * HOURS_PER_MONTH,
    assumption: `${bounds} around the clock (${count.from})`,
  };
}

/** The GPUs each VM of `shape` is billed for: its built-in ones, else those attached. */
function gpusOf(shape: VmShape): { type: string; count: number }[] {
  const builtIn = BUILT_IN_GPUS[shape.machineType];
  return builtIn ? [{ type: builtIn.accelerator, count: builtIn.count }] : shape.accelerators;
}

/**
 * Boot disks: every VM has one, so a disk of unknown size makes the VMs unpriced rather than priced
 * as if they had none; one of a type the table lacks is listed as the group's unpriced part.
 */
function diskPart(what: string, shape: VmShape, hours: ReturnType<typeof vmHours>) {
  const key = shape.diskType === "pd-balanced" ? KEYS.diskBalancedGbMonth : `gcp:compute:disk:${shape.diskType}-gb-month`;
  if (shape.diskGb === 0) throw new UnpricedError(`${what}: the boot disk's size is not in the plan (the image's size by default)`);
  const perVm = shape.diskGb / HOURS_PER_MONTH;
  return costLine({
    item: `${shape.diskType} boot disk`,
    kind: hours.kind,
    key,
    min: hours.min * perVm,
    max: hours.max * perVm,
    assumption: `${shape.diskGb} GB per VM, while the VM exists; ${hours.assumption}`,
  });
}

/** The lines of `count` VMs of `shape`: machine hours, GPU hours and boot disks. */
export function vmLines(ctx: PricingContext, what: string, shape: VmShape, count: VmCount): CostLine[] {
  const hours = vmHours(count, ctx);
  const notes = [hours.assumption, ...(shape.spot ? [SPOT_ASSUMPTION] : [])];
  const machine = costLine({
    item: `${shape.machineType} instance hours`,
    kind: hours.kind,
    key: machineKey(shape.machineType),
    min: hours.min,
    max: hours.max,
    assumption: notes.join("; "),
  });
  const gpus = gpusOf(shape).map((g) =>
    costLine({
      item: `${g.type} GPU hours`,
      kind: hours.kind,
      key: gpuKey(g.type),
      min: hours.min * g.count,
      max: hours.max * g.count,
      assumption: [`${g.count} per VM`, ...notes].join("; "),
    }),
  );
  return [machine, ...gpus, diskPart(what, shape, hours)];
}

/** A regional managed instance group: its template's VMs, as many as its autoscaler allows. */
export const priceInstanceGroup: Pricer = (group, ctx) => {
  const what = `instance group ${group.name}`;
  const template = referenced(ctx, group, "versions", TYPES.template)[0] ?? referenced(ctx, group, "instanceTemplate", TYPES.template)[0];
  if (!template) throw new UnpricedError(`${what}: no instance template in the plan, so its machine type is unknown`);
  return vmLines(ctx, what, templateShape(template), groupCount(ctx, group));
};

/** A GKE node pool: its nodes, between its autoscaling bounds. */
export const priceNodePool: Pricer = (pool, ctx) => vmLines(ctx, `node pool ${pool.name}`, poolShape(pool), poolCount(ctx, pool));

/** A GKE cluster: the management fee, and its default node pool when it keeps one. */
export const priceCluster: Pricer = (cluster, ctx) => {
  const what = `GKE cluster ${cluster.name}`;
  const location = str(cluster.inputs.location) ?? ctx.region;
  const regional = isRegion(location);
  const fee = costLine({
    item: "GKE cluster management fee",
    kind: "fixed",
    key: KEYS.gkeClusterHour,
    min: HOURS_PER_MONTH,
    max: HOURS_PER_MONTH,
    assumption: regional
      ? "regional cluster: the GKE free-tier credit does not apply to it"
      : "zonal cluster: list fee; the free-tier credit ($74.40/month per billing account) may cover one zonal cluster",
  });
  if (cluster.inputs.removeDefaultNodePool === true) return [fee];
  const nodes = (num(cluster.inputs.initialNodeCount) ?? 3) * Math.max(1, list(cluster.inputs.nodeLocations).length);
  // GKE's default node: e2-medium with a 100 GB disk when nodeConfig leaves them unset.
  const pool = poolShape({ ...cluster, inputs: { nodeConfig: cluster.inputs.nodeConfig } });
  const shape = { ...pool, machineType: pool.machineType || "e2-medium" };
  const count = { min: nodes, max: nodes, from: "the default node pool's initialNodeCount" };
  return [fee, ...vmLines(ctx, `${what} default node pool`, shape, count)];
};
