import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./key-deletion-window";

const key = (inputs: Record<string, unknown>) => planResource("aws:kms/key:Key", "k", inputs);

describe(rule.name, () => {
  it("GIVEN 7 days in dev, 30 in prod, and the default (30) THEN it passes", async () => {
    expect(await findings(rule, [key({ deletionWindowInDays: 7 }), key({})], { stack: "dev" })).toEqual([]);
    expect(await findings(rule, [key({ deletionWindowInDays: 30 })], { stack: "aws-prod" })).toEqual([]);
  });

  it("GIVEN 7 days in a prod stack THEN it fails", async () => {
    expect(await findings(rule, [key({ deletionWindowInDays: 7 })], { stack: "aws-prod" })).toEqual([
      "deletionWindowInDays is 7; in a production stack is 30 days.",
    ]);
  });

  it("GIVEN a minimum of 14 days in config THEN 7 days fails", async () => {
    const config = { [rule.name]: { minimumDays: 14 } };
    expect(await findings(rule, [key({ deletionWindowInDays: 7 })], { config })).toEqual([
      "deletionWindowInDays is 7; the minimum is 14 days.",
    ]);
  });
});
