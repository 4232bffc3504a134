import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./bucket-retention";

const bucket = (retentionDays?: number) =>
  planResource("gcp:logging/projectBucketConfig:ProjectBucketConfig", "logs", {
    bucketId: "b",
    location: "global",
    project: "p",
    ...(retentionDays ? { retentionDays } : {}),
  });

describe(rule.name, () => {
  it("GIVEN the default 30 days in dev, and 365 in prod THEN it passes", async () => {
    expect(await findings(rule, [bucket()], { stack: "gcp-dev" })).toEqual([]);
    expect(await findings(rule, [bucket(365)], { stack: "gcp-prod" })).toEqual([]);
  });

  it("GIVEN 7 days THEN it fails", async () => {
    expect(await findings(rule, [bucket(7)])).toEqual(["retentionDays is 7; the minimum is 30 days."]);
  });

  it("GIVEN the default 30 days in a prod stack THEN it fails", async () => {
    expect(await findings(rule, [bucket()], { stack: "gcp-prod" })).toEqual([
      "retentionDays is not set (30); in a production stack is 365 days.",
    ]);
  });
});
