import { asArray, configuring, describe, ifKnown, stackRule } from "@mlops-kit/policy-common";
import { LoadBalancer as AlbLoadBalancer } from "@pulumi/aws/alb";
import { LoadBalancer } from "@pulumi/aws/lb";
import { Bucket, BucketServerSideEncryptionConfiguration, BucketServerSideEncryptionConfigurationV2, BucketV2 } from "@pulumi/aws/s3";
import type { PolicyResource } from "@pulumi/policy";

const KMS = new Set(["aws:kms", "aws:kms:dsse"]);

/**
 * Elastic Load Balancing writes access logs only to buckets encrypted with SSE-S3 (AES256); KMS
 * keys are not supported there (ELB user guide, "Access logs"). Such buckets may use AES256.
 */
function isLoadBalancerLogBucket(bucket: PolicyResource, loadBalancers: PolicyResource[]): boolean {
  const name = ifKnown(() => bucket.props.bucket);
  return loadBalancers.some(
    (lb) =>
      (lb.propertyDependencies.accessLogs ?? []).some((d) => d.urn === bucket.urn) ||
      (typeof name === "string" && ifKnown(() => lb.props.accessLogs?.bucket) === name),
  );
}

interface Rule {
  applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: string };
}

export default stackRule({
  name: "mlops-aws-s3-encryption-kms",
  description:
    "Every S3 bucket encrypts objects by default with a KMS key (SSE-KMS or DSSE-KMS); load balancer access log buckets, which ELB can only write with SSE-S3, with AES256.",
  severity: "high",
  frameworks: { nist: ["SC-28", "SC-12", "SC-13"], pci: ["3.5.1"] },
  remediation: [
    'Create an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with sseAlgorithm "aws:kms" and kmsMasterKeyId set to a customer-managed key with rotation on.',
    "Turn bucketKeyEnabled on to cut KMS request costs.",
  ],
  configSchema: {
    properties: {
      requireKmsKeyId: {
        type: "boolean",
        default: false,
        description: "Also require a customer-managed key (kmsMasterKeyId) rather than the AWS-managed aws/s3 key.",
      },
    },
  },
  validateStack: (args, report) => {
    const { requireKmsKeyId } = args.getConfig<{ requireKmsKeyId: boolean }>();
    const configs = args.resources.filter(
      (r) => r.isType(BucketServerSideEncryptionConfiguration) || r.isType(BucketServerSideEncryptionConfigurationV2),
    );
    const loadBalancers = args.resources.filter((r) => r.isType(LoadBalancer) || r.isType(AlbLoadBalancer));
    for (const bucket of args.resources.filter((r) => r.isType(Bucket) || r.isType(BucketV2))) {
      const rules: Rule[] = configuring(bucket, configs, "bucket", "bucket").flatMap((c) => asArray(c.props.rules as Rule[]));
      // The deprecated inline setting on the bucket counts too.
      const inline = bucket.props.serverSideEncryptionConfiguration as { rule?: Rule } | undefined;
      if (inline?.rule) rules.push(inline.rule);
      const defaults = rules.map((r) => r.applyServerSideEncryptionByDefault).filter((d) => d !== undefined);
      if (defaults.length === 0) {
        report(`${describe(bucket)} has no default encryption configuration with a KMS key.`, bucket.urn);
      } else if (isLoadBalancerLogBucket(bucket, loadBalancers) && defaults.some((d) => d.sseAlgorithm === "AES256")) {
        // Load balancer access logs: SSE-S3 is the only encryption ELB can write with.
      } else if (!defaults.some((d) => KMS.has(d.sseAlgorithm ?? ""))) {
        report(`${describe(bucket)} encrypts with ${defaults.map((d) => d.sseAlgorithm).join(", ")}; use aws:kms.`, bucket.urn);
      } else if (requireKmsKeyId && !defaults.some((d) => KMS.has(d.sseAlgorithm ?? "") && d.kmsMasterKeyId)) {
        report(`${describe(bucket)} uses the AWS-managed key; set kmsMasterKeyId to a customer-managed key.`, bucket.urn);
      }
    }
  },
});
