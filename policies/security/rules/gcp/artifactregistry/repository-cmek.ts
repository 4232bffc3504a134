import { resourceRule } from "@mlops-kit/policy-common";
import { Repository } from "@pulumi/gcp/artifactregistry";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-artifactregistry-repository-cmek",
  description: "Artifact Registry repositories encrypt images with a customer-managed Cloud KMS key.",
  severity: "medium",
  frameworks: { nist: ["SC-12", "SC-28"], pci: ["3.5.1"] },
  remediation: [
    "Grant the Artifact Registry service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on a key in the repository's location, then set kmsKeyName (set at creation: it replaces the repository).",
  ],
  validateResource: validateResourceOfType(Repository, (repo, _args, report) => {
    if (!repo.kmsKeyName) report("kmsKeyName is not set: images are encrypted with Google-managed keys.");
  }),
});
