import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./bucket-versioning";

describe(rule.name, () => {
  it("GIVEN versioning enabled THEN it passes", async () => {
    expect(
      await findings(rule, [planResource("gcp:storage/bucket:Bucket", "b", { location: "EU", versioning: { enabled: true } })]),
    ).toEqual([]);
  });

  it("GIVEN versioning off THEN it fails", async () => {
    expect(
      await findings(rule, [planResource("gcp:storage/bucket:Bucket", "b", { location: "EU", versioning: { enabled: false } })]),
    ).toEqual(["versioning.enabled is not true."]);
  });
});
