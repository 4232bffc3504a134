import { resourceRule } from "@mlops-kit/policy-common";
import { AlertPolicy } from "@pulumi/gcp/monitoring";
import { validateResourceOfType } from "@pulumi/policy";

/** The Application Load Balancer metrics' monitored resource types: they name the backend service `backend_target_name`. */
const LB_RULE_TYPE = /resource\.type\s*=\s*"(https_lb_rule|internal_http_lb_rule|http_external_regional_lb_rule)"/;
const LOG_ONLY_LABEL = /resource\.labels?\.backend_service_name\b/;

/** The filters of a policy's threshold conditions, numerator and denominator. */
function filters(policy: { conditions?: { conditionThreshold?: { filter?: string; denominatorFilter?: string } }[] }): string[] {
  return (policy.conditions ?? [])
    .flatMap((c) => [c.conditionThreshold?.filter, c.conditionThreshold?.denominatorFilter])
    .filter((f): f is string => typeof f === "string");
}

export default resourceRule({
  name: "mlops-gcp-monitoring-alert-policy-lb-labels",
  description:
    "Alert conditions on load balancer metrics select the backend by backend_target_name: https_lb_rule and internal_http_lb_rule have no backend_service_name (a log-entry label), so such a filter matches no series and the policy never fires.",
  severity: "high",
  frameworks: { nist: ["SI-4"] },
  remediation: ['Filter on resource.label.backend_target_name="<backend service name>" (MonitoringStack does).'],
  validateResource: validateResourceOfType(AlertPolicy, (policy, _args, report) => {
    for (const f of filters(policy as Parameters<typeof filters>[0])) {
      if (LB_RULE_TYPE.test(f) && LOG_ONLY_LABEL.test(f)) {
        report(`filters ${LB_RULE_TYPE.exec(f)?.[1]} by backend_service_name, a label that type lacks: the condition matches no series.`);
        return;
      }
    }
  }),
});
