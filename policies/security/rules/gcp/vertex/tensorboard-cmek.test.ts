import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./tensorboard-cmek";

const resource = (inputs: Record<string, unknown>) =>
  planResource("gcp:vertex/aiTensorboard:AiTensorboard", "store", { region: "europe-west4", displayName: "runs", ...inputs });

describe(rule.name, () => {
  it("GIVEN an encryption spec with a key THEN it passes", async () => {
    expect(
      await findings(rule, [resource({ encryptionSpec: { kmsKeyName: "projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k" } })]),
    ).toEqual([]);
  });

  it("GIVEN no encryption spec THEN it fails", async () => {
    expect(await findings(rule, [resource({})])).toEqual([expect.stringContaining("Google-managed keys")]);
  });
});
