import type { Dataset } from "@pulumi/gcp/bigquery/dataset";
import type { Table } from "@pulumi/gcp/bigquery/table";
import { AiFeatureGroup } from "@pulumi/gcp/vertex/aiFeatureGroup";
import { AiFeatureGroupFeature } from "@pulumi/gcp/vertex/aiFeatureGroupFeature";
import { AiFeatureOnlineStore, type AiFeatureOnlineStoreArgs } from "@pulumi/gcp/vertex/aiFeatureOnlineStore";
import {
  AiFeatureOnlineStoreFeatureview,
  type AiFeatureOnlineStoreFeatureviewArgs,
} from "@pulumi/gcp/vertex/aiFeatureOnlineStoreFeatureview";
import * as pulumi from "@pulumi/pulumi";
import type { GcpGroupPlan } from "../plan-gcp";
import type { GcpFeatureStore } from "./resources";
import type { Step } from "./step";

interface VertexDeps {
  dataset: Dataset;
  tables: Record<string, Table>;
  encryption?: NonNullable<GcpFeatureStore["encryption"]>;
}

type VertexResources = Pick<GcpFeatureStore, "onlineStore" | "featureGroups" | "features" | "featureViews">;

/** The online store, a feature group (with its features) over each table, and a view per online group. */
export function createVertexResources(step: Step, deps: VertexDeps): VertexResources {
  const onlineStore = step.gcp.onlineStore ? createOnlineStore(step, deps) : undefined;
  const featureGroups: GcpFeatureStore["featureGroups"] = {};
  const features: GcpFeatureStore["features"] = {};
  const featureViews: GcpFeatureStore["featureViews"] = {};
  for (const g of step.gcp.groups) {
    const table = deps.tables[g.group];
    if (!table) throw new Error(`no table for ${g.group}`);
    const group = createFeatureGroup(step, g, table);
    featureGroups[g.group] = group;
    features[g.group] = Object.fromEntries(
      g.featureIds.map((id) => [
        id,
        new AiFeatureGroupFeature(
          `${step.plan.name}-${g.group}-${id}`,
          step.role({ name: id, featureGroup: group.name, region: step.gcp.region, labels: step.labels }, "feature"),
          step.opts,
        ),
      ]),
    );
    if (onlineStore && g.viewId !== undefined) {
      featureViews[g.group] = createFeatureView(step, g, { onlineStore, group, table, features: Object.values(features[g.group] ?? {}) });
    }
  }
  return { ...(onlineStore ? { onlineStore } : {}), featureGroups, features, featureViews };
}

/**
 * Bigtable with node autoscaling, or Optimized when an online group holds an embedding: only
 * Optimized stores serve vector search, and they take a dedicated endpoint, here reachable only
 * through Private Service Connect from this project. Only the Bigtable kind takes the key.
 */
function createOnlineStore(step: Step, deps: VertexDeps): AiFeatureOnlineStore {
  const { plan, gcp, labels, keepOpts } = step;
  const store = gcp.onlineStore;
  if (!store) throw new Error("no online store planned");
  const kind: Partial<AiFeatureOnlineStoreArgs> =
    store.storage === "optimized"
      ? {
          optimized: {},
          dedicatedServingEndpoint: {
            privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: [step.project] },
          },
        }
      : { bigtable: { autoScaling: store.autoScaling } };
  return new AiFeatureOnlineStore(
    `${plan.name}-online`,
    step.role(
      {
        name: store.name,
        region: gcp.region,
        ...kind,
        ...(deps.encryption && store.customerManagedKey ? { encryptionSpec: { kmsKeyName: deps.encryption.key.id } } : {}),
        deletionPolicy: gcp.deletionPolicy,
        // Dev: destroy takes the store's views with it; prod refuses (deletionPolicy PREVENT).
        forceDestroy: !plan.retain,
        labels,
      },
      "onlineStore",
    ),
    { ...keepOpts, dependsOn: deps.encryption?.agents ?? [] },
  );
}

function createFeatureGroup(step: Step, g: GcpGroupPlan, table: Table): AiFeatureGroup {
  const { plan, gcp, labels, keepOpts } = step;
  const group = plan.groups.find((p) => p.name === g.group);
  return new AiFeatureGroup(
    `${plan.name}-${g.group}`,
    step.role(
      {
        name: g.featureGroupId,
        region: gcp.region,
        ...(group?.description !== undefined ? { description: group.description } : {}),
        bigQuery: {
          bigQuerySource: { inputUri: pulumi.interpolate`bq://${table.project}.${table.datasetId}.${table.tableId}` },
          entityIdColumns: g.entityIdColumns,
        },
        deletionPolicy: gcp.deletionPolicy,
        labels,
      },
      "featureGroup",
    ),
    keepOpts,
  );
}

interface ViewDeps {
  onlineStore: AiFeatureOnlineStore;
  group: AiFeatureGroup;
  table: Table;
  features: AiFeatureGroupFeature[];
}

/**
 * A feature view loading the group into the online store on the sync schedule. An embedding group
 * reads its table directly with a vector index on the embedding; others go through the registry.
 */
function createFeatureView(step: Step, g: GcpGroupPlan, deps: ViewDeps): AiFeatureOnlineStoreFeatureview {
  const { plan, gcp, labels, opts } = step;
  const source: Partial<AiFeatureOnlineStoreFeatureviewArgs> = g.embedding
    ? {
        bigQuerySource: {
          uri: pulumi.interpolate`bq://${deps.table.project}.${deps.table.datasetId}.${deps.table.tableId}`,
          entityIdColumns: g.entityIdColumns,
        },
        vectorSearchConfig: {
          embeddingColumn: g.embedding.column,
          embeddingDimension: g.embedding.dimension,
          distanceMeasureType: "DOT_PRODUCT_DISTANCE",
          bruteForceConfig: {},
        },
      }
    : { featureRegistrySource: { featureGroups: [{ featureGroupId: deps.group.name, featureIds: g.featureIds }] } };
  return new AiFeatureOnlineStoreFeatureview(
    `${plan.name}-${g.group}-view`,
    step.role(
      {
        name: g.viewId,
        region: gcp.region,
        featureOnlineStore: deps.onlineStore.name,
        syncConfig: { cron: gcp.syncCron },
        ...source,
        labels,
      },
      "featureView",
    ),
    // The registry source names features that must exist first.
    { ...opts, dependsOn: deps.features },
  );
}
