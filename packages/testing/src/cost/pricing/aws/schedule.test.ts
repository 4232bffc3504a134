import { describe, expect, it } from "vitest";
import { invocationsPerMonth } from "./schedule";

// A month is 730 hours (30.4167 days, 4.3452 weeks), as every other line counts it.
describe("invocations a month of a Scheduler expression", () => {
  it.each([
    ["rate(1 hour)", 730],
    ["rate(15 minutes)", 2920],
    ["rate(2 days)", 730 / 48],
    ["at(2026-12-01T00:00:00)", 1],
    ["cron(0 3 ? * MON *)", 730 / 24 / 7],
    ["cron(0 3 ? * MON-FRI *)", (5 * 730) / 24 / 7],
    ["cron(0 3 ? * 2,4 *)", (2 * 730) / 24 / 7],
    ["cron(0 3 1 * ? *)", 1],
    ["cron(0 */6 * * ? *)", (4 * 730) / 24],
    ["cron(0,30 9 * * ? *)", (2 * 730) / 24],
    ["cron(0 3 1 JAN-MAR ? *)", 3 / 12],
  ])("GIVEN %s THEN %d a month", (expression, expected) => {
    expect(invocationsPerMonth(expression)).toBeCloseTo(expected, 10);
  });

  it.each(["cron(0 3 L * ? *)", "cron(0 3 ? * 2#1 *)", "cron(0 3 * *)", "rate(1 fortnight)", "every monday"])(
    "GIVEN %s THEN it is not read (undefined), not guessed",
    (expression) => {
      expect(invocationsPerMonth(expression)).toBeUndefined();
    },
  );
});
