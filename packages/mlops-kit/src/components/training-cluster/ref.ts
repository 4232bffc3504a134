import type * as pulumi from "@pulumi/pulumi";
import type { CloudId } from "../../core/cloud";
import type { ClusterInfo } from "./info";

/**
 * What a consumer of a TrainingCluster's `info` needs before it resolves (a monitoring stack names
 * its alerts after the cluster): known when the cluster is constructed in the same program.
 */
export interface KnownCluster {
  cloud: CloudId;
  name: string;
}

const REGISTRY_KEY = Symbol.for("mlops-kit.training-cluster.registry");
// Shared through the global registry, so a second copy of this module still finds the clusters the first registered.
function registry(): WeakMap<object, KnownCluster> {
  const g = globalThis as unknown as Record<symbol, WeakMap<object, KnownCluster> | undefined>;
  g[REGISTRY_KEY] ??= new WeakMap();
  return g[REGISTRY_KEY];
}

export function registerCluster(info: pulumi.Output<ClusterInfo>, known: KnownCluster): void {
  registry().set(info, known);
}

/** The plain facts of a cluster's `info`: registered by its component, or read off a plain value. */
export function knownCluster(input: pulumi.Input<ClusterInfo>): KnownCluster | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const registered = registry().get(input);
  if (registered) return registered;
  const v = input as Partial<ClusterInfo>;
  return typeof v.name === "string" && typeof v.cloud === "string" ? { cloud: v.cloud as CloudId, name: v.name } : undefined;
}
