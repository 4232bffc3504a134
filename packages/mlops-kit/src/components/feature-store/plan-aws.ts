import { assertNever } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { UnsupportedError } from "../../core/errors";
import { physicalName, shortHash } from "../../core/naming";
import type { NeutralPlan as FeatureStorePlan, PlannedFeature, PlannedGroup } from "./plan-base";
import type { FeatureStoreSpec, FeatureType, KeyType } from "./spec";

// The plan in SageMaker Feature Store's terms. Sources: terraform-provider-aws
// internal/service/sagemaker/feature_group.go (names, enums, limits, ForceNew); SageMaker developer
// guide "Online store" / "Offline store" / "Collection types".

/** A SageMaker feature definition. */
export interface AwsFeatureDefinition {
  featureName: string;
  /** `Integral`, `Fractional` or `String` (awstypes.FeatureType). */
  featureType: "Integral" | "Fractional" | "String";
  /** `Vector` for embeddings (awstypes.CollectionType: List, Set, Vector). */
  collectionType?: "Vector";
  dimension?: number;
}

export interface AwsGroupPlan {
  group: string;
  featureGroupName: string;
  recordIdentifier: string;
  eventTimeFeature: string;
  /**
   * The Glue table SageMaker creates for the offline store, named by the definitions: deleting a
   * feature group leaves its table, so a group replaced for a schema change needs a new name.
   */
  tableName: string;
  /**
   * `Glue`: S3 lifecycle expiry (the retention) deletes whole Parquet files, which a Glue table
   * tolerates; an Iceberg table's metadata would still list them and every query would fail.
   */
  tableFormat: "Glue";
  definitions: AwsFeatureDefinition[];
  /** Absent: offline only. `InMemory` holds vectors; `Standard` everything else. */
  storageType?: "Standard" | "InMemory";
  /** SageMaker has no offline store behind an InMemory group ("Offline store": no online-to-offline replication). */
  offline: boolean;
  ttl?: { unit: TtlUnit; value: number };
  /**
   * Provisioned throughput only for offline-only or Standard groups; InMemory groups are on-demand
   * ("ThroughputConfig", SageMaker API reference).
   */
  throughput: AwsThroughput;
}

export type AwsThroughput = { mode: "OnDemand" } | { mode: "Provisioned"; readUnits: number; writeUnits: number };

export type TtlUnit = "Seconds" | "Minutes" | "Hours" | "Days" | "Weeks";

export interface AwsFeatureStorePlan {
  /** Where feature groups write under the bucket. */
  offlinePrefix: string;
  databaseName: string;
  groups: AwsGroupPlan[];
  /** Dev: the bucket empties on destroy. */
  forceDestroy: boolean;
  keyDeletionWindowDays: number;
  overrides: NonNullable<NonNullable<FeatureStoreSpec["aws"]>["overrides"]>;
}

/** The neutral types as SageMaker holds them: booleans as 0/1, timestamps as ISO 8601 text. */
export const AWS_FEATURE_TYPES: Record<FeatureType, AwsFeatureDefinition["featureType"]> = {
  string: "String",
  int64: "Integral",
  float64: "Fractional",
  bool: "Integral",
  timestamp: "String",
  // A vector's elements are Fractional ("Collection types": vectors hold Fractional only).
  embedding: "Fractional",
};

export const AWS_KEY_TYPES: Record<KeyType, AwsFeatureDefinition["featureType"]> = { string: "String", int64: "Integral" };

const OFFLINE_PREFIX = "offline";
const OFFLINE_TABLE_FORMAT = "Glue";

