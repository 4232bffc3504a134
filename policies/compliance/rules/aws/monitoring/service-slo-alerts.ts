import { asArray, checkServiceSloAlerts, dependsOn, ifKnown, type SloAlertFinder, stackRule } from "@mlops-kit/policy-common";
import type { PolicyResource } from "@pulumi/policy";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const FIVE_XX = ["HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count"];

function metricNames(alarm: PolicyResource): string[] {
  const single = ifKnown(() => alarm.props.metricName);
  const queries = asArray(ifKnown(() => alarm.props.metricQueries)) as { metric?: { metricName?: unknown } }[];
  return [
    ...(typeof single === "string" ? [single] : []),
    ...queries.map((q) => q?.metric?.metricName).filter((n): n is string => typeof n === "string"),
  ];
}

/**
 * Whether an alarm's actions reach someone: an SNS topic of this stack counts when it has a
 * subscription; an action from elsewhere (a literal ARN) is taken on trust.
 */
function hasActions(r: PolicyResource, resources: PolicyResource[]): boolean {
  if (asArray(ifKnown(() => r.props.alarmActions)).length === 0) return false;
  const topics = (r.propertyDependencies.alarmActions ?? []).filter((d) => d.type === "aws:sns/topic:Topic");
  const subscribed = (t: PolicyResource) =>
    resources.some(
      (s) => s.type === "aws:sns/topicSubscription:TopicSubscription" && (s.propertyDependencies.topic ?? []).some((d) => d.urn === t.urn),
    );
  return topics.length === 0 || topics.some(subscribed);
}

/** An alarm notifies when its actions reach someone, or a composite alarm whose actions do names it in its rule. */
export function awsAlarmNotifies(alarm: PolicyResource, resources: PolicyResource[]): boolean {
  if (hasActions(alarm, resources)) return true;
  const name = ifKnown(() => alarm.props.name);
  if (typeof name !== "string") return false;
  return resources.some(
    (c) => c.type === COMPOSITE && hasActions(c, resources) && String(ifKnown(() => c.props.alarmRule) ?? "").includes(`"${name}"`),
  );
}

const finder: SloAlertFinder = {
  isServiceFrontend: (r) => r.type === "aws:lb/loadBalancer:LoadBalancer" || r.type === "aws:alb/loadBalancer:LoadBalancer",
  alertsOn: (lb, kind, resources) =>
    resources.filter(
      (r) =>
        r.type === ALARM &&
        dependsOn(r, lb) &&
        metricNames(r).some((m) => (kind === "availability" ? FIVE_XX.includes(m) : m === "TargetResponseTime")),
    ),
  notifies: awsAlarmNotifies,
};

export default stackRule({
  name: "mlops-aws-monitoring-service-slo-alerts",
  description:
    "Every InferenceService has availability (5xx) and latency (TargetResponseTime) alarms that notify someone; mandatory in production stacks, advisory elsewhere. (stack)",
  severity: "high",
  frameworks: { nist: ["SI-4", "IR-6", "CP-2"] },
  remediation: [
    "Create a MonitoringStack with services: [api.info] and notifications (emails or webhooks).",
    "Or create CloudWatch alarms on the service's ALB (HTTPCode_Target_5XX_Count, TargetResponseTime) with alarmActions on an SNS topic that has a subscription.",
  ],
  validateStack: (args, report) => checkServiceSloAlerts(args, report, finder),
});
