import { findings, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./public-access-block";

const bucket = planResource("aws:s3/bucket:Bucket", "data", { bucket: "acme-data" });
const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const block = (inputs: Record<string, unknown> = {}) =>
  planResource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "data", { bucket: ref(bucket), ...all, ...inputs });

describe(rule.name, () => {
  it("GIVEN a bucket with a full public access block (by reference, or by literal name) THEN it passes", async () => {
    const byName = planResource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "by-name", { bucket: "acme-data", ...all });
    expect(await findings(rule, [bucket, block()])).toEqual([]);
    expect(await findings(rule, [bucket, byName])).toEqual([]);
  });

  it("GIVEN a bucket without a public access block THEN it fails", async () => {
    expect(await findings(rule, [bucket])).toEqual(['aws:s3/bucket:Bucket "data" has no aws.s3.BucketPublicAccessBlock.']);
  });

  it("GIVEN a block that leaves restrictPublicBuckets off THEN it fails", async () => {
    expect(await findings(rule, [bucket, block({ restrictPublicBuckets: false })])).toEqual([
      expect.stringContaining("leaves restrictPublicBuckets off"),
    ]);
  });

  it("GIVEN a BucketV2 without a block THEN it fails", async () => {
    expect(await findings(rule, [planResource("aws:s3/bucketV2:BucketV2", "old", {})])).toEqual([expect.stringContaining('"old" has no')]);
  });
});
