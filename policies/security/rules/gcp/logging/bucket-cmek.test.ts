import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./bucket-cmek";

const bucket = (inputs: Record<string, unknown>, type = "gcp:logging/projectBucketConfig:ProjectBucketConfig") =>
  planResource(type, "logs", { bucketId: "logs", location: "europe-west4", project: "p", ...inputs });

describe(rule.name, () => {
  it("GIVEN a log bucket with a CMEK key THEN it passes", async () => {
    expect(
      await findings(rule, [bucket({ cmekSettings: { kmsKeyName: "projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k" } })]),
    ).toEqual([]);
  });

  it("GIVEN a project log bucket without CMEK THEN it fails", async () => {
    expect(await findings(rule, [bucket({})])).toEqual([expect.stringContaining("cmekSettings.kmsKeyName is not set")]);
  });

  it("GIVEN a folder log bucket without CMEK THEN it fails", async () => {
    expect(await findings(rule, [bucket({ folder: "f" }, "gcp:logging/folderBucketConfig:FolderBucketConfig")])).toHaveLength(1);
  });
});
