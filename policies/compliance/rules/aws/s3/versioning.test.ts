import { findings, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./versioning";

const bucket = planResource("aws:s3/bucket:Bucket", "data", { bucket: "acme-data" });
const versioning = (status: string) =>
  planResource("aws:s3/bucketVersioning:BucketVersioning", "data", { bucket: ref(bucket), versioningConfiguration: { status } });

describe(rule.name, () => {
  it("GIVEN versioning enabled, or the deprecated inline setting THEN it passes", async () => {
    expect(await findings(rule, [bucket, versioning("Enabled")])).toEqual([]);
    expect(await findings(rule, [planResource("aws:s3/bucket:Bucket", "inline", { versioning: { enabled: true } })])).toEqual([]);
  });

  it("GIVEN no versioning THEN it fails", async () => {
    expect(await findings(rule, [bucket])).toEqual(['aws:s3/bucket:Bucket "data" has no versioning configuration with status Enabled.']);
  });

  it("GIVEN versioning suspended THEN it fails", async () => {
    expect(await findings(rule, [bucket, versioning("Suspended")])).toEqual([expect.stringContaining("(found: Suspended)")]);
  });
});
