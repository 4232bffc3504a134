import type { CloudId, Profile } from "../../core/cloud";
import { SpecError } from "../../core/errors";
import type { Tags } from "../../core/tags";
import type { FeatureType, KeyType } from "./spec";

// The neutral part of a FeatureStore's plan, which each cloud's plan (plan-<cloud>.ts) builds on.

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

/** The decisions every cloud shares. */
export interface NeutralPlan {
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
}

/** A required setting the stack may hold instead (`gcp:region`, `azure-native:location`). */
export function requireSetting(name: string, value: string | undefined, path: string, hint: string): string {
  if (value) return value;
  throw new SpecError(TYPE, name, [{ path, message: `is required: set it, or set the stack's ${hint}` }]);
}
