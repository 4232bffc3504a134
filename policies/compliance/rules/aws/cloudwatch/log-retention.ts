import { type MinimumConfig, minimumFor, minimumSchema, resourceRule } from "@mlops-kit/policy-common";
import { LogGroup } from "@pulumi/aws/cloudwatch";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-cloudwatch-log-retention",
  description: "CloudWatch log groups keep logs for an explicit period of at least the minimum (30 days; 365 in production).",
  severity: "medium",
  frameworks: { nist: ["AU-11", "SI-12"], pci: ["10.5.1"] },
  remediation: [
    "Set retentionInDays to a period CloudWatch accepts that meets the minimum (MlopsVpc keeps flow logs 30 days in dev and 365 in prod).",
    "Export logs to S3 with a lifecycle rule if they must be kept longer for less.",
  ],
  configSchema: minimumSchema("retention", 30, 365),
  validateResource: validateResourceOfType(LogGroup, (group, args, report) => {
    const min = minimumFor(args.getConfig<MinimumConfig>());
    const days = group.retentionInDays ?? 0;
    if (days === 0) report("retentionInDays is not set: the logs never expire. Set an explicit retention.");
    else if (days < min.days) report(`retentionInDays is ${days}; ${min.why} is ${min.days} days.`);
  }),
});
