import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./encryption-kms";

const repo = (inputs: Record<string, unknown>) => planResource("aws:ecr/repository:Repository", "images", inputs);

describe(rule.name, () => {
  it("GIVEN KMS with a key THEN it passes", async () => {
    expect(
      await findings(rule, [
        repo({ encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:123456789012:key/k" }] }),
      ]),
    ).toEqual([]);
  });

  it("GIVEN AES256, or KMS without a key THEN it fails", async () => {
    expect(await findings(rule, [repo({ encryptionConfigurations: [{ encryptionType: "AES256" }] })])).toEqual([
      expect.stringContaining("AWS-owned key"),
    ]);
    expect(await findings(rule, [repo({ encryptionConfigurations: [{ encryptionType: "KMS" }] })])).toEqual([
      expect.stringContaining("aws/ecr key"),
    ]);
  });
});
