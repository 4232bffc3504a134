import {
  argsHaveProperty,
  providerDefaults,
  REQUIRED_TAGS_SCHEMA,
  type RequiredTagsConfig,
  resourceRule,
  tagKeys,
} from "@mlops-kit/policy-common";

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
  validateResource: (args, report) => {
    if (!args.type.startsWith("gcp:")) args.notApplicable("Policy only applies to GCP resources");
    const { requiredKeys, exemptTypes } = args.getConfig<RequiredTagsConfig>();
    if (exemptTypes.includes(args.type)) args.notApplicable(`${args.type} is exempt`);
    // The SDK's declarations say which types take labels; GCP's networks, firewalls and routers take none.
    if (!(argsHaveProperty(args.type, "labels") ?? "labels" in args.props)) args.notApplicable(`${args.type} takes no labels`);
    const present = { ...providerDefaults(args.provider?.props.defaultLabels), ...tagKeys(args.props.labels) };
    const missing = requiredKeys.filter((k) => !(k in present));
    if (missing.length > 0) report(`missing labels: ${missing.join(", ")}.`);
  },
});
