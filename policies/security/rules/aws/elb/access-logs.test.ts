import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./access-logs";

const lb = (inputs: Record<string, unknown>) => planResource("aws:lb/loadBalancer:LoadBalancer", "alb", inputs);

describe(rule.name, () => {
  it("GIVEN access logs to a bucket THEN it passes", async () => {
    expect(await findings(rule, [lb({ accessLogs: { bucket: "logs", enabled: true } })])).toEqual([]);
  });

  it("GIVEN no access logs THEN it fails", async () => {
    expect(await findings(rule, [lb({})])).toEqual(["accessLogs is not enabled with a bucket."]);
  });

  it("GIVEN access logs disabled THEN it fails", async () => {
    expect(await findings(rule, [lb({ accessLogs: { bucket: "logs", enabled: false } })])).toHaveLength(1);
  });
});
