import { resourceRule } from "@mlops-kit/policy-common";
import { Bucket } from "@pulumi/gcp/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-storage-bucket-versioning",
  description: "Cloud Storage buckets keep object versions, so overwritten or deleted objects can be recovered.",
  severity: "medium",
  frameworks: { nist: ["CP-9", "SI-12"], pci: ["10.3.3"] },
  remediation: ["Set versioning { enabled: true } and a lifecycle rule that deletes noncurrent versions after the retention you need."],
  validateResource: validateResourceOfType(Bucket, (bucket, _args, report) => {
    if (bucket.versioning?.enabled !== true) report("versioning.enabled is not true.");
  }),
});
