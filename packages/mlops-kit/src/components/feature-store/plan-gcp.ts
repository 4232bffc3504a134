import type { DeployContext } from "../../core/context";
import { physicalName } from "../../core/naming";
import { type NeutralPlan as FeatureStorePlan, type PlannedGroup, requireSetting } from "./plan-base";
import type { FeatureStoreSpec, FeatureType, KeyType } from "./spec";

// The plan in BigQuery's and Vertex AI Feature Store's terms. Sources: pulumi-gcp vertex
// AiFeatureOnlineStore / AiFeatureGroup / AiFeatureGroupFeature / AiFeatureOnlineStoreFeatureview
// (names, autoscaling, deletionPolicy), BigQuery "Specifying a schema" and "Partitioned tables",
// Vertex AI "Prepare data source" (a BigQuery source's `feature_timestamp` column).

/** The time column Vertex AI reads a BigQuery source's event time from. */
export const GCP_TIME_COLUMN = "feature_timestamp";

/** One column of a BigQuery table schema (the JSON `bigquery.Table` takes). */
export interface BigQueryColumn {
  name: string;
  type: "STRING" | "INT64" | "FLOAT64" | "BOOL" | "TIMESTAMP";
  mode: "REQUIRED" | "NULLABLE" | "REPEATED";
  description?: string;
}

export interface GcpGroupPlan {
  group: string;
  tableId: string;
  featureGroupId: string;
  /** The feature view's id in the online store; absent when the group is not online. */
  viewId?: string;
  schema: BigQueryColumn[];
  entityIdColumns: string[];
  featureIds: string[];
  /** The group's embedding column, served by vector search on an Optimized store. */
  embedding?: { column: string; dimension: number };
}

export interface GcpFeatureStorePlan {
  region: string;
  datasetId: string;
  keyName: string;
  /** Absent when no group is online. */
  onlineStore?: {
    name: string;
    /** Optimized serves embeddings (vector search); Bigtable autoscales nodes. */
    storage: "bigtable" | "optimized";
    autoScaling: { minNodeCount: number; maxNodeCount: number; cpuUtilizationTarget: number };
    /**
     * On the component's key: Bigtable stores only. Vertex AI refuses a CMEK on an Optimized store
     * ("Only Bigtable online serving supports encryption using a CMEK", Create an online store).
     */
    customerManagedKey: boolean;
  };
  syncCron: string;
  /** PREVENT in prod: `pulumi destroy` fails rather than delete Vertex AI resources. */
  deletionPolicy: "PREVENT" | "DELETE";
  partitionExpirationMs: number;
  deleteContentsOnDestroy: boolean;
  /** Groups whose `ttlSeconds` Vertex AI cannot enforce (no per-record expiry): a warning. */
  ttlUnenforced: string[];
  groups: GcpGroupPlan[];
  overrides: NonNullable<NonNullable<FeatureStoreSpec["gcp"]>["overrides"]>;
}

export const BIGQUERY_FEATURE_TYPES: Record<FeatureType, BigQueryColumn["type"]> = {
  string: "STRING",
  int64: "INT64",
  float64: "FLOAT64",
  bool: "BOOL",
  timestamp: "TIMESTAMP",
  // Embeddings as REPEATED FLOAT64: the array column Vertex AI vector search reads.
  embedding: "FLOAT64",
};
export const BIGQUERY_KEY_TYPES: Record<KeyType, BigQueryColumn["type"]> = { string: "STRING", int64: "INT64" };

const DAY_MS = 24 * 3600 * 1000;

export function planGcp(base: FeatureStorePlan, spec: FeatureStoreSpec, ctx: DeployContext): GcpFeatureStorePlan {
  const { name } = base;
  const region = requireSetting(
    name,
    spec.gcp?.region ?? ctx.region,
    "gcp.region",
    "gcp:region (pulumi config set gcp:region us-central1)",
  );
  const groups = base.groups.map((g) => planGcpGroup(name, g, ctx));
  const embeddingsOnline = groups.some((g) => g.embedding && g.viewId);
  return {
    region,
    datasetId: physicalName("gcpBigQueryDataset", [name, "features"], ctx.scope),
    keyName: `${name}-features`,
    ...(base.online.enabled
      ? {
          onlineStore: {
            name: physicalName("gcpVertexFeatureResource", [name, "online"], ctx.scope),
            storage: embeddingsOnline ? "optimized" : "bigtable",
            customerManagedKey: base.customerManagedKey && !embeddingsOnline,
            autoScaling: {
              minNodeCount: base.online.minNodes,
              maxNodeCount: base.online.maxNodes,
              cpuUtilizationTarget: base.online.cpuTargetPercent,
            },
          },
        }
      : {}),
    syncCron: syncCron(base.sync.intervalHours),
    deletionPolicy: base.deletionProtection ? "PREVENT" : "DELETE",
    partitionExpirationMs: base.offline.retentionDays * DAY_MS,
    deleteContentsOnDestroy: !base.retain,
    ttlUnenforced: base.groups.filter((g) => g.ttlSeconds !== undefined && g.online).map((g) => g.name),
    groups,
    overrides: spec.gcp?.overrides ?? {},
  };
}

function planGcpGroup(name: string, g: PlannedGroup, ctx: DeployContext): GcpGroupPlan {
  const embedding = g.features.find((f) => f.type === "embedding");
  return {
    group: g.name,
    // Tables live in this component's dataset: the group's name is unique there.
    tableId: g.name,
    featureGroupId: physicalName("gcpVertexFeatureResource", [name, g.name], ctx.scope),
    ...(g.online ? { viewId: g.name } : {}),
    schema: bigQuerySchema(g),
    entityIdColumns: g.keys.map((k) => k.name),
    featureIds: g.features.map((f) => f.name),
    ...(embedding?.dimension !== undefined ? { embedding: { column: embedding.name, dimension: embedding.dimension } } : {}),
  };
}

/** The group's table: its keys, the event time as `feature_timestamp`, then each feature. */
export function bigQuerySchema(g: PlannedGroup): BigQueryColumn[] {
  return [
    ...g.keys.map((k): BigQueryColumn => ({ name: k.name, type: BIGQUERY_KEY_TYPES[k.type], mode: "REQUIRED" })),
    { name: GCP_TIME_COLUMN, type: "TIMESTAMP", mode: "REQUIRED", description: `Event time (${g.eventTimeColumn})` },
    ...g.features.map(
      (f): BigQueryColumn => ({
        name: f.name,
        type: BIGQUERY_FEATURE_TYPES[f.type],
        mode: f.type === "embedding" ? "REPEATED" : "NULLABLE",
        ...(f.description !== undefined ? { description: f.description } : {}),
      }),
    ),
  ];
}

/** Every `hours` hours on the hour; once a day at midnight UTC for 24. */
export function syncCron(hours: number): string {
  return hours >= 24 ? "0 0 * * *" : hours === 1 ? "0 * * * *" : `0 */${hours} * * *`;
}
