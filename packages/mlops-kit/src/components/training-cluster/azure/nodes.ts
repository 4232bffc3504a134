import { AgentPool, type AgentPoolArgs } from "@pulumi/azure-native/containerservice/agentPool";
import type { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { azureTags } from "../../../core/tags";
import type { PoolPlan, TrainingClusterPlan } from "../plan";

/**
 * The taint AKS puts on every node of a spot pool (AKS "Add an Azure Spot node pool"). Written into
 * the pool's own taints too: AKS returns it in `nodeTaints`, and a pool without it would show a
 * change (and an update removing it) at every `up` (terraform-provider-azurerm #9454, CAPZ #3976).
 */
export const AKS_SPOT_TAINT = { key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: "NoSchedule" } as const;

/** A pool's taints as AKS writes them (`key=value:Effect`), the spot taint included on spot pools. */
export function aksNodeTaints(pool: PoolPlan): string[] {
  const taints = pool.taints.map((t) => `${t.key}=${t.value}:${t.effect}`);
  const spot = `${AKS_SPOT_TAINT.key}=${AKS_SPOT_TAINT.value}:${AKS_SPOT_TAINT.effect}`;
  return pool.spot && !taints.includes(spot) ? [...taints, spot] : taints;
}

/**
 * A training pool: User mode, autoscaled from `min` (0 allowed), spot at any price up to on-demand
 * (`spotMaxPrice: -1`) with evicted nodes deleted, so a pool at zero costs nothing (AKS "Add a spot
 * node pool"). Taints are AKS's `key=value:Effect` strings.
 */
export function createAgentPool(
  plan: TrainingClusterPlan,
  pool: PoolPlan,
  a: { cluster: ManagedCluster; resourceGroupName: pulumi.Output<string>; subnetId: pulumi.Output<string>; zones: pulumi.Output<string[]> },
  ctx: ProvisionContext,
): AgentPool {
  const spot = pool.spot
    ? { scaleSetPriority: "Spot", scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1 }
    : { scaleSetPriority: "Regular" };
  const args: AgentPoolArgs = {
    resourceGroupName: a.resourceGroupName,
    resourceName: a.cluster.name,
    agentPoolName: pool.name,
    mode: "User",
    // The pool moves with the cluster's version (see the system pool in cluster.ts); AKS allows a
    // pool at most two minor versions behind the control plane.
    orchestratorVersion: plan.version,
    vmSize: pool.machineType,
    osType: "Linux",
    osDiskSizeGB: pool.diskGiB,
    osDiskType: "Managed",
    vnetSubnetID: a.subnetId,
    availabilityZones: a.zones,
    enableAutoScaling: true,
    minCount: pool.min,
    maxCount: pool.max,
    count: pool.min,
    ...spot,
    nodeLabels: pool.labels,
    nodeTaints: aksNodeTaints(pool),
    tags: azureTags(plan.tags),
  };
  return new AgentPool(`${plan.name}-${pool.name}`, withOverrides(args, plan.azure.overrides, "agentPool"), {
    ...ctx.opts,
    // The autoscaler owns the count once the pool exists.
    ignoreChanges: ["count"],
    protect: plan.deletionProtection && pool.gpu !== undefined,
  });
}
