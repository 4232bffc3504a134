import type { Key } from "@pulumi/aws/kms/key";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import type { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import type { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import type { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import type { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import { denyInsecureTransport } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import { lockDownBucket } from "../../shared/aws/bucket-settings";
import type { CiCdPipelinePlan } from "../plan";

/** CodePipeline's artifact store, with everything that locks it down. */
export interface ArtifactStore {
  bucket: Bucket;
  publicAccessBlock: BucketPublicAccessBlock;
  ownershipControls: BucketOwnershipControls;
  encryption: BucketServerSideEncryptionConfiguration;
  versioning: BucketVersioning;
  lifecycle: BucketLifecycleConfiguration;
  policy: BucketPolicy;
}

/** Source and build artifacts live a month; the commit and the image stay where they are. */
export const ARTIFACT_DAYS = 30;

/** The S3 bucket CodePipeline passes artifacts through: KMS-encrypted with the pipeline's key, TLS only, private. */
export function createArtifactStore(plan: CiCdPipelinePlan, key: Key, ctx: ProvisionContext): ArtifactStore {
  const name = `${plan.name}-artifacts`;
  const opts = { ...ctx.opts, retainOnDelete: plan.retain };
  const bucket = new Bucket(
    name,
    withOverrides(
      // Auto-named (`<name>-` + 7 random characters, kept in state): S3 names are global, and a
      // spelled name would collide between two accounts deploying the same stack.
      { forceDestroy: !plan.retain, tags: awsTags({ ...plan.tags, Name: name }) },
      plan.aws?.overrides ?? {},
      "artifactBucket",
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
          id: "expire-artifacts",
          status: "Enabled",
          filter: {},
          expiration: { days: ARTIFACT_DAYS },
          noncurrentVersionExpiration: { noncurrentDays: ARTIFACT_DAYS },
        },
      ],
    },
    { ...opts, dependsOn: [versioning] },
  );
  const policy = new BucketPolicy(
    name,
    {
      bucket: bucket.id,
      policy: bucket.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [denyInsecureTransport(arn)] })),
    },
    // S3 aborts a policy change racing a public access block change on the same bucket.
    { ...opts, dependsOn: [publicAccessBlock] },
  );
  return { bucket, publicAccessBlock, ownershipControls, encryption, versioning, lifecycle, policy };
}
