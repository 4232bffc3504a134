import { LifecyclePolicy } from "@pulumi/aws/ecr/lifecyclePolicy";
import { Repository } from "@pulumi/aws/ecr/repository";
import { RepositoryPolicy } from "@pulumi/aws/ecr/repositoryPolicy";
import { Key } from "@pulumi/aws/kms/key";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { accountScopedName } from "../../../core/naming";
import { awsTags } from "../../../core/tags";
import { lockDownBucket } from "../../shared/aws/bucket-settings";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { ModelRegistryPlan } from "../plan";
import { keyPolicy, lifecyclePolicy, repositoryPolicy } from "./policies";
import type { AwsModelRegistry } from "./resources";

/** Options of a stateful child: kept on destroy in prod. */
export const keepOpts = (plan: ModelRegistryPlan, ctx: ProvisionContext): pulumi.CustomResourceOptions => ({
  ...ctx.opts,
  retainOnDelete: plan.retain,
});

/** The key that encrypts artifacts and images; rotates yearly. */
export function createKey(plan: ModelRegistryPlan, env: AwsEnvironment, ctx: ProvisionContext): Key {
  return new Key(
    `${plan.name}-key`,
    withOverrides(
      {
        description: `Encrypts the artifacts and images of model registry ${plan.name}`,
        enableKeyRotation: true,
        deletionWindowInDays: plan.aws.keyDeletionWindowDays,
        policy: env.scope.apply((scope) => JSON.stringify(keyPolicy(scope, plan.access.shareWith))),
        tags: awsTags({ ...plan.tags, Name: `${plan.name}-key` }),
      },
      plan.aws.overrides,
      "key",
    ),
    keepOpts(plan, ctx),
  );
}

type ArtifactStore = Pick<
  AwsModelRegistry,
  "bucket" | "publicAccessBlock" | "ownershipControls" | "encryption" | "versioning" | "lifecycle"
>;

/** The artifact bucket: KMS, versioned, public access blocked, ACLs off, noncurrent versions expire. */
export function createArtifactStore(plan: ModelRegistryPlan, env: AwsEnvironment, key: Key, ctx: ProvisionContext): ArtifactStore {
  const name = `${plan.name}-artifacts`;
  const opts = keepOpts(plan, ctx);
  const bucket = new Bucket(
    name,
    withOverrides(
      {
        // S3 names are global: the planned name's hash is redone over the account.
        bucket: env.account.apply((acct) => accountScopedName(plan.aws.bucketName, acct)),
        forceDestroy: plan.forceDestroy,
        tags: awsTags({ ...plan.tags, Name: name }),
      },
      plan.aws.overrides,
      "bucket",
    ),
    opts,
  );
  const { publicAccessBlock, ownershipControls, encryption, versioning } = lockDownBucket(name, bucket, key.arn, opts);
  const lifecycle = new BucketLifecycleConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: {},
          noncurrentVersionExpiration: { noncurrentDays: plan.artifacts.noncurrentVersionDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    // Noncurrent-version rules presume versioning: set it first, as the provider documents.
    { ...opts, dependsOn: [versioning] },
  );
  return { bucket, publicAccessBlock, ownershipControls, encryption, versioning, lifecycle };
}

type ImageStore = Pick<AwsModelRegistry, "repository" | "repositoryLifecycle" | "repositoryPolicy">;

/** The image repository: scanned on push, immutable tags, KMS, untagged images expire. */
export function createImageRepository(plan: ModelRegistryPlan, env: AwsEnvironment, key: Key, ctx: ProvisionContext): ImageStore {
  const name = `${plan.name}-images`;
  const repository = new Repository(
    name,
    withOverrides(
      {
        name: plan.aws.repositoryName,
        imageTagMutability: plan.images.immutableTags ? "IMMUTABLE" : "MUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }],
        // Deleting a repository that holds images fails unless forced: forced in dev only.
        forceDelete: plan.forceDestroy,
        tags: awsTags({ ...plan.tags, Name: name }),
      },
      plan.aws.overrides,
      "repository",
    ),
    keepOpts(plan, ctx),
  );
  const repositoryLifecycle = new LifecyclePolicy(
    name,
    { repository: repository.name, policy: lifecyclePolicy(plan.images.untaggedExpiryDays) },
    keepOpts(plan, ctx),
  );
  const shared =
    plan.access.shareWith.length > 0
      ? new RepositoryPolicy(
          name,
          { repository: repository.name, policy: env.partition.apply((p) => JSON.stringify(repositoryPolicy(p, plan.access.shareWith))) },
          keepOpts(plan, ctx),
        )
      : undefined;
  return { repository, repositoryLifecycle, ...(shared ? { repositoryPolicy: shared } : {}) };
}
