import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./log-group-encrypted";

describe(rule.name, () => {
  it("GIVEN a log group with a KMS key THEN it passes", async () => {
    expect(
      await findings(rule, [planResource("aws:cloudwatch/logGroup:LogGroup", "g", { kmsKeyId: "arn:aws:kms:k", retentionInDays: 30 })]),
    ).toEqual([]);
  });

  it("GIVEN a log group without kmsKeyId THEN it fails", async () => {
    expect(await findings(rule, [planResource("aws:cloudwatch/logGroup:LogGroup", "g", { retentionInDays: 30 })])).toEqual([
      expect.stringContaining("kmsKeyId is not set"),
    ]);
  });
});
