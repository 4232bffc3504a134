import { resourceRule } from "@mlops-kit/policy-common";
import { ActionGroup } from "@pulumi/azure-native/monitor";
import { validateResourceOfType } from "@pulumi/policy";
import { receivers } from "./service-slo-alerts";

export default resourceRule({
  name: "mlops-azure-monitor-action-group-receivers",
  description: "Action groups are enabled and have at least one receiver (email, webhook, SMS, ...): alerts sent to them reach someone.",
  severity: "medium",
  frameworks: { nist: ["IR-6", "SI-4"] },
  remediation: ["Add emailReceivers or webhookReceivers (MonitoringStack: notifications) and set enabled to true."],
  validateResource: validateResourceOfType(ActionGroup, (group, args, report) => {
    if (group.enabled === false) report("enabled is false: alerts sent to this group notify nobody.");
    else if (receivers({ props: args.props } as Parameters<typeof receivers>[0]) === 0)
      report("has no receivers: alerts sent to this group notify nobody.");
  }),
});
