import type { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import type * as pulumi from "@pulumi/pulumi";

/** The settings every bucket of the library carries, each a resource of its own as the provider (v4+) wants. */
export interface BucketSettings {
  publicAccessBlock: BucketPublicAccessBlock;
  ownershipControls: BucketOwnershipControls;
  encryption: BucketServerSideEncryptionConfiguration;
  versioning: BucketVersioning;
}

/**
 * Locks a bucket down: all public access blocked, ACLs off (the bucket owner owns every object,
 * whoever wrote it), encrypted at rest, versioned. `keyArn` is the KMS key objects are encrypted
 * with (with a bucket key: one data key per bucket rather than per object, far fewer KMS calls);
 * without one, S3-managed keys (SSE-S3), which ALB access logs require. Each setting is named after
 * the bucket, so the child names of every bucket stay what they were.
 */
export function lockDownBucket(
  name: string,
  bucket: Bucket,
  keyArn: pulumi.Input<string> | undefined,
  opts: pulumi.CustomResourceOptions,
): BucketSettings {
  const publicAccessBlock = new BucketPublicAccessBlock(
    name,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    opts,
  );
  const ownershipControls = new BucketOwnershipControls(
    name,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  const rule =
    keyArn === undefined
      ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
      : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true };
  const encryption = new BucketServerSideEncryptionConfiguration(name, { bucket: bucket.id, rules: [rule] }, opts);
  const versioning = new BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
  return { publicAccessBlock, ownershipControls, encryption, versioning };
}
