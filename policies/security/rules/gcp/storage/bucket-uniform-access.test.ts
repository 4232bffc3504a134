import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./bucket-uniform-access";

const bucket = (inputs: Record<string, unknown>) => planResource("gcp:storage/bucket:Bucket", "data", { location: "US", ...inputs });

describe(rule.name, () => {
  it("GIVEN uniform bucket-level access THEN it passes", async () => {
    expect(await findings(rule, [bucket({ uniformBucketLevelAccess: true })])).toEqual([]);
  });

  it("GIVEN no uniform bucket-level access THEN it fails", async () => {
    expect(await findings(rule, [bucket({})])).toEqual([expect.stringContaining("uniformBucketLevelAccess is not true")]);
  });
});
