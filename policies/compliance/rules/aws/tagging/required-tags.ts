import {
  argsHaveProperty,
  providerDefaults,
  REQUIRED_TAGS_SCHEMA,
  type RequiredTagsConfig,
  resourceRule,
  tagKeys,
} from "@mlops-kit/policy-common";

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
  validateResource: (args, report) => {
    if (!args.type.startsWith("aws:")) args.notApplicable("Policy only applies to AWS resources");
    const { requiredKeys, exemptTypes } = args.getConfig<RequiredTagsConfig>();
    if (exemptTypes.includes(args.type)) args.notApplicable(`${args.type} is exempt`);
    // The SDK's declarations say which types take tags; GCP's networks, firewalls and routers take none.
    if (!(argsHaveProperty(args.type, "tags") ?? "tags" in args.props)) args.notApplicable(`${args.type} takes no tags`);
    const present = { ...providerDefaults(args.provider?.props.defaultTags, "tags"), ...tagKeys(args.props.tags) };
    const missing = requiredKeys.filter((k) => !(k in present));
    if (missing.length > 0) report(`missing tags: ${missing.join(", ")}.`);
  },
});
