import { resourceRule } from "@mlops-kit/policy-common";
import { BillingAccountBucketConfig, FolderBucketConfig, OrganizationBucketConfig, ProjectBucketConfig } from "@pulumi/gcp/logging";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

function check(bucket: { cmekSettings?: { kmsKeyName?: string } }, report: ReportViolation): void {
  if (!bucket.cmekSettings?.kmsKeyName) report("cmekSettings.kmsKeyName is not set: the logs are encrypted with Google-managed keys.");
}

export default resourceRule({
  name: "mlops-gcp-logging-bucket-cmek",
  description: "Log buckets encrypt logs with a customer-managed Cloud KMS key.",
  severity: "medium",
  frameworks: { nist: ["AU-9", "SC-12", "SC-28"], pci: ["10.3.2", "3.5.1"] },
  remediation: [
    "Grant the project's Cloud Logging service account roles/cloudkms.cryptoKeyEncrypterDecrypter on a key in the bucket's location.",
    "Set cmekSettings.kmsKeyName to the key (a bucket in the global location cannot use CMEK: use a regional one).",
  ],
  validateResource: [
    validateResourceOfType(ProjectBucketConfig, (b, _args, report) => check(b, report)),
    validateResourceOfType(FolderBucketConfig, (b, _args, report) => check(b, report)),
    validateResourceOfType(OrganizationBucketConfig, (b, _args, report) => check(b, report)),
    validateResourceOfType(BillingAccountBucketConfig, (b, _args, report) => check(b, report)),
  ],
});
