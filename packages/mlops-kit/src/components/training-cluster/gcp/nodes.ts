import type { Cluster } from "@pulumi/gcp/container/cluster";
import { NodePool, type NodePoolArgs } from "@pulumi/gcp/container/nodePool";
import type { Account } from "@pulumi/gcp/serviceaccount/account";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { gcpLabels } from "../../../core/tags";
import type { PoolPlan, TrainingClusterPlan } from "../plan";
import { GKE_ACCELERATOR, gkeGpuPoolZones } from "../plan-gcp";
import type { TaintEffect } from "../spec";

/** GKE spells taint effects its own way (GKE API `NodeTaint.Effect`). */
export const GKE_TAINT_EFFECT: Record<TaintEffect, string> = {
  NoSchedule: "NO_SCHEDULE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
};

export interface PoolInputs {
  cluster: Cluster;
  nodeAccount: Account;
  keyId: pulumi.Output<string>;
  project: pulumi.Output<string>;
  /** The network's region: GPU pools take its zones that offer their accelerator. */
  region: pulumi.Output<string>;
  dependsOn: pulumi.Resource[];
}

/** What every node gets: its service account, GKE's metadata server (Workload Identity), shielded boot, a CMEK boot disk. */
function nodeConfig(plan: TrainingClusterPlan, n: PoolInputs, machineType: string, diskGiB: number): NodePoolArgs["nodeConfig"] {
  return {
    machineType,
    diskSizeGb: diskGiB,
    diskType: "pd-balanced",
    bootDiskKmsKey: n.keyId,
    imageType: "COS_CONTAINERD",
    serviceAccount: n.nodeAccount.email,
    oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
    workloadMetadataConfig: { mode: "GKE_METADATA" },
    shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
    resourceLabels: gcpLabels(plan.tags),
  };
}

/**
 * A node pool's name: GKE takes 1-40 characters (RFC 1035), and Pulumi's auto-name (the logical name,
 * a hyphen and 7 random characters) passes 40 for component names over 19 characters. A pool's name
 * is unique within its cluster only, so the spec's pool name (12 at most) is the whole name; with a
 * fixed name a replacement deletes the old pool before creating the new one.
 */
export const SYSTEM_POOL_NAME = "system";

/** The system pool: at least `count` nodes across the region's zones, on demand. */
export function createSystemNodePool(plan: TrainingClusterPlan, n: PoolInputs, ctx: ProvisionContext): NodePool {
  const args: NodePoolArgs = {
    name: SYSTEM_POOL_NAME,
    cluster: n.cluster.id,
    project: n.project,
    // Regional pools count nodes per zone; total bounds keep exactly `count` across the zones.
    autoscaling: { totalMinNodeCount: plan.system.count, totalMaxNodeCount: plan.system.count, locationPolicy: "BALANCED" },
    initialNodeCount: 1,
    management: { autoRepair: true, autoUpgrade: true },
    nodeConfig: { ...nodeConfig(plan, n, plan.system.machineType, plan.system.diskGiB), labels: { "mlops-kit/pool": "system" } },
  };
  return new NodePool(`${plan.name}-system`, withOverrides(args, plan.gcp.overrides, "systemNodePool"), {
    ...ctx.opts,
    dependsOn: n.dependsOn,
    ignoreChanges: ["initialNodeCount"],
    deleteBeforeReplace: true,
  });
}

/**
 * A training pool: total bounds over the region's zones (`totalMin/MaxNodeCount`, so `min` 0 means
 * none anywhere), ANY location for spot (capacity wherever it is), GPUs with the driver GKE installs.
 */
export function createNodePool(plan: TrainingClusterPlan, pool: PoolPlan, n: PoolInputs, ctx: ProvisionContext): NodePool {
  const accelerator = pool.gpu ? (pool.accelerator ?? GKE_ACCELERATOR[pool.gpu.type]) : undefined;
  const args: NodePoolArgs = {
    name: pool.name,
    cluster: n.cluster.id,
    project: n.project,
    autoscaling: { totalMinNodeCount: pool.min, totalMaxNodeCount: pool.max, locationPolicy: pool.spot ? "ANY" : "BALANCED" },
    nodeLocations:
      pool.gpu && accelerator
        ? n.region.apply((r) =>
            gkeGpuPoolZones(plan.name, { index: plan.pools.indexOf(pool), name: pool.name }, r, accelerator, pool.gpu?.type ?? ""),
          )
        : undefined,
    initialNodeCount: 0,
    management: { autoRepair: true, autoUpgrade: true },
    nodeConfig: {
      ...nodeConfig(plan, n, pool.machineType, pool.diskGiB),
      spot: pool.spot,
      labels: pool.labels,
      taints: pool.taints.map((t) => ({ key: t.key, value: t.value, effect: GKE_TAINT_EFFECT[t.effect] })),
      guestAccelerators:
        pool.gpu && accelerator
          ? [{ type: accelerator, count: pool.gpu.count, gpuDriverInstallationConfig: { gpuDriverVersion: "DEFAULT" } }]
          : [],
    },
  };
  return new NodePool(`${plan.name}-${pool.name}`, withOverrides(args, plan.gcp.overrides, "nodePool"), {
    ...ctx.opts,
    dependsOn: n.dependsOn,
    ignoreChanges: ["initialNodeCount"],
    deleteBeforeReplace: true,
    protect: plan.deletionProtection && pool.gpu !== undefined,
  });
}
