import { findings, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./encryption-kms";

const bucket = planResource("aws:s3/bucket:Bucket", "data", { bucket: "acme-data" });
const sse = (byDefault: Record<string, unknown>) =>
  planResource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "data", {
    bucket: ref(bucket),
    rules: [{ applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled: true }],
  });

describe(rule.name, () => {
  it("GIVEN SSE-KMS with a customer key, or the deprecated inline setting THEN it passes", async () => {
    expect(await findings(rule, [bucket, sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:k" })])).toEqual([]);
    const inline = planResource("aws:s3/bucket:Bucket", "inline", {
      serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } },
    });
    expect(await findings(rule, [inline])).toEqual([]);
  });

  it("GIVEN no encryption configuration THEN it fails", async () => {
    expect(await findings(rule, [bucket])).toEqual([expect.stringContaining("has no default encryption configuration")]);
  });

  it("GIVEN SSE-S3 (AES256) THEN it fails", async () => {
    expect(await findings(rule, [bucket, sse({ sseAlgorithm: "AES256" })])).toEqual([
      expect.stringContaining("encrypts with AES256; use aws:kms"),
    ]);
  });

  it("GIVEN AES256 on a bucket a load balancer writes access logs to (ELB supports no KMS there) THEN it passes", async () => {
    const lb = planResource("aws:lb/loadBalancer:LoadBalancer", "api", { accessLogs: ref(bucket, { bucket: "acme-data", enabled: true }) });
    expect(await findings(rule, [bucket, lb, sse({ sseAlgorithm: "AES256" })])).toEqual([]);
  });

  it("GIVEN requireKmsKeyId and the AWS-managed key THEN it fails", async () => {
    const config = { [rule.name]: { requireKmsKeyId: true } };
    expect(await findings(rule, [bucket, sse({ sseAlgorithm: "aws:kms" })], { config })).toEqual([
      expect.stringContaining("uses the AWS-managed key"),
    ]);
  });
});