export function planAws(base: FeatureStorePlan, spec: FeatureStoreSpec, ctx: DeployContext): AwsFeatureStorePlan {
  const { name } = base;
  const read = spec.aws?.readUnits;
  const write = spec.aws?.writeUnits;
  const throughput: AwsThroughput =
    read !== undefined && write !== undefined ? { mode: "Provisioned", readUnits: read, writeUnits: write } : { mode: "OnDemand" };
  return {
    offlinePrefix: OFFLINE_PREFIX,
    databaseName: physicalName("awsGlueDatabase", [name, "features"], ctx.scope),
    groups: base.groups.map((g, i) => planAwsGroup(base, g, i, ctx, throughput)),
    forceDestroy: !base.retain,
    // KMS waits 7–30 days before deleting a key: the shortest in dev, the longest in prod.
    keyDeletionWindowDays: base.retain ? 30 : 7,
    overrides: spec.aws?.overrides ?? {},
  };
}

function planAwsGroup(base: FeatureStorePlan, g: PlannedGroup, i: number, ctx: DeployContext, throughput: AwsThroughput): AwsGroupPlan {
  const unsupported = (field: string, reason: string) => new UnsupportedError("FeatureStore", base.name, "aws", field, reason);
  const [key, ...more] = g.keys;
  if (!key || more.length > 0) {
    throw unsupported(
      `featureGroups.${i}.entity`,
      `a SageMaker record has one identifier, and entity "${g.entity}" has ${g.keys.length} join keys; give it one key (a composite column)`,
    );
  }
  const embedding = g.features.findIndex((f) => f.type === "embedding");
  if (embedding >= 0 && !g.online) {
    throw unsupported(
      `featureGroups.${i}.features.${embedding}`,
      "SageMaker holds vectors only in the InMemory online store, and this group is not served online",
    );
  }
  const storageType = !g.online ? undefined : embedding >= 0 ? "InMemory" : "Standard";
  const definitions: AwsFeatureDefinition[] = [
    { featureName: key.name, featureType: AWS_KEY_TYPES[key.type] },
    // Event times as ISO 8601 text (SageMaker takes String or Fractional seconds).
    { featureName: g.eventTimeColumn, featureType: "String" },
    ...g.features.map(awsDefinition),
  ];
  return {
    group: g.name,
    featureGroupName: physicalName("awsFeatureGroup", [base.name, g.name], ctx.scope),
    recordIdentifier: key.name,
    eventTimeFeature: g.eventTimeColumn,
    // The format is in the hash: a group replaced for a new format must not meet its old table.
    tableName: `${g.name}_${shortHash(JSON.stringify([OFFLINE_TABLE_FORMAT, definitions]))}`,
    tableFormat: OFFLINE_TABLE_FORMAT,
    definitions,
    ...(storageType ? { storageType } : {}),
    offline: storageType !== "InMemory",
    ...(g.ttlSeconds !== undefined && g.online ? { ttl: ttlDuration(g.ttlSeconds) } : {}),
    throughput: storageType === "InMemory" ? { mode: "OnDemand" } : throughput,
  };
}

function awsDefinition(f: PlannedFeature): AwsFeatureDefinition {
  const featureType = AWS_FEATURE_TYPES[f.type];
  switch (f.type) {
    case "embedding":
      return {
        featureName: f.name,
        featureType,
        collectionType: "Vector",
        ...(f.dimension !== undefined ? { dimension: f.dimension } : {}),
      };
    case "string":
    case "int64":
    case "float64":
    case "bool":
    case "timestamp":
      return { featureName: f.name, featureType };
    default:
      return assertNever(f.type, "feature type");
  }
}

const TTL_UNITS: [TtlUnit, number][] = [
  ["Weeks", 7 * 24 * 3600],
  ["Days", 24 * 3600],
  ["Hours", 3600],
  ["Minutes", 60],
  ["Seconds", 1],
];

/** The largest TtlDuration unit that holds `seconds` exactly (awstypes.TtlDurationUnit). */
export function ttlDuration(seconds: number): { unit: TtlUnit; value: number } {
  for (const [unit, size] of TTL_UNITS) if (seconds % size === 0) return { unit, value: seconds / size };
  return { unit: "Seconds", value: seconds };
}
