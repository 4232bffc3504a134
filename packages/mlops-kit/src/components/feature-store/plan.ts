import { byCloud, type Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { type AwsFeatureStorePlan, planAws } from "./plan-aws";
import { type AzureFeatureStorePlan, planAzure } from "./plan-azure";
import type { NeutralPlan, PlannedGroup } from "./plan-base";
import { type GcpFeatureStorePlan, planGcp } from "./plan-gcp";
import type { FeatureStoreSpec } from "./spec";

// The neutral plan of a FeatureStore: the schema resolved (each group with its entity's keys),
// retention, sync and safety by profile; each cloud's own decisions live in plan-<cloud>.ts, and
// only the chosen cloud's are made (what one cloud cannot do must not fail another).

export {
  type NeutralPlan,
  type PlannedEntity,
  type PlannedFeature,
  type PlannedGroup,
  type PlannedKey,
  requireSetting,
  TYPE,
} from "./plan-base";

export interface FeatureStorePlan extends NeutralPlan {
  aws?: AwsFeatureStorePlan;
  gcp?: GcpFeatureStorePlan;
  azure?: AzureFeatureStorePlan;
}

/** What `mlops:profile` sets for a FeatureStore when the spec leaves a field unset. */
export const FEATURE_STORE_PROFILE_DEFAULTS: Record<
  Profile,
  { retentionDays: number; syncIntervalHours: number; minNodes: number; maxNodes: number; retain: boolean }
> = {
  dev: { retentionDays: 90, syncIntervalHours: 6, minNodes: 1, maxNodes: 3, retain: false },
  prod: { retentionDays: 730, syncIntervalHours: 1, minNodes: 2, maxNodes: 10, retain: true },
};

/** Every decision about the feature store. Pure. */
export function planFeatureStore(name: string, spec: FeatureStoreSpec, ctx: DeployContext): FeatureStorePlan {
  const d = FEATURE_STORE_PROFILE_DEFAULTS[ctx.profile];
  const minNodes = spec.online.minNodes ?? Math.min(d.minNodes, spec.online.maxNodes ?? d.minNodes);
  const maxNodes = spec.online.maxNodes ?? Math.max(d.maxNodes, minNodes);
  const entities = spec.entities.map((e) => ({
    name: e.name,
    keys: e.joinKeys.map((k) => ({ name: k.name, type: k.type })),
    ...(e.description !== undefined ? { description: e.description } : {}),
  }));
  const groups = spec.featureGroups.map((g): PlannedGroup => {
    const entity = entities.find((e) => e.name === g.entity);
    if (!entity) throw new Error(`unknown entity ${g.entity}`); // the schema refuses this
    return {
      name: g.name,
      entity: g.entity,
      keys: entity.keys,
      eventTimeColumn: g.eventTimeColumn,
      features: g.features.map((f) => ({
        name: f.name,
        type: f.type,
        ...(f.dimension !== undefined ? { dimension: f.dimension } : {}),
        ...(f.description !== undefined ? { description: f.description } : {}),
      })),
      ...(g.ttlSeconds !== undefined ? { ttlSeconds: g.ttlSeconds } : {}),
      online: g.online && spec.online.enabled,
      ...(g.description !== undefined ? { description: g.description } : {}),
      tags: { ...ctx.tags, ...g.tags },
    };
  });
  const base: NeutralPlan = {
    name,
    cloud: ctx.cloud,
    profile: ctx.profile,
    entities,
    groups,
    online: {
      enabled: spec.online.enabled && groups.some((g) => g.online),
      minNodes,
      maxNodes,
      cpuTargetPercent: spec.online.cpuTargetPercent,
    },
    offline: { retentionDays: spec.offline.retentionDays ?? d.retentionDays },
    sync: { intervalHours: spec.sync.intervalHours ?? d.syncIntervalHours },
    customerManagedKey: spec.encryption.customerManagedKey,
    retain: d.retain,
    deletionProtection: d.retain,
    tags: ctx.tags,
  };
  // Lazily: only the chosen cloud's plan runs.
  return byCloud<() => FeatureStorePlan>(ctx.cloud, {
    aws: () => ({ ...base, aws: planAws(base, spec, ctx) }),
    gcp: () => ({ ...base, gcp: planGcp(base, spec, ctx) }),
    azure: () => ({ ...base, azure: planAzure(base, spec, ctx) }),
  })();
}
