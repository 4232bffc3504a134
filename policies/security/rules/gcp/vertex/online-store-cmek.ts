import { resourceRule } from "@mlops-kit/policy-common";
import { AiFeatureOnlineStore } from "@pulumi/gcp/vertex";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-vertex-online-store-cmek",
  description: "Vertex AI feature online stores on Bigtable encrypt their data with a Cloud KMS key (Optimized stores cannot).",
  severity: "medium",
  frameworks: { nist: ["SC-12", "SC-28"], pci: ["3.5.1"] },
  remediation: ["Set encryptionSpec.kmsKeyName to a key the Vertex AI service agent may use (roles/cloudkms.cryptoKeyEncrypterDecrypter)."],
  validateResource: validateResourceOfType(AiFeatureOnlineStore, (store, _args, report) => {
    // Vertex AI refuses a CMEK on an Optimized store ("Create an online store instance"): nothing to ask of it.
    if (store.optimized !== undefined) return;
    if (!store.encryptionSpec?.kmsKeyName) report("encryptionSpec.kmsKeyName is not set: the store uses Google-managed keys.");
  }),
});
