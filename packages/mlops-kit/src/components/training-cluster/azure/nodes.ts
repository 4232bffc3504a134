import { AgentPool, type AgentPoolArgs } from "@pulumi/azure-native/containerservice/agentPool";
import type { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { azureTags } from "../../../core/tags";
import type { PoolPlan, TrainingClusterPlan } from "../plan";

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
    nodeTaints: pool.taints.map((t) => `${t.key}=${t.value}:${t.effect}`),
    tags: azureTags(plan.tags),
  };
  return new AgentPool(`${plan.name}-${pool.name}`, withOverrides(args, plan.azure.overrides, "agentPool"), {
    ...ctx.opts,
    // The autoscaler owns the count once the pool exists.
    ignoreChanges: ["count"],
    protect: plan.deletionProtection && pool.gpu !== undefined,
  });
}
