import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { FeatureStore } from "../component";
import { SCHEMA } from "../fixtures";
import type { FeatureStoreArgs } from "../spec";

const config = (profile: string) => ({ "mlops:cloud": "aws", "mlops:profile": profile, "aws:region": "eu-west-1" });
const synthStore = (args: Partial<FeatureStoreArgs> = {}, profile = "dev") =>
  synth(
    () => {
      new FeatureStore("features", { ...SCHEMA, offline: { retentionDays: 45 }, ...args });
    },
    { project: "p", stack: profile, config: config(profile) },
  );

const KEY = "arn:aws:mock:key:features-key";
const FG = "aws:sagemaker/featureGroup:FeatureGroup";
const BUCKET = "aws:s3/bucket:Bucket";

describe("GIVEN a FeatureStore on AWS with a transactions group and an embeddings group", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await synthStore({ access: { readers: ["arn:aws:iam::123456789012:role/api"] } });
  });

  it("THEN each group is a SageMaker feature group keyed by the entity's join key and the group's event time", () => {
    const txn = resource(p, FG, "features-transactions").inputs;
    expect(txn).toMatchObject({
      recordIdentifierFeatureName: "customer_id",
      eventTimeFeatureName: "computed_at",
      description: "Spend over rolling windows",
    });
    expect(txn.featureGroupName).toMatch(/^features-transactions-[a-z0-9]{6}$/);
    expect(txn.featureDefinitions).toEqual([
      { featureName: "customer_id", featureType: "String" },
      { featureName: "computed_at", featureType: "String" },
      { featureName: "txn_count_7d", featureType: "Integral" },
      { featureName: "txn_amount_7d", featureType: "Fractional" },
      { featureName: "is_premium", featureType: "Integral" },
      { featureName: "last_txn_at", featureType: "String" },
      { featureName: "home_country", featureType: "String" },
    ]);
  });

  it("THEN the transactions group is Standard online with the key and a one-week TTL, and offline in Glue format on the bucket", () => {
    const txn = resource(p, FG, "features-transactions").inputs;
    expect(txn.onlineStoreConfig).toMatchObject({
      enableOnlineStore: true,
      storageType: "Standard",
      securityConfig: { kmsKeyId: KEY },
      ttlDuration: { unit: "Weeks", value: 1 },
    });
    expect(txn.offlineStoreConfig).toMatchObject({
      // Not Iceberg: S3 lifecycle expiry deletes files an Iceberg table's metadata still lists.
      tableFormat: "Glue",
      s3StorageConfig: { kmsKeyId: KEY },
      dataCatalogConfig: { catalog: "AwsDataCatalog", tableName: expect.stringMatching(/^transactions_[a-z0-9]{6}$/) },
    });
    expect(txn.roleArn).toBe("arn:aws:mock:role:features-sagemaker");
  });

  it("THEN the embedding is a Fractional vector in an InMemory online-only group (SageMaker has no offline store behind InMemory)", () => {
    const emb = resource(p, FG, "features-embeddings").inputs;
    expect(emb.featureDefinitions).toContainEqual({
      featureName: "profile_embedding",
      featureType: "Fractional",
      collectionType: "Vector",
      collectionConfig: { vectorConfig: { dimension: 256 } },
    });
    expect(emb.onlineStoreConfig).toMatchObject({ storageType: "InMemory" });
    expect(emb.offlineStoreConfig).toBeUndefined();
    expect(emb.throughputConfig).toEqual({ throughputMode: "OnDemand" });
  });

  it("THEN the offline bucket is KMS-encrypted, versioned, TLS-only, private, and expires rows after the retention", () => {
    expect(resourcesOfType(p, BUCKET)).toHaveLength(1);
    expect(
      resource(p, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "features-offline").inputs
        .rules,
    ).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true }]);
    expect(resource(p, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "features-offline").inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const rules = resource(p, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "features-offline").inputs.rules as {
      expiration: { days: number };
    }[];
    expect(rules[0]?.expiration.days).toBe(45);
    const policy = JSON.parse(String(resource(p, "aws:s3/bucketPolicy:BucketPolicy", "features-offline").inputs.policy));
    expect(policy.Statement[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(resource(p, "aws:kms/key:Key", "features-key").inputs.enableKeyRotation).toBe(true);
  });

  it("THEN SageMaker's role trusts sagemaker.amazonaws.com from this account only, and writes only the offline prefix", () => {
    const trust = JSON.parse(String(resource(p, "aws:iam/role:Role", "features-sagemaker").inputs.assumeRolePolicy));
    expect(trust.Statement[0]).toMatchObject({
      Principal: { Service: "sagemaker.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": expect.any(String) } },
    });
    const doc = JSON.parse(String(resource(p, "aws:iam/rolePolicy:RolePolicy", "features-sagemaker").inputs.policy));
    const write = doc.Statement.find((s: { Sid: string }) => s.Sid === "WriteOfflineStore");
    expect(write.Resource).toMatch(/\/offline\/\*$/);
    for (const s of doc.Statement) expect(JSON.stringify(s.Action)).not.toContain("*");
  });

  it("THEN a reader role gets the online and offline reader policies attached, by its role name", () => {
    const attachments = resourcesOfType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    expect(attachments.map((a) => [a.inputs.role, a.inputs.policyArn]).sort()).toEqual([
      ["api", "arn:aws:mock:policy:features-offline-reader"],
      ["api", "arn:aws:mock:policy:features-online-reader"],
    ]);
  });

  it("THEN the offline reader may locate the bucket without a prefix condition (GetBucketLocation carries no s3:prefix)", () => {
    const doc = JSON.parse(String(resource(p, "aws:iam/policy:Policy", "features-offline-reader").inputs.policy));
    expect(doc.Statement.filter((s: { Action: unknown }) => JSON.stringify(s.Action).includes("s3:GetBucketLocation"))).toEqual([
      { Sid: "LocateOfflineStore", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: "arn:aws:mock:bucket:features-offline" },
    ]);
    expect(doc.Statement.find((s: { Sid: string }) => s.Sid === "ListOfflineStore")).toMatchObject({
      Action: "s3:ListBucket",
      Condition: { StringLike: { "s3:prefix": ["offline/*", "offline"] } },
    });
  });

  it("THEN the dev profile lets destroy empty the bucket and keeps nothing", () => {
    expect(resource(p, BUCKET, "features-offline").inputs.forceDestroy).toBe(true);
    expect(resource(p, FG, "features-transactions").retainOnDelete).toBe(false);
  });
});

describe("GIVEN the prod profile on AWS", () => {
  it("THEN stores are retained on delete and the bucket is not force-destroyed", async () => {
    const p = await synthStore({}, "prod");
    expect(resource(p, FG, "features-transactions").retainOnDelete).toBe(true);
    expect(resource(p, BUCKET, "features-offline").retainOnDelete).toBe(true);
    expect(resource(p, BUCKET, "features-offline").inputs.forceDestroy).toBe(false);
  });
});

describe("GIVEN provisioned throughput on AWS", () => {
  it("THEN the Standard group is provisioned and the InMemory group stays on-demand", async () => {
    const p = await synthStore({ aws: { readUnits: 40, writeUnits: 12 } });
    expect(resource(p, FG, "features-transactions").inputs.throughputConfig).toEqual({
      throughputMode: "Provisioned",
      provisionedReadCapacityUnits: 40,
      provisionedWriteCapacityUnits: 12,
    });
    expect(resource(p, FG, "features-embeddings").inputs.throughputConfig).toEqual({ throughputMode: "OnDemand" });
  });
});
