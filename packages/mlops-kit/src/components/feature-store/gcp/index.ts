import { Dataset } from "@pulumi/gcp/bigquery/dataset";
import { DatasetIamMember } from "@pulumi/gcp/bigquery/datasetIamMember";
import { getDefaultServiceAccountOutput } from "@pulumi/gcp/bigquery/getDefaultServiceAccount";
import { Table } from "@pulumi/gcp/bigquery/table";
import { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import { KeyRing } from "@pulumi/gcp/kms/keyRing";
import { getClientConfigOutput } from "@pulumi/gcp/organizations/getClientConfig";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import { ServiceIdentity } from "@pulumi/gcp/projects/serviceIdentity";
import { AiFeatureOnlineStoreIamMember } from "@pulumi/gcp/vertex/aiFeatureOnlineStoreIamMember";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { gcpLabels } from "../../../core/tags";
import type { FeatureStoreInputs, FeatureStoreResult } from "../contract";
import type { FeatureGroupInfo } from "../info";
import type { FeatureStorePlan } from "../plan";
import { GCP_TIME_COLUMN } from "../plan-gcp";
import type { GcpFeatureStore } from "./resources";
import type { Step } from "./step";
import { createVertexResources } from "./vertex";

export type { GcpFeatureStore } from "./resources";

/** Cloud KMS keys rotate every 90 days (the security pack's limit). */
const ROTATION_PERIOD = "7776000s";
const ENCRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

/**
 * A FeatureStore on GCP, in the order of creation: the key and the service agents that use it, the
 * BigQuery dataset with one table per group (offline store and source), the Vertex AI online store,
 * feature groups and features over the tables, a feature view per online group, and the grants.
 */
export function provision(plan: FeatureStorePlan, inputs: FeatureStoreInputs, ctx: ProvisionContext): FeatureStoreResult {
  const gcp = plan.gcp;
  if (!gcp) throw new Error("a GCP plan is required");
  const o = gcp.overrides;
  const step: Step = {
    plan,
    gcp,
    // The provider's project, asked through the component so an explicit provider is honoured.
    project: getClientConfigOutput({ parent: ctx.parent }).project,
    labels: gcpLabels(plan.tags),
    opts: ctx.opts,
    keepOpts: { ...ctx.opts, retainOnDelete: plan.retain },
    role: (args, role) => withOverrides(args, o, role),
  };
  const encryption = plan.customerManagedKey ? createKey(step, ctx) : undefined;
  const dataset = createDataset(step, encryption);
  const tables = createTables(step, dataset, encryption);
  const vertex = createVertexResources(step, { dataset, tables, ...(encryption ? { encryption } : {}) });
  const grants = grantAccess(step, inputs, dataset, vertex.onlineStore);

  const resources: GcpFeatureStore = { ...(encryption ? { encryption } : {}), dataset, tables, ...vertex, grants };
  return { cloud: "gcp", ...outputs(step, resources), resources };
}

/**
 * The key, and the BigQuery and Vertex AI service agents allowed to use it before either
 * encrypts with it (CMEK fails at creation otherwise). Neither agent exists in a project that has
 * not used the service yet, and a grant to a missing account fails: BigQuery's is created by
 * asking for it (`projects.getServiceAccount`), Vertex AI's by a service identity.
 */
function createKey(step: Step, ctx: ProvisionContext): NonNullable<GcpFeatureStore["encryption"]> {
  const { plan, labels, keepOpts, opts } = step;
  // No fixed name: a key ring can never be deleted, so `destroy` + `up` would meet the old ring's
  // name; Pulumi's auto-name (`<name>-keys-` + random, kept in state) is a new ring each time.
  const keyRing = new KeyRing(`${plan.name}-keys`, step.role({ location: step.gcp.region }, "keyRing"), keepOpts);
  const key = new CryptoKey(
    `${plan.name}-key`,
    step.role({ name: step.gcp.keyName, keyRing: keyRing.id, rotationPeriod: ROTATION_PERIOD, purpose: "ENCRYPT_DECRYPT", labels }, "key"),
    keepOpts,
  );
  const number = getProjectOutput({ projectId: step.project }, { parent: ctx.parent }).number;
  const bigquery = getDefaultServiceAccountOutput({ project: step.project }, { parent: ctx.parent });
  // Creating it is a no-op once it exists, and destroying it is one too (the provider's docs).
  const vertexAgent = new ServiceIdentity(
    `${plan.name}-vertex-agent`,
    { project: step.project, service: "aiplatform.googleapis.com" },
    opts,
  );
  // Vertex AI's agent by project number ("Customer-managed encryption keys", Vertex AI docs).
  const grant = (who: string, member: pulumi.Input<string>, dependsOn: pulumi.Resource[]) =>
    new CryptoKeyIAMMember(`${plan.name}-key-${who}`, { cryptoKeyId: key.id, role: ENCRYPTER, member }, { ...opts, dependsOn });
  return {
    keyRing,
    key,
    vertexAgent,
    agents: [
      grant("bigquery", bigquery.member, []),
      grant("vertex", pulumi.interpolate`serviceAccount:service-${number}@gcp-sa-aiplatform.iam.gserviceaccount.com`, [vertexAgent]),
    ],
  };
}

/** The offline store: CMEK, no access entries beyond the project's, rows expired after the retention. */
function createDataset(step: Step, encryption: GcpFeatureStore["encryption"]): Dataset {
  const { plan, gcp, labels, keepOpts } = step;
  return new Dataset(
    `${plan.name}-offline`,
    step.role(
      {
        datasetId: gcp.datasetId,
        location: gcp.region,
        description: `Offline store of feature store ${plan.name}`,
        ...(encryption ? { defaultEncryptionConfiguration: { kmsKeyName: encryption.key.id } } : {}),
        // Rows age out by partition; a table expiry would delete the groups' tables themselves.
        defaultPartitionExpirationMs: gcp.partitionExpirationMs,
        deleteContentsOnDestroy: gcp.deleteContentsOnDestroy,
        labels,
      },
      "dataset",
    ),
    { ...keepOpts, dependsOn: encryption?.agents ?? [] },
  );
}

/** One table per group: its keys, `feature_timestamp` and features, partitioned by day on the event time. */
function createTables(step: Step, dataset: Dataset, encryption: GcpFeatureStore["encryption"]): Record<string, Table> {
  const { plan, gcp, labels, keepOpts } = step;
  return Object.fromEntries(
    gcp.groups.map((g) => {
      const group = plan.groups.find((p) => p.name === g.group);
      const table = new Table(
        `${plan.name}-${g.group}`,
        step.role(
          {
            datasetId: dataset.datasetId,
            tableId: g.tableId,
            ...(group?.description !== undefined ? { description: group.description } : {}),
            schema: JSON.stringify(g.schema),
            timePartitioning: { type: "DAY", field: GCP_TIME_COLUMN, expirationMs: gcp.partitionExpirationMs },
            clusterings: g.entityIdColumns.slice(0, 4),
            ...(encryption ? { encryptionConfiguration: { kmsKeyName: encryption.key.id } } : {}),
            deletionProtection: plan.deletionProtection,
            labels: { ...labels, ...gcpLabels(group?.tags ?? {}) },
          },
          "table",
        ),
        keepOpts,
      );
      return [g.group, table];
    }),
  );
}

/** Readers: BigQuery data viewer on the dataset and online reads on the store; writers: data editor. */
function grantAccess(
  step: Step,
  inputs: FeatureStoreInputs,
  dataset: Dataset,
  onlineStore: GcpFeatureStore["onlineStore"],
): GcpFeatureStore["grants"] {
  const { plan, gcp, opts } = step;
  const datasetGrant = (kind: string, i: number, member: pulumi.Input<string>, role: string) =>
    new DatasetIamMember(`${plan.name}-${kind}-${i}-bigquery`, { datasetId: dataset.datasetId, role, member }, opts);
  // `roles/aiplatform.featureOnlineStoreUser` on the store (Vertex AI "Control access to resources").
  const onlineGrant = (kind: string, i: number, member: pulumi.Input<string>) =>
    onlineStore
      ? [
          new AiFeatureOnlineStoreIamMember(
            `${plan.name}-${kind}-${i}-online`,
            { featureOnlineStore: onlineStore.name, region: gcp.region, role: "roles/aiplatform.featureOnlineStoreUser", member },
            opts,
          ),
        ]
      : [];
  return [
    ...inputs.readers.flatMap((m, i) => [datasetGrant("reader", i, m, "roles/bigquery.dataViewer"), ...onlineGrant("reader", i, m)]),
    ...inputs.writers.flatMap((m, i) => [datasetGrant("writer", i, m, "roles/bigquery.dataEditor"), ...onlineGrant("writer", i, m)]),
  ];
}

function outputs(step: Step, r: GcpFeatureStore): Pick<FeatureStoreResult, "info" | "clientConfig"> {
  const { plan, gcp } = step;
  const groups: (FeatureGroupInfo & { features: string[] })[] = gcp.groups.map((g) => {
    const group = plan.groups.find((p) => p.name === g.group);
    return {
      name: g.group,
      keys: g.entityIdColumns,
      eventTimeFeature: GCP_TIME_COLUMN,
      online: g.viewId !== undefined,
      ...(g.viewId !== undefined ? { onlineId: g.viewId } : {}),
      offlineLocation: "",
      features: group?.features.map((f) => f.name) ?? [],
    };
  });
  const info = pulumi
    .all([step.project, r.dataset.datasetId, r.onlineStore?.name, r.onlineStore?.dedicatedServingEndpoint, r.encryption?.key.id])
    .apply(([project, datasetId, onlineStoreId, endpoint, keyId]) => {
      const located = groups.map(({ features: _features, ...g }) => ({ ...g, offlineLocation: `${project}.${datasetId}.${g.name}` }));
      return {
        info: {
          cloud: "gcp" as const,
          name: plan.name,
          region: gcp.region,
          groups: Object.fromEntries(located.map((g) => [g.name, g])),
          offlineStoreId: `projects/${project}/datasets/${datasetId}`,
          ...(keyId ? { encryptionKeyId: keyId } : {}),
          gcp: { project, datasetId, ...(onlineStoreId ? { onlineStoreId } : {}) },
        },
        client: {
          cloud: "gcp" as const,
          region: gcp.region,
          groups: Object.fromEntries(located.map((g, i) => [g.name, { ...g, features: groups[i]?.features ?? [] }])),
          gcp: {
            project,
            dataset: datasetId,
            ...(onlineStoreId ? { onlineStore: `projects/${project}/locations/${gcp.region}/featureOnlineStores/${onlineStoreId}` } : {}),
            ...(endpoint?.serviceAttachment ? { serviceAttachment: endpoint.serviceAttachment } : {}),
          },
        },
      };
    });
  return { info: info.apply((i) => i.info), clientConfig: info.apply((i) => i.client) };
}
