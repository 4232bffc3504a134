import { asArray, describe, ifKnown, stackRule } from "@mlops-kit/policy-common";
import type { PolicyResource } from "@pulumi/policy";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";

const hasActions = (r: PolicyResource) => asArray(ifKnown(() => r.props.alarmActions)).length > 0;

export default stackRule({
  name: "mlops-aws-cloudwatch-alarm-actions",
  description:
    "CloudWatch alarms notify: a metric alarm has alarm actions or is in the rule of a composite alarm that has them; a composite alarm has alarm actions. (stack)",
  severity: "medium",
  frameworks: { nist: ["SI-4", "IR-6"] },
  remediation: [
    "Set alarmActions to an SNS topic with subscriptions (MonitoringStack: notifications).",
    'Or name the alarm in a composite alarm\'s alarmRule (ALARM("<name>")) whose alarmActions are set.',
  ],
  validateStack: (args, report) => {
    const composites = args.resources.filter((r) => r.type === COMPOSITE);
    for (const c of composites) if (!hasActions(c)) report(`${describe(c)} has no alarmActions: it changes state and tells nobody.`, c.urn);
    const rules = composites.filter(hasActions).map((c) => String(ifKnown(() => c.props.alarmRule) ?? ""));
    for (const a of args.resources.filter((r) => r.type === ALARM)) {
      if (hasActions(a)) continue;
      const name = ifKnown(() => a.props.name);
      if (typeof name === "string" && rules.some((rule) => rule.includes(`"${name}"`))) continue;
      report(`${describe(a)} has no alarmActions and no composite alarm with actions names it.`, a.urn);
    }
  },
});
