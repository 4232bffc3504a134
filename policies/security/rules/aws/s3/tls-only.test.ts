import { findings, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./tls-only";

const bucket = planResource("aws:s3/bucket:Bucket", "data", { bucket: "acme-data" });
const denyHttp = {
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const policy = (...Statement: unknown[]) =>
  planResource("aws:s3/bucketPolicy:BucketPolicy", "data", { bucket: ref(bucket), policy: JSON.stringify({ Statement }) });

describe(rule.name, () => {
  it("GIVEN a bucket policy denying plain HTTP THEN it passes", async () => {
    expect(await findings(rule, [bucket, policy(denyHttp)])).toEqual([]);
  });

  it("GIVEN no bucket policy THEN it fails", async () => {
    expect(await findings(rule, [bucket])).toEqual([expect.stringContaining("aws:SecureTransport is false")]);
  });

  it("GIVEN a policy whose deny does not apply to every principal THEN it fails", async () => {
    expect(await findings(rule, [bucket, policy({ ...denyHttp, Principal: { AWS: "arn:aws:iam::123456789012:role/x" } })])).toHaveLength(1);
  });

  it("GIVEN a policy that allows instead of denies THEN it fails", async () => {
    expect(await findings(rule, [bucket, policy({ ...denyHttp, Effect: "Allow" })])).toHaveLength(1);
  });
});
