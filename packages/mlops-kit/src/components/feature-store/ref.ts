import type * as pulumi from "@pulumi/pulumi";
import type { CloudId } from "../../core/cloud";
import type { FeatureStoreInfo } from "./info";

/**
 * What a consumer of a FeatureStore's `info` needs before it resolves (a monitoring stack makes
 * one alert per online group): known when the store is constructed in the same program.
 */
export interface KnownFeatureStore {
  cloud: CloudId;
  name: string;
  /** The groups served online, in the spec's order. */
  onlineGroups: string[];
}

const REGISTRY_KEY = Symbol.for("mlops-kit.feature-store.registry");
// Shared through the global registry, so a second copy of this module still finds the stores the first registered.
function registry(): WeakMap<object, KnownFeatureStore> {
  const g = globalThis as unknown as Record<symbol, WeakMap<object, KnownFeatureStore> | undefined>;
  g[REGISTRY_KEY] ??= new WeakMap();
  return g[REGISTRY_KEY];
}

export function registerFeatureStore(info: pulumi.Output<FeatureStoreInfo>, known: KnownFeatureStore): void {
  registry().set(info, known);
}

/** The plain facts of a store's `info`: registered by its component, or read off a plain value. */
export function knownFeatureStore(input: pulumi.Input<FeatureStoreInfo>): KnownFeatureStore | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const registered = registry().get(input);
  if (registered) return registered;
  const v = input as Partial<FeatureStoreInfo>;
  if (typeof v.name !== "string" || typeof v.cloud !== "string" || typeof v.groups !== "object" || v.groups === null) return undefined;
  return {
    cloud: v.cloud as CloudId,
    name: v.name,
    onlineGroups: Object.values(v.groups)
      .filter((g) => g.online)
      .map((g) => g.name),
  };
}
