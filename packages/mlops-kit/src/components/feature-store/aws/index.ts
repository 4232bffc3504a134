import { CatalogDatabase } from "@pulumi/aws/glue/catalogDatabase";
import { Policy } from "@pulumi/aws/iam/policy";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { Key } from "@pulumi/aws/kms/key";
import { FeatureGroup, type FeatureGroupArgs } from "@pulumi/aws/sagemaker/featureGroup";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { awsTags } from "../../../core/tags";
import { type AwsEnvironment, awsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { FeatureStoreInputs, FeatureStoreResult } from "../contract";
import type { FeatureGroupInfo } from "../info";
import { type FeatureStorePlan, TYPE } from "../plan";
import type { AwsFeatureStorePlan, AwsGroupPlan } from "../plan-aws";
import { createOfflineBucket } from "./offline-bucket";
import {
  featureStoreKeyPolicy,
  type OfflineStoreRefs,
  offlineReaderPolicy,
  offlineWriterPolicy,
  onlineReaderPolicy,
  roleNameFromArn,
  writerPolicy,
} from "./policies";
import type { AwsFeatureStore } from "./resources";

export type { AwsFeatureStore } from "./resources";

/** What every step takes. */
interface Step {
  plan: FeatureStorePlan;
  aws: AwsFeatureStorePlan;
  env: AwsEnvironment;
  tags: Record<string, string>;
  opts: pulumi.CustomResourceOptions;
  /** Stateful resources: kept on destroy in prod. */
  keepOpts: pulumi.CustomResourceOptions;
}

/**
 * A FeatureStore on AWS, in the order of creation: the key, the offline bucket and its Glue
 * database, the role SageMaker writes them as, one feature group per group, the policies
 * consumers attach, and the spec's grants.
 */
export function provision(plan: FeatureStorePlan, inputs: FeatureStoreInputs, ctx: ProvisionContext): FeatureStoreResult {
  const aws = plan.aws;
  if (!aws) throw new Error("an AWS plan is required");
  const step: Step = {
    plan,
    aws,
    env: awsEnvironment(ctx.parent),
    tags: awsTags(plan.tags),
    opts: ctx.opts,
    keepOpts: { ...ctx.opts, retainOnDelete: plan.retain },
  };
  const key = plan.customerManagedKey ? createKey(step) : undefined;
  const bucket = createOfflineBucket(plan, key, step.keepOpts);
  const database = createDatabase(step);
  const refs = pulumi.all([bucket.bucket.arn, database.name, key?.arn]).apply(
    ([bucketArn, databaseName, keyArn]): OfflineStoreRefs => ({
      bucketArn,
      prefix: aws.offlinePrefix,
      databaseName,
      ...(keyArn ? { keyArn } : {}),
    }),
  );
  const { role, rolePolicy } = createRole(step, refs);
  const featureGroups = createFeatureGroups(step, {
    key,
    bucket: bucket.bucket,
    database,
    role,
    waitFor: [rolePolicy, bucket.policy, bucket.encryption],
  });
  const policies = createPolicies(step, refs, featureGroups, key);
  const grants = grantAccess(step, inputs, policies);

  const resources: AwsFeatureStore = { ...(key ? { key } : {}), bucket, database, role, rolePolicy, featureGroups, policies, grants };
  return { cloud: "aws", ...outputs(step, resources), resources };
}

/** The store's key: rotates yearly; the account's IAM policies govern its use. */
function createKey({ plan, aws, env, tags, keepOpts }: Step): Key {
  return new Key(
    `${plan.name}-key`,
    withOverrides(
      {
        description: `Encrypts the offline and online stores of feature store ${plan.name}`,
        enableKeyRotation: true,
        deletionWindowInDays: aws.keyDeletionWindowDays,
        policy: env.scope.apply((s) => JSON.stringify(featureStoreKeyPolicy(s))),
        tags: { ...tags, Name: `${plan.name}-key` },
      },
      aws.overrides,
      "key",
    ),
    keepOpts,
  );
}

/** The Glue database SageMaker creates each group's offline table in. */
function createDatabase({ plan, aws, tags, keepOpts }: Step): CatalogDatabase {
  return new CatalogDatabase(
    `${plan.name}-catalog`,
    withOverrides(
      { name: aws.databaseName, description: `Offline feature tables of feature store ${plan.name}`, tags },
      aws.overrides,
      "database",
    ),
    keepOpts,
  );
}

/** The role SageMaker assumes to write the offline store: that prefix, that database, that key. */
function createRole({ plan, aws, env, tags, opts }: Step, refs: pulumi.Output<OfflineStoreRefs>): { role: Role; rolePolicy: RolePolicy } {
  const role = new Role(
    `${plan.name}-sagemaker`,
    withOverrides(
      {
        description: `Lets SageMaker write the offline store of feature store ${plan.name}`,
        // Only SageMaker acting for this account may assume it (confused-deputy guard).
        assumeRolePolicy: env.account.apply((acct) => JSON.stringify(serviceTrustPolicy("sagemaker.amazonaws.com", acct))),
        tags,
      },
      aws.overrides,
      "role",
    ),
    opts,
  );
  const rolePolicy = new RolePolicy(
    `${plan.name}-sagemaker`,
    { role: role.id, policy: pulumi.all([env.scope, refs]).apply(([s, r]) => JSON.stringify(offlineWriterPolicy(s, r))) },
    opts,
  );
  return { role, rolePolicy };
}

interface GroupDeps {
  key: Key | undefined;
  bucket: AwsFeatureStore["bucket"]["bucket"];
  database: CatalogDatabase;
  role: Role;
  /** SageMaker checks the role and writes a test object at creation: its policy and the bucket's first. */
  waitFor: pulumi.Resource[];
}

/**
 * One SageMaker feature group per group. Nearly every argument is ForceNew (feature_group.go):
 * adding or changing a feature replaces the group, and with it the online records; the offline
 * data stays in the bucket under the old group's prefix.
 */
function createFeatureGroups(step: Step, deps: GroupDeps): Record<string, FeatureGroup> {
  const { plan, aws, tags, keepOpts } = step;
  return Object.fromEntries(
    aws.groups.map((g) => {
      const group = plan.groups.find((p) => p.name === g.group);
      const args: FeatureGroupArgs = {
        featureGroupName: g.featureGroupName,
        recordIdentifierFeatureName: g.recordIdentifier,
        eventTimeFeatureName: g.eventTimeFeature,
        ...(group?.description !== undefined ? { description: group.description } : {}),
        roleArn: deps.role.arn,
        featureDefinitions: g.definitions.map((d) => ({
          featureName: d.featureName,
          featureType: d.featureType,
          ...(d.collectionType ? { collectionType: d.collectionType, collectionConfig: { vectorConfig: { dimension: d.dimension } } } : {}),
        })),
        ...(g.storageType ? { onlineStoreConfig: onlineStoreConfig(g, deps.key) } : {}),
        ...(g.offline ? { offlineStoreConfig: offlineStoreConfig(step, g, deps) } : {}),
        throughputConfig:
          g.throughput.mode === "Provisioned"
            ? {
                throughputMode: "Provisioned",
                provisionedReadCapacityUnits: g.throughput.readUnits,
                provisionedWriteCapacityUnits: g.throughput.writeUnits,
              }
            : { throughputMode: "OnDemand" },
        tags: { ...tags, ...awsTags(group?.tags ?? {}), Name: g.featureGroupName },
      };
      const resource = new FeatureGroup(`${plan.name}-${g.group}`, withOverrides(args, aws.overrides, "featureGroup"), {
        ...keepOpts,
        // The name is fixed (unique per account and region): a replacement deletes the old group first.
        deleteBeforeReplace: true,
        dependsOn: deps.waitFor,
      });
      return [g.group, resource];
    }),
  );
}

function onlineStoreConfig(g: AwsGroupPlan, key: Key | undefined): NonNullable<FeatureGroupArgs["onlineStoreConfig"]> {
  return {
    enableOnlineStore: true,
    storageType: g.storageType,
    ...(key ? { securityConfig: { kmsKeyId: key.arn } } : {}),
    ...(g.ttl ? { ttlDuration: { unit: g.ttl.unit, value: g.ttl.value } } : {}),
  };
}

function offlineStoreConfig({ aws }: Step, g: AwsGroupPlan, deps: GroupDeps): NonNullable<FeatureGroupArgs["offlineStoreConfig"]> {
  return {
    s3StorageConfig: {
      s3Uri: pulumi.interpolate`s3://${deps.bucket.bucket}/${aws.offlinePrefix}`,
      ...(deps.key ? { kmsKeyId: deps.key.arn } : {}),
    },
    // Glue (Hive-style Parquet partitions), not Iceberg: the retention is an S3 lifecycle rule, and
    // expiring an Iceberg table's files under it breaks the table (its metadata still names them).
    tableFormat: g.tableFormat,
    disableGlueTableCreation: false,
    dataCatalogConfig: { catalog: "AwsDataCatalog", database: deps.database.name, tableName: g.tableName },
  };
}

/** Managed policies a consumer attaches to its own role (`info.aws`). */
function createPolicies(step: Step, refs: pulumi.Output<OfflineStoreRefs>, groups: Record<string, FeatureGroup>, key: Key | undefined) {
  const { plan, env, tags, opts } = step;
  // Every group: GetRecord on an offline-only group is refused by SageMaker itself.
  const allArns = pulumi.all(Object.values(groups).map((g) => g.arn));
  const keyArn = key?.arn ?? pulumi.output(undefined);
  const policy = (suffix: string, description: string, document: pulumi.Output<string>) =>
    new Policy(`${plan.name}-${suffix}`, { description, policy: document, tags }, opts);
  return {
    onlineReader: policy(
      "online-reader",
      `Reads online features of feature store ${plan.name}`,
      pulumi.all([allArns, keyArn]).apply(([arns, k]) => JSON.stringify(onlineReaderPolicy(arns, k))),
    ),
    offlineReader: policy(
      "offline-reader",
      `Reads the offline store of feature store ${plan.name}`,
      pulumi.all([env.scope, refs]).apply(([s, r]) => JSON.stringify(offlineReaderPolicy(s, r))),
    ),
    writer: policy(
      "writer",
      `Writes records to feature store ${plan.name}`,
      pulumi.all([allArns, keyArn]).apply(([arns, k]) => JSON.stringify(writerPolicy(arns, k))),
    ),
  };
}

/** `access.readers` get both readers; `access.writers` also the writer policy. */
function grantAccess(step: Step, inputs: FeatureStoreInputs, policies: AwsFeatureStore["policies"]): RolePolicyAttachment[] {
  const roleOf = (field: string, arn: pulumi.Input<string>) =>
    pulumi.output(arn).apply((a) => {
      const role = roleNameFromArn(a);
      if (!role) throw new SpecError(TYPE, step.plan.name, [{ path: field, message: `(${JSON.stringify(a)}) must be an IAM role ARN` }]);
      return role;
    });
  const attach = (field: string, arn: pulumi.Input<string>, kind: string, policy: Policy) =>
    new RolePolicyAttachment(
      `${step.plan.name}-${field.replace(/[[\].]/g, "-").replace(/-+$/, "")}-${kind}`,
      { role: roleOf(field, arn), policyArn: policy.arn },
      step.opts,
    );
  return [
    ...inputs.readers.flatMap((arn, i) => [
      attach(`access.readers[${i}]`, arn, "online", policies.onlineReader),
      attach(`access.readers[${i}]`, arn, "offline", policies.offlineReader),
    ]),
    ...inputs.writers.flatMap((arn, i) => [
      attach(`access.writers[${i}]`, arn, "online", policies.onlineReader),
      attach(`access.writers[${i}]`, arn, "offline", policies.offlineReader),
      attach(`access.writers[${i}]`, arn, "write", policies.writer),
    ]),
  ];
}

function outputs(step: Step, r: AwsFeatureStore): Pick<FeatureStoreResult, "info" | "clientConfig"> {
  const { plan } = step;
  const groups = pulumi.all(
    step.aws.groups.map((g) => {
      const fg = r.featureGroups[g.group];
      const location =
        g.offline && fg
          ? fg.offlineStoreConfig.apply((c) => c?.s3StorageConfig.resolvedOutputS3Uri ?? c?.s3StorageConfig.s3Uri ?? "")
          : pulumi.output("");
      return pulumi.all([fg?.featureGroupName ?? g.featureGroupName, location]).apply(
        ([groupName, offlineLocation]): FeatureGroupInfo => ({
          name: g.group,
          keys: [g.recordIdentifier],
          eventTimeFeature: g.eventTimeFeature,
          online: g.storageType !== undefined,
          ...(g.storageType ? { onlineId: groupName } : {}),
          offlineLocation,
        }),
      );
    }),
  );
  const info = pulumi
    .all([
      groups,
      step.env.region,
      r.bucket.bucket.arn,
      r.key?.arn,
      r.policies.onlineReader.arn,
      r.policies.offlineReader.arn,
      r.database.name,
    ])
    .apply(([gs, region, bucketArn, keyArn, onlineReaderPolicyArn, offlineReaderPolicyArn, glueDatabaseName]) => ({
      cloud: "aws" as const,
      name: plan.name,
      region,
      groups: Object.fromEntries(gs.map((g) => [g.name, g])),
      offlineStoreId: bucketArn,
      ...(keyArn ? { encryptionKeyId: keyArn } : {}),
      aws: { onlineReaderPolicyArn, offlineReaderPolicyArn, glueDatabaseName },
    }));
  const clientConfig = info.apply((i) => ({
    cloud: i.cloud,
    region: i.region,
    groups: Object.fromEntries(
      Object.values(i.groups).map((g) => [
        g.name,
        { ...g, features: plan.groups.find((p) => p.name === g.name)?.features.map((f) => f.name) ?? [] },
      ]),
    ),
    aws: { glueDatabase: i.aws.glueDatabaseName },
  }));
  return { info, clientConfig };
}
