import { type MinimumConfig, minimumFor, minimumSchema, resourceRule } from "@mlops-kit/policy-common";
import { BillingAccountBucketConfig, FolderBucketConfig, OrganizationBucketConfig, ProjectBucketConfig } from "@pulumi/gcp/logging";
import { type ReportViolation, type ResourceValidationArgs, validateResourceOfType } from "@pulumi/policy";

function check(bucket: { retentionDays?: number }, args: ResourceValidationArgs, report: ReportViolation): void {
  const min = minimumFor(args.getConfig<MinimumConfig>());
  // Cloud Logging keeps logs 30 days when no retention is given.
  const days = bucket.retentionDays ?? 30;
  if (days < min.days) report(`retentionDays is ${bucket.retentionDays ?? "not set (30)"}; ${min.why} is ${min.days} days.`);
}

export default resourceRule({
  name: "mlops-gcp-logging-bucket-retention",
  description: "Log buckets keep logs for at least the minimum (30 days; 365 in production).",
  severity: "medium",
  frameworks: { cis: ["GCP 2.0 2.3"], nist: ["AU-11", "SI-12"], pci: ["10.5.1"] },
  remediation: ["Set retentionDays to the minimum or more (MlopsVpc keeps flow logs 30 days in dev and 365 in prod)."],
  configSchema: minimumSchema("retention", 30, 365),
  validateResource: [
    validateResourceOfType(ProjectBucketConfig, (b, args, report) => check(b, args, report)),
    validateResourceOfType(FolderBucketConfig, (b, args, report) => check(b, args, report)),
    validateResourceOfType(OrganizationBucketConfig, (b, args, report) => check(b, args, report)),
    validateResourceOfType(BillingAccountBucketConfig, (b, args, report) => check(b, args, report)),
  ],
});
