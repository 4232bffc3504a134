import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { FeatureStore } from "../component";
import { SCHEMA } from "../fixtures";
import type { FeatureStoreArgs } from "../spec";

const config = (profile: string) => ({
  "mlops:cloud": "gcp",
  "mlops:profile": profile,
  "gcp:region": "europe-west4",
  "gcp:project": "acme",
});
const synthStore = (args: Partial<FeatureStoreArgs> = {}, profile = "dev") =>
  synth(
    () => {
      new FeatureStore("features", { ...SCHEMA, offline: { retentionDays: 45 }, sync: { intervalHours: 3 }, ...args });
    },
    { project: "p", stack: profile, config: config(profile) },
  );

const TABLE = "gcp:bigquery/table:Table";
const STORE = "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore";
const VIEW = "gcp:vertex/aiFeatureOnlineStoreFeatureview:AiFeatureOnlineStoreFeatureview";
const DAY_MS = 86_400_000;

describe("GIVEN a FeatureStore on GCP with a transactions group and an embeddings group", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await synthStore({ access: { readers: ["serviceAccount:api@acme.iam.gserviceaccount.com"] } });
  });

  it("THEN the dataset is CMEK-encrypted, has no access entries, and ages rows out after the retention", () => {
    const ds = resource(p, "gcp:bigquery/dataset:Dataset", "features-offline");
    expect(ds.inputs).toMatchObject({ location: "europe-west4", defaultPartitionExpirationMs: 45 * DAY_MS, deleteContentsOnDestroy: true });
    expect(ds.inputs.defaultEncryptionConfiguration).toEqual({ kmsKeyName: "features-features-id" });
    expect(ds.inputs.accesses).toBeUndefined();
    expect(ds.inputs.datasetId).toMatch(/^features_features_[a-z0-9]{6}$/);
  });

  it("THEN the key is granted to the BigQuery and Vertex AI service agents before the dataset and store use it", () => {
    const members = resourcesOfType(p, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map((m) => m.inputs.member);
    expect(members).toEqual([
      "serviceAccount:bq-123456789012@bigquery-encryption.iam.gserviceaccount.com",
      "serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com",
    ]);
    expect(resource(p, "gcp:bigquery/dataset:Dataset", "features-offline").dependsOn).toHaveLength(2);
    expect(resource(p, STORE, "features-online").dependsOn).toHaveLength(2);
    expect(resource(p, "gcp:kms/cryptoKey:CryptoKey", "features-key").inputs.rotationPeriod).toBe("7776000s");
  });

  it("THEN the Vertex AI agent is made to exist before its grant, and BigQuery's is the one BigQuery names", () => {
    const identity = resource(p, "gcp:projects/serviceIdentity:ServiceIdentity", "features-vertex-agent");
    expect(identity.inputs).toEqual({ project: "acme", service: "aiplatform.googleapis.com" });
    expect(resource(p, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "features-key-vertex").dependsOn).toEqual([identity.urn]);
    // The answer of bigquery.getDefaultServiceAccount, which creates the account when it is missing.
    expect(resource(p, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "features-key-bigquery").inputs.member).toBe(
      "serviceAccount:bq-123456789012@bigquery-encryption.iam.gserviceaccount.com",
    );
  });

  it("THEN the key ring has no fixed name (rings are never deleted; destroy + up must not meet the old one)", () => {
    const ring = resource(p, "gcp:kms/keyRing:KeyRing", "features-keys");
    expect(ring.inputs).toEqual({ location: "europe-west4" });
    expect(resource(p, "gcp:kms/cryptoKey:CryptoKey", "features-key").inputs.name).toBe("features-features");
  });

  it("THEN each group's table holds its keys, feature_timestamp and features, with the embedding REPEATED FLOAT64", () => {
    const schema = JSON.parse(String(resource(p, TABLE, "features-embeddings").inputs.schema));
    expect(schema).toEqual([
      { name: "customer_id", type: "STRING", mode: "REQUIRED" },
      { name: "feature_timestamp", type: "TIMESTAMP", mode: "REQUIRED", description: "Event time (event_time)" },
      { name: "profile_embedding", type: "FLOAT64", mode: "REPEATED" },
    ]);
    const txn = resource(p, TABLE, "features-transactions").inputs;
    expect(txn.timePartitioning).toEqual({ type: "DAY", field: "feature_timestamp", expirationMs: 45 * DAY_MS });
    expect(txn.deletionProtection).toBe(false);
  });

  it("THEN the online store is Optimized (an online group serves an embedding), private, deletable in dev, without a CMEK (Vertex AI refuses one there)", () => {
    const store = resource(p, STORE, "features-online").inputs;
    expect(store.optimized).toEqual({});
    expect(store.bigtable).toBeUndefined();
    expect(store.dedicatedServingEndpoint).toEqual({
      privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: ["acme"] },
    });
    expect(store).toMatchObject({ deletionPolicy: "DELETE", forceDestroy: true });
    expect(store.encryptionSpec).toBeUndefined();
  });

  it("THEN each group is a Vertex AI feature group over its table, with one feature per feature", () => {
    const group = resource(p, "gcp:vertex/aiFeatureGroup:AiFeatureGroup", "features-transactions").inputs;
    expect(group.bigQuery).toEqual({
      bigQuerySource: { inputUri: expect.stringMatching(/^bq:\/\/.*\.transactions$/) },
      entityIdColumns: ["customer_id"],
    });
    const features = resourcesOfType(p, "gcp:vertex/aiFeatureGroupFeature:AiFeatureGroupFeature").map((f) => f.inputs.name);
    expect(features).toHaveLength(6);
    expect(features).toContain("txn_amount_7d");
  });

  it("THEN every online group has a view syncing on the cron, the embedding's with a vector index", () => {
    expect(resource(p, VIEW, "features-transactions-view").inputs).toMatchObject({
      name: "transactions",
      syncConfig: { cron: "0 */3 * * *" },
    });
    const emb = resource(p, VIEW, "features-embeddings-view").inputs;
    expect(emb.vectorSearchConfig).toMatchObject({ embeddingColumn: "profile_embedding", embeddingDimension: 256 });
  });

  it("THEN a reader gets BigQuery data viewer on the dataset and online store user on the store", () => {
    expect(resource(p, "gcp:bigquery/datasetIamMember:DatasetIamMember", "features-reader-0-bigquery").inputs.role).toBe(
      "roles/bigquery.dataViewer",
    );
    expect(
      resource(p, "gcp:vertex/aiFeatureOnlineStoreIamMember:AiFeatureOnlineStoreIamMember", "features-reader-0-online").inputs,
    ).toMatchObject({
      role: "roles/aiplatform.featureOnlineStoreUser",
      member: "serviceAccount:api@acme.iam.gserviceaccount.com",
    });
  });
});

describe("GIVEN no online group serves an embedding on GCP, in prod", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await synthStore(
      {
        featureGroups: SCHEMA.featureGroups.map((g) => (g.name === "embeddings" ? { ...g, online: false } : g)),
        online: { minNodes: 2, maxNodes: 6, cpuTargetPercent: 60 },
      },
      "prod",
    );
  });

  it("THEN the store is Bigtable with the spec's autoscaling, on the component's key, and refuses deletion", () => {
    const store = resource(p, STORE, "features-online");
    expect(store.inputs.encryptionSpec).toEqual({ kmsKeyName: "features-features-id" });
    expect(store.inputs.bigtable).toEqual({ autoScaling: { minNodeCount: 2, maxNodeCount: 6, cpuUtilizationTarget: 60 } });
    expect(store.inputs.deletionPolicy).toBe("PREVENT");
    expect(store.retainOnDelete).toBe(true);
  });

  it("THEN tables are deletion-protected and the offline-only group has no view", () => {
    expect(resource(p, TABLE, "features-transactions").inputs.deletionProtection).toBe(true);
    expect(resourcesOfType(p, VIEW).map((v) => v.name)).toEqual(["features-transactions-view"]);
  });
});
