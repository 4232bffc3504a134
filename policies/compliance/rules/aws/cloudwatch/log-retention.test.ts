import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./log-retention";

const group = (retentionInDays?: number) =>
  planResource("aws:cloudwatch/logGroup:LogGroup", "g", retentionInDays === undefined ? {} : { retentionInDays });

describe(rule.name, () => {
  it("GIVEN 30 days in a dev stack, and 365 in a prod stack THEN it passes", async () => {
    expect(await findings(rule, [group(30)], { stack: "aws-dev" })).toEqual([]);
    expect(await findings(rule, [group(365)], { stack: "aws-prod" })).toEqual([]);
  });

  it("GIVEN no retention (never expires) THEN it fails", async () => {
    expect(await findings(rule, [group()])).toEqual([expect.stringContaining("the logs never expire")]);
  });

  it("GIVEN 14 days THEN it fails", async () => {
    expect(await findings(rule, [group(14)])).toEqual(["retentionInDays is 14; the minimum is 30 days."]);
  });

  it("GIVEN 30 days in a stack whose profile is prod THEN it fails", async () => {
    expect(await findings(rule, [group(30)], { stack: "staging", stackConfig: { "mlops:profile": "prod" } })).toEqual([
      "retentionInDays is 30; in a production stack is 365 days.",
    ]);
  });
});
