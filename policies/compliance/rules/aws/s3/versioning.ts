import { configuring, describe, stackRule } from "@mlops-kit/policy-common";
import { Bucket, BucketV2, BucketVersioning, BucketVersioningV2 } from "@pulumi/aws/s3";

export default stackRule({
  name: "mlops-aws-s3-versioning",
  description: "Every S3 bucket keeps object versions, so overwritten or deleted objects can be recovered.",
  severity: "medium",
  frameworks: { nist: ["CP-9", "SI-12"], pci: ["10.3.3"] },
  remediation: [
    'Create an aws.s3.BucketVersioning for the bucket with versioningConfiguration.status "Enabled".',
    "Add a lifecycle rule that expires noncurrent versions after the retention you need.",
  ],
  validateStack: (args, report) => {
    const configs = args.resources.filter((r) => r.isType(BucketVersioning) || r.isType(BucketVersioningV2));
    for (const bucket of args.resources.filter((r) => r.isType(Bucket) || r.isType(BucketV2))) {
      const statuses = configuring(bucket, configs, "bucket", "bucket").map(
        (c) => c.props.versioningConfiguration?.status as string | undefined,
      );
      // The deprecated inline setting on the bucket counts too.
      if (bucket.props.versioning?.enabled === true) statuses.push("Enabled");
      if (!statuses.includes("Enabled")) {
        report(
          `${describe(bucket)} has no versioning configuration with status Enabled${statuses.length ? ` (found: ${statuses.join(", ")})` : ""}.`,
          bucket.urn,
        );
      }
    }
  },
});
