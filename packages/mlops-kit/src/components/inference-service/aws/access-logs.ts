import { getServiceAccount } from "@pulumi/aws/elb/getServiceAccount";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import * as pulumi from "@pulumi/pulumi";
import { albAccessLogBucketPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import { lockDownBucket } from "../../shared/aws/bucket-settings";
import type { InferenceServicePlan } from "../plan";
import type { AwsInferenceService } from "./resources";
import { ACCESS_LOG_PREFIX } from "./settings";

/**
 * The region's Elastic Load Balancing account. The provider knows it only for regions opened before
 * August 2022 and fails elsewhere; there the log delivery service principal alone writes the logs.
 */
function elbAccountArn(ctx: ProvisionContext): pulumi.Output<string | undefined> {
  return pulumi.output(
    getServiceAccount({}, { parent: ctx.parent }).then(
      (account) => account.arn,
      () => undefined,
    ),
  );
}

/** The S3 bucket the ALB writes its access logs to, locked down. */
export function provisionAccessLogBucket(
  plan: InferenceServicePlan,
  ctx: ProvisionContext,
  account: pulumi.Output<string>,
  // The bucket's settings share its fate: a retained bucket must not lose its public access block
  // and policy when the stack is destroyed.
  keepOpts: pulumi.CustomResourceOptions,
): NonNullable<AwsInferenceService["accessLogs"]> {
  const name = `${plan.name}-lb-logs`;
  const elbAccount = elbAccountArn(ctx);

  const bucket = new Bucket(
    name,
    withOverrides(
      {
        // No explicit name: S3 names are global across accounts, so a name spelled from the
        // project, stack and service would collide between two accounts deploying the same
        // stack. Pulumi's auto-name (`<name>-` + 7 random characters) is kept in state.
        // Logs that are not retained go with the stack: `pulumi destroy` empties the bucket
        // (the ALB writes a test object at once, so it is never empty).
        forceDestroy: !plan.retainLogs,
        tags: awsTags({ ...plan.tags, Name: name }),
      },
      plan.aws.overrides,
      "accessLogBucket",
    ),
    keepOpts,
  );
  // No KMS key: ALB access logs can be delivered only to buckets encrypted with S3-managed keys.
  const { publicAccessBlock, ownershipControls, encryption, versioning } = lockDownBucket(name, bucket, undefined, keepOpts);
  const lifecycle = new BucketLifecycleConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: {},
          expiration: { days: plan.loadBalancer.accessLogs.retentionDays },
          // Versioning keeps what is deleted or expired: a month to notice and undo a deletion.
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
      policy: pulumi
        .all([bucket.arn, account, elbAccount])
        .apply(([arn, acct, elbArn]) => JSON.stringify(albAccessLogBucketPolicy(arn, ACCESS_LOG_PREFIX, acct, elbArn))),
    },
    // S3 aborts a policy change that races a public access block change on the same bucket
    // ("OperationAborted: a conflicting conditional operation").
    { ...keepOpts, dependsOn: [publicAccessBlock] },
  );
  return { bucket, publicAccessBlock, ownershipControls, encryption, versioning, lifecycle, policy };
}
