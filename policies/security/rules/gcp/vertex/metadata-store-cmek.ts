import { resourceRule } from "@mlops-kit/policy-common";
import { AiMetadataStore } from "@pulumi/gcp/vertex";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-vertex-metadata-store-cmek",
  description: "Vertex AI metadata stores (experiments and lineage) are encrypted with a customer-managed Cloud KMS key.",
  severity: "medium",
  frameworks: { nist: ["SC-12", "SC-28"], pci: ["3.5.1"] },
  remediation: [
    "Grant the Vertex AI service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on a key in the same region, then set encryptionSpec.kmsKeyName (set at creation: it replaces the resource).",
  ],
  validateResource: validateResourceOfType(AiMetadataStore, (resource, _args, report) => {
    if (!resource.encryptionSpec?.kmsKeyName) report("encryptionSpec.kmsKeyName is not set: data is encrypted with Google-managed keys.");
  }),
});
