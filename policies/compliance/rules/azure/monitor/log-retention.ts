import { type MinimumConfig, minimumFor, minimumSchema, resourceRule } from "@mlops-kit/policy-common";
import { FlowLog } from "@pulumi/azure-native/network";
import { Workspace } from "@pulumi/azure-native/operationalinsights";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-azure-monitor-log-retention",
  description: "Flow logs and Log Analytics workspaces keep logs for at least the minimum (30 days; 365 in production).",
  severity: "medium",
  frameworks: { cis: ["Azure 2.1 6.5"], nist: ["AU-11", "SI-12"], pci: ["10.5.1"] },
  remediation: [
    "Set a flow log's retentionPolicy { enabled: true, days } to the minimum or more (MlopsVpc keeps 30 days in dev and 365 in prod).",
    "Set a workspace's retentionInDays to the minimum or more.",
  ],
  configSchema: minimumSchema("retention", 30, 365),
  validateResource: [
    validateResourceOfType(FlowLog, (flowLog, args, report) => {
      const min = minimumFor(args.getConfig<MinimumConfig>());
      const policy = flowLog.retentionPolicy;
      // Retention off, or 0 days, keeps flow logs for ever.
      if (!policy?.enabled || !policy.days)
        report("retentionPolicy is not enabled with a number of days: flow logs are kept for ever. Set an explicit retention.");
      else if (policy.days < min.days) report(`retentionPolicy.days is ${policy.days}; ${min.why} is ${min.days} days.`);
    }),
    validateResourceOfType(Workspace, (workspace, args, report) => {
      const min = minimumFor(args.getConfig<MinimumConfig>());
      const days = workspace.retentionInDays ?? 30;
      if (days < min.days) report(`retentionInDays is ${workspace.retentionInDays ?? "not set (30)"}; ${min.why} is ${min.days} days.`);
    }),
  ],
});
