import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./online-store-cmek";

const store = (changes: Record<string, unknown> = {}) =>
  planResource("gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore", "online", {
    name: "online",
    region: "us-central1",
    bigtable: { autoScaling: { minNodeCount: 1, maxNodeCount: 3 } },
    encryptionSpec: { kmsKeyName: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k" },
    ...changes,
  });

describe(rule.name, () => {
  it("GIVEN a store on a Cloud KMS key THEN it passes", async () => {
    expect(await findings(rule, [store()])).toEqual([]);
  });

  it("GIVEN an Optimized store without encryptionSpec (Vertex AI refuses a CMEK there) THEN it passes", async () => {
    expect(await findings(rule, [store({ bigtable: undefined, optimized: {}, encryptionSpec: undefined })])).toEqual([]);
  });

  it("GIVEN no encryptionSpec THEN it fails", async () => {
    expect(await findings(rule, [store({ encryptionSpec: undefined })])).toEqual([
      "encryptionSpec.kmsKeyName is not set: the store uses Google-managed keys.",
    ]);
  });
});
