import { resourceRule } from "@mlops-kit/policy-common";
import { AlertPolicy } from "@pulumi/gcp/monitoring";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-monitoring-alert-policy-channels",
  description: "Cloud Monitoring alert policies notify at least one notification channel: an incident nobody hears of is not an alert.",
  severity: "medium",
  frameworks: { nist: ["IR-6", "SI-4"] },
  remediation: ["Set notificationChannels to one or more monitoring.NotificationChannel names (MonitoringStack: notifications)."],
  validateResource: validateResourceOfType(AlertPolicy, (policy, _args, report) => {
    if ((policy.notificationChannels ?? []).length === 0) report("has no notificationChannels: its incidents notify nobody.");
  }),
});
