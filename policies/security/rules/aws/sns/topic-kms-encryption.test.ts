import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./topic-kms-encryption";

const topic = (inputs: Record<string, unknown>) => planResource("aws:sns/topic:Topic", "alerts", inputs);

describe(rule.name, () => {
  it("GIVEN a topic encrypted with a customer-managed key THEN it passes", async () => {
    expect(await findings(rule, [topic({ kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:key/abc" })])).toEqual([]);
  });

  it("GIVEN a topic without a key THEN it fails", async () => {
    expect(await findings(rule, [topic({})])).toEqual([expect.stringContaining("kmsMasterKeyId is not set")]);
  });

  it("GIVEN a topic on the AWS-managed key THEN it fails", async () => {
    expect(await findings(rule, [topic({ kmsMasterKeyId: "alias/aws/sns" })])).toEqual([
      expect.stringContaining("AWS-managed alias/aws/sns"),
    ]);
  });

  it("GIVEN a topic on the AWS-managed key named by its alias ARN THEN it fails", async () => {
    expect(await findings(rule, [topic({ kmsMasterKeyId: "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns" })])).toEqual([
      expect.stringContaining("AWS-managed alias/aws/sns"),
    ]);
  });
});
