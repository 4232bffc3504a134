import { providerDefaults, REQUIRED_TAGS_SCHEMA, requiredTagsValidation, resourceRule } from "@mlops-kit/policy-common";

export default resourceRule({
  name: "mlops-aws-tagging-required-tags",
  description: "Every AWS resource that takes tags carries the required tags (by default managed-by).",
  severity: "low",
  frameworks: { nist: ["CM-8", "PM-5"], pci: ["12.5.1"] },
  remediation: [
    "Add the missing keys to the resource's tags (mlops-kit components add managed-by and their own keys; pass more with the spec's tags).",
    "Provider-wide tags (aws:defaultTags) count too.",
  ],
  configSchema: REQUIRED_TAGS_SCHEMA,
  validateResource: requiredTagsValidation({
    prefix: "aws:",
    cloud: "AWS",
    property: "tags",
    providerTags: (p) => providerDefaults(p?.defaultTags, "tags"),
  }),
});
