import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./dataset-private-cmek";

const dataset = (changes: Record<string, unknown> = {}) =>
  planResource("gcp:bigquery/dataset:Dataset", "offline", {
    datasetId: "features",
    defaultEncryptionConfiguration: { kmsKeyName: "projects/p/locations/us/keyRings/r/cryptoKeys/k" },
    ...changes,
  });

describe(rule.name, () => {
  it("GIVEN a CMEK dataset without public entries THEN it passes", async () => {
    expect(await findings(rule, [dataset({ accesses: [{ role: "READER", groupByEmail: "ml@acme.com" }] })])).toEqual([]);
  });

  it("GIVEN allUsers as a reader THEN it fails", async () => {
    expect(await findings(rule, [dataset({ accesses: [{ role: "READER", specialGroup: "allUsers" }] })])).toEqual([
      "accesses grants READER to allUsers: the dataset is public.",
    ]);
  });

  it("GIVEN allAuthenticatedUsers as an IAM member THEN it fails", async () => {
    expect(
      await findings(rule, [dataset({ accesses: [{ role: "roles/bigquery.dataViewer", iamMember: "allAuthenticatedUsers" }] })]),
    ).toEqual(["accesses grants roles/bigquery.dataViewer to allAuthenticatedUsers: the dataset is public."]);
  });

  it("GIVEN no CMEK THEN it fails", async () => {
    expect(await findings(rule, [dataset({ defaultEncryptionConfiguration: undefined })])).toEqual([
      "defaultEncryptionConfiguration.kmsKeyName is not set: tables use Google-managed keys.",
    ]);
  });
});
