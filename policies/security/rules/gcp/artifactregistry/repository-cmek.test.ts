import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./repository-cmek";

const repo = (inputs: Record<string, unknown>) =>
  planResource("gcp:artifactregistry/repository:Repository", "images", { repositoryId: "images", format: "DOCKER", ...inputs });

describe(rule.name, () => {
  it("GIVEN a KMS key THEN it passes", async () => {
    expect(await findings(rule, [repo({ kmsKeyName: "projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k" })])).toEqual([]);
  });

  it("GIVEN no key THEN it fails", async () => {
    expect(await findings(rule, [repo({})])).toEqual([expect.stringContaining("Google-managed keys")]);
  });
});
