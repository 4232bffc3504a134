import { providerDefaults, REQUIRED_TAGS_SCHEMA, requiredTagsValidation, resourceRule } from "@mlops-kit/policy-common";

export default resourceRule({
  name: "mlops-gcp-tagging-required-labels",
  description: "Every GCP resource that takes labels carries the required labels (by default managed-by).",
  severity: "low",
  frameworks: { nist: ["CM-8", "PM-5"], pci: ["12.5.1"] },
  remediation: [
    "Add the missing keys to the resource's labels (mlops-kit components add managed-by and their own keys; pass more with the spec's tags).",
    "Provider-wide labels (gcp:defaultLabels) count too.",
  ],
  configSchema: REQUIRED_TAGS_SCHEMA,
  validateResource: requiredTagsValidation({
    prefix: "gcp:",
    cloud: "GCP",
    property: "labels",
    providerTags: (p) => providerDefaults(p?.defaultLabels),
  }),
});
