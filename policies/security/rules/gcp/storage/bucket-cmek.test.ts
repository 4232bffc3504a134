import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./bucket-cmek";

describe(rule.name, () => {
  it("GIVEN a default KMS key THEN it passes", async () => {
    const b = planResource("gcp:storage/bucket:Bucket", "data", {
      location: "US",
      encryption: { defaultKmsKeyName: "projects/p/locations/us/keyRings/r/cryptoKeys/k" },
    });
    expect(await findings(rule, [b])).toEqual([]);
  });

  it("GIVEN no encryption setting THEN it fails", async () => {
    expect(await findings(rule, [planResource("gcp:storage/bucket:Bucket", "data", { location: "US" })])).toEqual([
      expect.stringContaining("Google-managed keys"),
    ]);
  });
});
