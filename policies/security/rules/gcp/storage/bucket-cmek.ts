import { resourceRule } from "@mlops-kit/policy-common";
import { Bucket } from "@pulumi/gcp/storage";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-storage-bucket-cmek",
  description: "Cloud Storage buckets encrypt objects with a customer-managed Cloud KMS key.",
  severity: "medium",
  frameworks: { nist: ["SC-12", "SC-28"], pci: ["3.5.1", "3.6.1"] },
  remediation: [
    "Create a Cloud KMS key in the bucket's location, grant the Cloud Storage service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on it.",
    "Set encryption.defaultKmsKeyName to the key.",
  ],
  validateResource: validateResourceOfType(Bucket, (bucket, _args, report) => {
    if (!bucket.encryption?.defaultKmsKeyName)
      report("encryption.defaultKmsKeyName is not set: objects are encrypted with Google-managed keys.");
  }),
});
