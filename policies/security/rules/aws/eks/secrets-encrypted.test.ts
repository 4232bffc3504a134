import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./secrets-encrypted";

const cluster = (encryptionConfig?: Record<string, unknown>) =>
  planResource("aws:eks/cluster:Cluster", "train", {
    roleArn: "arn:r",
    vpcConfig: { subnetIds: ["s"] },
    ...(encryptionConfig ? { encryptionConfig } : {}),
  });

describe(rule.name, () => {
  it("GIVEN secrets encrypted with a key THEN it passes", async () => {
    expect(await findings(rule, [cluster({ provider: { keyArn: "arn:aws:kms:k" }, resources: ["secrets"] })])).toEqual([]);
  });

  it("GIVEN no encryptionConfig THEN it fails", async () => {
    expect(await findings(rule, [cluster()])).toEqual([expect.stringContaining("not encrypted with a KMS key")]);
  });
});
