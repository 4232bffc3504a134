import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./alarm-actions";

const TOPIC = "arn:aws:sns:eu-west-1:123456789012:alerts";
const alarm = (name: string, inputs: Record<string, unknown> = {}) =>
  planResource("aws:cloudwatch/metricAlarm:MetricAlarm", name, { name, metricName: "TargetResponseTime", ...inputs });
const composite = (rule: string, inputs: Record<string, unknown> = { alarmActions: [TOPIC] }) =>
  planResource("aws:cloudwatch/compositeAlarm:CompositeAlarm", "api-slo", { alarmName: "api-slo", alarmRule: rule, ...inputs });

describe(rule.name, () => {
  it("GIVEN an alarm with actions, and one notifying through a composite alarm THEN it passes", async () => {
    expect(await findings(rule, [alarm("a", { alarmActions: [TOPIC] }), alarm("b"), composite('ALARM("b")')])).toEqual([]);
  });

  it("GIVEN an alarm with no actions and no composite THEN it fails, naming it", async () => {
    expect(await findings(rule, [alarm("b")])).toEqual([expect.stringContaining('MetricAlarm "b" has no alarmActions')]);
  });

  it("GIVEN a composite alarm without actions THEN it and its members fail", async () => {
    const report = await findings(rule, [alarm("b"), composite('ALARM("b")', {})]);
    expect(report).toEqual([
      expect.stringContaining('CompositeAlarm "api-slo" has no alarmActions'),
      expect.stringContaining('MetricAlarm "b"'),
    ]);
  });
});
