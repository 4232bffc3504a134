import { byCloud, type CloudId, type Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import type { Tags } from "../../core/tags";
import { type AwsFeatureStorePlan, planAws } from "./plan-aws";
import { type AzureFeatureStorePlan, planAzure } from "./plan-azure";
import { type GcpFeatureStorePlan, planGcp } from "./plan-gcp";
import type { FeatureStoreSpec, FeatureType, KeyType } from "./spec";

// The neutral plan of a FeatureStore: the schema resolved (each group with its entity's keys),
// retention, sync and safety by profile; each cloud's own decisions live in plan-<cloud>.ts, and
// only the chosen cloud's are made (what one cloud cannot do must not fail another).

export const TYPE = "FeatureStore";

export interface PlannedKey {
  name: string;
  type: KeyType;
}

export interface PlannedFeature {
  name: string;
  type: FeatureType;
  dimension?: number;
  description?: string;
}

/** One group with everything a backend needs from its entity. */
export interface PlannedGroup {
  name: string;
  entity: string;
  keys: PlannedKey[];
  eventTimeColumn: string;
  features: PlannedFeature[];
  ttlSeconds?: number;
  /** Served online: the group asks for it and the online store exists. */
  online: boolean;
  description?: string;
  /** The component's tags with the group's over them. */
  tags: Tags;
}

export interface PlannedEntity {
  name: string;
  keys: PlannedKey[];
  description?: string;
}

export interface FeatureStorePlan {
  name: string;
  cloud: CloudId;
  profile: Profile;
  entities: PlannedEntity[];
  groups: PlannedGroup[];
  online: { enabled: boolean; minNodes: number; maxNodes: number; cpuTargetPercent: number };
  offline: { retentionDays: number };
  sync: { intervalHours: number };
  customerManagedKey: boolean;
  /** Prod: stores are kept when the stack is destroyed, and refuse deletion. */
  retain: boolean;
  deletionProtection: boolean;
  tags: Tags;
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
  const base: FeatureStorePlan = {
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

/** A required setting the stack may hold instead (`gcp:region`, `azure-native:location`). */
export function requireSetting(name: string, value: string | undefined, path: string, hint: string): string {
  if (value) return value;
  throw new SpecError(TYPE, name, [{ path, message: `is required: set it, or set the stack's ${hint}` }]);
}
