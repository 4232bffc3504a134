import { asArray, checkServiceSloAlerts, dependsOn, ifKnown, type SloAlertFinder, stackRule } from "@mlops-kit/policy-common";
import type { PolicyResource } from "@pulumi/policy";

const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";

/** The filters of an alert policy's threshold conditions. */
function filters(policy: PolicyResource): string[] {
  const conditions = asArray(ifKnown(() => policy.props.conditions)) as { conditionThreshold?: { filter?: unknown } }[];
  return conditions.map((c) => c?.conditionThreshold?.filter).filter((f): f is string => typeof f === "string");
}

const finder: SloAlertFinder = {
  isServiceFrontend: (r) =>
    r.type === "gcp:compute/backendService:BackendService" || r.type === "gcp:compute/regionBackendService:RegionBackendService",
  alertsOn: (backend, kind, resources) =>
    resources.filter(
      (r) =>
        r.type === POLICY &&
        dependsOn(r, backend) &&
        filters(r).some((f) =>
          kind === "availability" ? f.includes("request_count") && f.includes("response_code_class") : f.includes("total_latencies"),
        ),
    ),
  notifies: (policy) =>
    asArray(ifKnown(() => policy.props.notificationChannels)).length > 0 && ifKnown(() => policy.props.enabled) !== false,
};

export default stackRule({
  name: "mlops-gcp-monitoring-service-slo-alerts",
  description:
    "Every InferenceService has availability (5xx share) and latency (total_latencies) alert policies with notification channels; mandatory in production stacks, advisory elsewhere. (stack)",
  severity: "high",
  frameworks: { nist: ["SI-4", "IR-6", "CP-2"] },
  remediation: [
    "Create a MonitoringStack with services: [api.info] and notifications (emails or webhooks).",
    "Or create Cloud Monitoring alert policies on the service's backend service (request_count by response_code_class, total_latencies) with notificationChannels.",
  ],
  validateStack: (args, report) => checkServiceSloAlerts(args, report, finder),
});
