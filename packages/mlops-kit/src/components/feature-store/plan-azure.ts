import { stringify } from "yaml";
import type { DeployContext } from "../../core/context";
import { physicalName, shortHash } from "../../core/naming";
import type { NeutralPlan as FeatureStorePlan, PlannedGroup } from "./plan-base";
import type { FeatureStoreSpec, FeatureType, KeyType } from "./spec";

// The plan in Azure Machine Learning managed feature store's terms. Sources: azure-native 3
// machinelearningservices Workspace (`kind: FeatureStore`, featureStoreSettings), FeaturesetVersion,
// FeaturestoreEntityVersion (IndexColumn dataType: FeatureDataType), WorkspaceConnection
// (ConnectionCategory ADLSGen2 / Redis); Azure ML "Feature set specification YAML schema"
// (FeatureSetSpec.yaml: source, timestamp_column, features, index_columns, temporal_join_lookback).

/** Feature set spec YAML types (FeatureSetSpec.yaml `features[].type`). */
export type FeatureSetType = "string" | "integer" | "long" | "float" | "double" | "binary" | "datetime" | "boolean";

export const AZURE_FEATURE_TYPES: Record<FeatureType, FeatureSetType> = {
  string: "string",
  int64: "long",
  float64: "double",
  bool: "boolean",
  timestamp: "datetime",
  // The managed feature store has no array type (FeatureDataType): an embedding is held packed,
  // little-endian float64, as binary; it is served but not searched.
  embedding: "binary",
};
/** Index column types (FeatureDataType). */
export const AZURE_KEY_TYPES: Record<KeyType, "String" | "Long"> = { string: "String", int64: "Long" };

export interface AzureEntityPlan {
  name: string;
  /** Versions are immutable: a changed entity is a new version, named by its content. */
  version: string;
  indexColumns: { columnName: string; dataType: "String" | "Long" }[];
  description?: string;
}

export interface AzureGroupPlan {
  group: string;
  featureSetName: string;
  version: string;
  /** `azureml:<entity>:<version>` of the group's entity. */
  entities: string[];
  /** Where the group's source data lands in the offline container (parquet). */
  sourceFolder: string;
  /** The folder of the version's FeatureSetSpec.yaml in the offline container. */
  specFolder: string;
  storeType: "OnlineAndOffline" | "Offline";
  /** The spec document without its source path, which holds the storage account's name. */
  spec: Record<string, unknown>;
}

export interface AzureFeatureStorePlan {
  /** The stack's `azure-native:location`; absent: the network's region. */
  location?: string;
  workspaceName: string;
  /** Planned global names, finished with the subscription by the backend (accountScopedName). */
  offlineStorageName: string;
  workspaceStorageName: string;
  keyVaultName: string;
  redisName: string;
  offlineContainer: string;
  offlineConnectionName: string;
  onlineConnectionName: string;
  sparkRuntimeVersion: string;
  redisCapacity: number;
  schedule: { frequency: "Hour" | "Day"; interval: number };
  /**
   * Days a deleted vault stays recoverable: 90, the compliance pack's minimum (Key Vault takes 7–90);
   * the vault's name changes with its identity, so a recreated store never waits for it.
   */
  softDeleteRetentionDays: number;
  entities: AzureEntityPlan[];
  groups: AzureGroupPlan[];
  overrides: NonNullable<NonNullable<FeatureStoreSpec["azure"]>["overrides"]>;
}

export const OFFLINE_CONTAINER = "offline";

export function planAzure(base: FeatureStorePlan, spec: FeatureStoreSpec, ctx: DeployContext): AzureFeatureStorePlan {
  const { name } = base;
  const entities = base.entities.map((e): AzureEntityPlan => {
    const indexColumns = e.keys.map((k) => ({ columnName: k.name, dataType: AZURE_KEY_TYPES[k.type] }));
    return {
      name: e.name,
      version: contentVersion(indexColumns),
      indexColumns,
      ...(e.description !== undefined ? { description: e.description } : {}),
    };
  });
  return {
    ...(ctx.region ? { location: ctx.region } : {}),
    workspaceName: physicalName("azureMlWorkspace", [name, "features"], ctx.scope),
    offlineStorageName: physicalName("azureStorageAccount", [name, "offline"], ctx.scope),
    workspaceStorageName: physicalName("azureStorageAccount", [name, "workspace"], ctx.scope),
    keyVaultName: physicalName("azureKeyVault", [name, "fs"], ctx.scope),
    redisName: physicalName("azureRedis", [name, "online"], ctx.scope),
    offlineContainer: OFFLINE_CONTAINER,
    offlineConnectionName: "offline-store",
    onlineConnectionName: "online-store",
    sparkRuntimeVersion: spec.azure?.sparkRuntimeVersion ?? "3.4",
    redisCapacity: spec.azure?.redisCapacity ?? 1,
    schedule: base.sync.intervalHours >= 24 ? { frequency: "Day", interval: 1 } : { frequency: "Hour", interval: base.sync.intervalHours },
    softDeleteRetentionDays: 90,
    entities,
    groups: base.groups.map((g) => planAzureGroup(g, entities)),
    overrides: spec.azure?.overrides ?? {},
  };
}

function planAzureGroup(g: PlannedGroup, entities: AzureEntityPlan[]): AzureGroupPlan {
  const entity = entities.find((e) => e.name === g.entity);
  const spec = featureSetSpec(g);
  const version = contentVersion(spec);
  return {
    group: g.name,
    featureSetName: g.name,
    version,
    entities: [`azureml:${g.entity}:${entity?.version ?? "1"}`],
    sourceFolder: `sources/${g.name}/`,
    specFolder: `featuresets/${g.name}/${version}/`,
    storeType: g.online ? "OnlineAndOffline" : "Offline",
    spec,
  };
}

/** A version named by its content: the same schema, the same version; any change, a new one. */
function contentVersion(content: unknown): string {
  return `v${shortHash(JSON.stringify(content))}`;
}

/** FeatureSetSpec.yaml as a document, its source path left to {@link renderFeatureSetSpec}. */
export function featureSetSpec(g: PlannedGroup): Record<string, unknown> {
  return {
    $schema: "http://azureml/sdk-2-0/FeatureSetSpec.json",
    source: { type: "parquet", timestamp_column: { name: g.eventTimeColumn } },
    features: g.features.map((f) => ({ name: f.name, type: AZURE_FEATURE_TYPES[f.type] })),
    index_columns: g.keys.map((k) => ({ name: k.name, type: AZURE_KEY_TYPES[k.type].toLowerCase() })),
    // How far back a point-in-time join looks for a value: the group's freshness.
    ...(g.ttlSeconds !== undefined ? { temporal_join_lookback: lookback(g.ttlSeconds) } : {}),
  };
}

function lookback(seconds: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.ceil(seconds / 60);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

/** The YAML uploaded as the version's FeatureSetSpec.yaml, with its source in the offline store. */
export function renderFeatureSetSpec(spec: Record<string, unknown>, sourcePath: string): string {
  const source = { ...(spec.source as Record<string, unknown>), path: sourcePath };
  return stringify({ ...spec, source });
}
