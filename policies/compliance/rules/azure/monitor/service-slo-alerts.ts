import { asArray, asRecord, checkServiceSloAlerts, dependsOn, ifKnown, type SloAlertFinder, stackRule } from "@mlops-kit/policy-common";
import type { PolicyResource } from "@pulumi/policy";

const QUERY = "azure-native:monitor:ScheduledQueryRule";
const METRIC = "azure-native:monitor:MetricAlert";
/** What an alert on each SLO reads: the access log's columns, or the gateway's own metrics. */
const SIGNALS = {
  availability: { column: "HttpStatus", metrics: ["ResponseStatus", "FailedRequests"] },
  latency: { column: "TimeTaken", metrics: ["ApplicationGatewayTotalTime", "BackendLastByteResponseTime"] },
} as const;

function queries(rule: PolicyResource): string[] {
  const allOf = asArray(asRecord(ifKnown(() => rule.props.criteria))?.allOf) as { query?: unknown }[];
  return allOf.map((c) => c?.query).filter((q): q is string => typeof q === "string");
}

function metricNames(alert: PolicyResource): string[] {
  const allOf = asArray(asRecord(ifKnown(() => alert.props.criteria))?.allOf) as { metricName?: unknown }[];
  return allOf.map((c) => c?.metricName).filter((m): m is string => typeof m === "string");
}

/** An alert notifies when it names an action group that has a receiver. */
function notifies(alert: PolicyResource, resources: PolicyResource[]): boolean {
  const actions = ifKnown(() => alert.props.actions);
  const groups =
    alert.type === QUERY
      ? asArray(asRecord(actions)?.actionGroups)
      : (asArray(actions) as { actionGroupId?: unknown }[]).map((a) => a?.actionGroupId);
  if (groups.filter((g) => g !== undefined && g !== null && g !== "").length === 0) return false;
  const named = resources.filter((r) => r.type === "azure-native:monitor:ActionGroup" && dependsOn(alert, r));
  // Action groups made elsewhere are taken on trust; ours must have a receiver.
  return named.length === 0 || named.some((g) => receivers(g) > 0);
}

export function receivers(group: PolicyResource): number {
  return Object.entries(group.props)
    .filter(([k]) => k.endsWith("Receivers"))
    .reduce((n, [, v]) => n + asArray(ifKnown(() => v)).length, 0);
}

const finder: SloAlertFinder = {
  isServiceFrontend: (r) => r.type === "azure-native:network:ApplicationGateway",
  alertsOn: (gateway, kind, resources) =>
    resources.filter(
      (r) =>
        dependsOn(r, gateway) &&
        ((r.type === QUERY && queries(r).some((q) => q.includes(SIGNALS[kind].column))) ||
          (r.type === METRIC && metricNames(r).some((m) => (SIGNALS[kind].metrics as readonly string[]).includes(m)))),
    ),
  notifies,
};

export default stackRule({
  name: "mlops-azure-monitor-service-slo-alerts",
  description:
    "Every InferenceService has availability (5xx) and latency alerts on its Application Gateway that notify an action group with a receiver; mandatory in production stacks, advisory elsewhere. (stack)",
  severity: "high",
  frameworks: { nist: ["SI-4", "IR-6", "CP-2"] },
  remediation: [
    "Create a MonitoringStack with services: [api.info] and notifications (emails or webhooks).",
    "Or create alerts on the gateway (log search on AGWAccessLogs HttpStatus/TimeTaken, or metric alerts on ResponseStatus/ApplicationGatewayTotalTime) with an action group.",
  ],
  validateStack: (args, report) => checkServiceSloAlerts(args, report, finder),
});
