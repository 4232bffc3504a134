import { configuring, describe, stackRule } from "@mlops-kit/policy-common";
import { Bucket, BucketPublicAccessBlock, BucketV2 } from "@pulumi/aws/s3";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export default stackRule({
  name: "mlops-aws-s3-public-access-block",
  description: "Every S3 bucket has a public access block with all four settings on.",
  severity: "critical",
  frameworks: { cis: ["AWS 3.0 2.1.4"], nist: ["AC-3", "AC-21", "SC-7"], pci: ["1.4.4", "7.2.1"] },
  remediation: [
    "Create an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
    "Share data through CloudFront or presigned URLs instead of public buckets.",
  ],
  validateStack: (args, report) => {
    const blocks = args.resources.filter((r) => r.isType(BucketPublicAccessBlock));
    for (const bucket of args.resources.filter((r) => r.isType(Bucket) || r.isType(BucketV2))) {
      const own = configuring(bucket, blocks, "bucket", "bucket");
      if (own.length === 0) {
        report(`${describe(bucket)} has no aws.s3.BucketPublicAccessBlock.`, bucket.urn);
        continue;
      }
      for (const block of own) {
        const off = FLAGS.filter((f) => block.props[f] !== true);
        if (off.length > 0) report(`${describe(bucket)}: its public access block leaves ${off.join(", ")} off.`, bucket.urn);
      }
    }
  },
});
