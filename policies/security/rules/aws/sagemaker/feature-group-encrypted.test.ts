import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./feature-group-encrypted";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1";
const group = (changes: Record<string, unknown> = {}) =>
  planResource("aws:sagemaker/featureGroup:FeatureGroup", "txn", {
    featureGroupName: "txn",
    onlineStoreConfig: { enableOnlineStore: true, securityConfig: { kmsKeyId: KEY } },
    offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://b/offline", kmsKeyId: KEY } },
    ...changes,
  });

describe(rule.name, () => {
  it("GIVEN both stores on the key THEN it passes", async () => {
    expect(await findings(rule, [group()])).toEqual([]);
  });

  it("GIVEN an online store without a key THEN it fails", async () => {
    expect(await findings(rule, [group({ onlineStoreConfig: { enableOnlineStore: true } })])).toEqual([
      "onlineStoreConfig.securityConfig.kmsKeyId is not set: the online store uses an AWS-owned key.",
    ]);
  });

  it("GIVEN an offline store without a key THEN it fails", async () => {
    expect(await findings(rule, [group({ offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://b/offline" } } })])).toEqual([
      "offlineStoreConfig.s3StorageConfig.kmsKeyId is not set: offline files are written with the bucket's default encryption only.",
    ]);
  });

  it("GIVEN an online-only group on the key THEN it passes", async () => {
    expect(await findings(rule, [group({ offlineStoreConfig: undefined })])).toEqual([]);
  });
});
