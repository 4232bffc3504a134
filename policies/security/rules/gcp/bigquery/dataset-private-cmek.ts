import { resourceRule } from "@mlops-kit/policy-common";
import { Dataset } from "@pulumi/gcp/bigquery";
import { validateResourceOfType } from "@pulumi/policy";

const PUBLIC = ["allUsers", "allAuthenticatedUsers"];

export default resourceRule({
  name: "mlops-gcp-bigquery-dataset-private-cmek",
  description: "BigQuery datasets grant nothing to allUsers or allAuthenticatedUsers and encrypt tables with a Cloud KMS key.",
  severity: "critical",
  frameworks: { cis: ["GCP 2.0 7.1", "GCP 2.0 7.3"], nist: ["AC-3", "SC-28"], pci: ["7.2.1", "3.5.1"] },
  remediation: [
    "Remove access entries whose specialGroup or iamMember is allUsers or allAuthenticatedUsers.",
    "Set defaultEncryptionConfiguration.kmsKeyName to a Cloud KMS key the BigQuery service agent may use.",
  ],
  validateResource: validateResourceOfType(Dataset, (dataset, _args, report) => {
    for (const a of dataset.accesses ?? []) {
      const who = a.specialGroup ?? a.iamMember ?? "";
      if (PUBLIC.includes(who)) report(`accesses grants ${a.role ?? "a role"} to ${who}: the dataset is public.`);
    }
    if (!dataset.defaultEncryptionConfiguration?.kmsKeyName)
      report("defaultEncryptionConfiguration.kmsKeyName is not set: tables use Google-managed keys.");
  }),
});
