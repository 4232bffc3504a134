import type { Key } from "@pulumi/aws/kms/key";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import type * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport } from "../../../core/aws-policies";
import { withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import { lockDownBucket } from "../../shared/aws/bucket-settings";
import type { FeatureStorePlan } from "../plan";
import type { AwsFeatureStore } from "./resources";

/**
 * The offline store's bucket, locked down: KMS (the store's key, or SSE-S3 without one), versioned,
 * TLS only, no public access, ACLs off, rows expired after the retention.
 */
export function createOfflineBucket(
  plan: FeatureStorePlan,
  key: Key | undefined,
  keepOpts: pulumi.CustomResourceOptions,
): AwsFeatureStore["bucket"] {
  const aws = plan.aws;
  if (!aws) throw new Error("an AWS plan is required");
  const name = `${plan.name}-offline`;
  const bucket = new Bucket(
    name,
    withOverrides(
      {
        // No explicit name: S3 names are global across accounts; Pulumi's auto-name
        // (`<name>-` + 7 random characters) is kept in state and never collides.
        forceDestroy: aws.forceDestroy,
        tags: awsTags({ ...plan.tags, Name: name }),
      },
      aws.overrides,
      "bucket",
    ),
    keepOpts,
  );
  const { publicAccessBlock, ownershipControls, encryption, versioning } = lockDownBucket(name, bucket, key?.arn, keepOpts);
  const lifecycle = new BucketLifecycleConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-offline-rows",
          status: "Enabled",
          filter: { prefix: `${aws.offlinePrefix}/` },
          expiration: { days: plan.offline.retentionDays },
          // Versioning keeps what expires: a month to notice and undo a deletion.
          noncurrentVersionExpiration: { noncurrentDays: 30 },
        },
      ],
    },
    // Noncurrent-version rules presume versioning: set it first, as the provider documents.
    { ...keepOpts, dependsOn: [versioning] },
  );
  const policy = new BucketPolicy(
    name,
    {
      bucket: bucket.id,
      policy: bucket.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [denyInsecureTransport(arn)] })),
    },
    // S3 aborts a policy change that races a public access block change on the same bucket.
    { ...keepOpts, dependsOn: [publicAccessBlock] },
  );
  return { bucket, publicAccessBlock, ownershipControls, encryption, versioning, lifecycle, policy };
}
