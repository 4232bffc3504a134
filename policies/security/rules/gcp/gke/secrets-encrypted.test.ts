import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./secrets-encrypted";

const cluster = (databaseEncryption?: Record<string, unknown>) =>
  planResource("gcp:container/cluster:Cluster", "train", databaseEncryption ? { databaseEncryption } : {});

describe(rule.name, () => {
  it("GIVEN secrets encrypted with a Cloud KMS key THEN it passes", async () => {
    expect(await findings(rule, [cluster({ state: "ENCRYPTED", keyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k" })])).toEqual([]);
  });

  it("GIVEN no database encryption THEN it fails", async () => {
    expect(await findings(rule, [cluster()])).toEqual([expect.stringContaining("not encrypted with a Cloud KMS key")]);
  });
});
