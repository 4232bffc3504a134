import { describe, expect, it } from "vitest";
import { CLOUDWATCH_RETENTION_DAYS, cloudwatchRetentionDays, keyDeletionWindowDays } from "./logs";

describe("log retention", () => {
  it.each([
    [1, 1],
    [2, 3],
    [365, 365],
    [366, 400],
    [3653, 3653],
    [5000, 3653],
  ])("GIVEN %i days THEN CloudWatch keeps %i (the shortest period it accepts that keeps them all)", (days, kept) => {
    expect(cloudwatchRetentionDays(days)).toBe(kept);
  });

  it("GIVEN a period CloudWatch accepts THEN it is kept as it is", () => {
    expect(CLOUDWATCH_RETENTION_DAYS.length).toBeGreaterThan(0);
    for (const d of CLOUDWATCH_RETENTION_DAYS) expect(cloudwatchRetentionDays(d)).toBe(d);
  });

  // AWS KMS ScheduleKeyDeletion accepts 7-30 days: the least in dev, the most in prod.
  it.each([
    ["dev", 7],
    ["prod", 30],
  ] as const)("GIVEN profile %s THEN a key scheduled for deletion waits %i days", (profile, days) => {
    expect(keyDeletionWindowDays(profile)).toBe(days);
  });
});
