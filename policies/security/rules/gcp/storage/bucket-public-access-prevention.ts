import { resourceRule } from "@mlops-kit/policy-common";
import { Bucket } from "@pulumi/gcp/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-storage-bucket-public-access-prevention",
  description: "Cloud Storage buckets enforce public access prevention.",
  severity: "critical",
  frameworks: { cis: ["GCP 2.0 5.1"], nist: ["AC-3", "AC-21", "SC-7"], pci: ["1.4.4", "7.2.1"] },
  remediation: ['Set publicAccessPrevention to "enforced".'],
  validateResource: validateResourceOfType(Bucket, (bucket, _args, report) => {
    if (bucket.publicAccessPrevention !== "enforced") {
      report(`publicAccessPrevention is ${bucket.publicAccessPrevention ?? "not set (inherited)"}; set it to "enforced".`);
    }
  }),
});
