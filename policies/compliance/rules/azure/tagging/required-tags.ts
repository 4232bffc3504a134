import { REQUIRED_TAGS_SCHEMA, requiredTagsValidation, resourceRule } from "@mlops-kit/policy-common";

export default resourceRule({
  name: "mlops-azure-tagging-required-tags",
  description: "Every Azure resource that takes tags carries the required tags (by default managed-by).",
  severity: "low",
  frameworks: { nist: ["CM-8", "PM-5"], pci: ["12.5.1"] },
  remediation: [
    "Add the missing keys to the resource's tags (mlops-kit components add managed-by and their own keys; pass more with the spec's tags).",
    "Azure has no provider-wide tags: set them on each resource, or tag the resource group and let Azure Policy inherit them.",
  ],
  configSchema: REQUIRED_TAGS_SCHEMA,
  validateResource: requiredTagsValidation({ prefix: "azure-native:", cloud: "Azure", property: "tags" }),
});
