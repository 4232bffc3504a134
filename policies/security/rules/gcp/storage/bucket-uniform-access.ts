import { resourceRule } from "@mlops-kit/policy-common";
import { Bucket } from "@pulumi/gcp/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-storage-bucket-uniform-access",
  description: "Cloud Storage buckets use uniform bucket-level access (IAM only, no object ACLs).",
  severity: "high",
  frameworks: { cis: ["GCP 2.0 5.2"], nist: ["AC-3", "AC-6"], pci: ["7.2.1"] },
  remediation: ["Set uniformBucketLevelAccess to true and grant access with IAM."],
  validateResource: validateResourceOfType(Bucket, (bucket, _args, report) => {
    if (bucket.uniformBucketLevelAccess !== true) report("uniformBucketLevelAccess is not true: object ACLs can grant access past IAM.");
  }),
});
