import { type MinimumConfig, minimumFor, minimumSchema, resourceRule } from "@mlops-kit/policy-common";
import { CryptoKey } from "@pulumi/gcp/kms";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-kms-key-destroy-delay",
  description:
    "Cloud KMS key versions wait at least the minimum (7 days; 30 in production) before they are destroyed, so a mistaken destroy can be undone.",
  severity: "medium",
  frameworks: { nist: ["SC-12", "CP-9"], pci: ["3.6.1"] },
  remediation: ['Set destroyScheduledDuration to the minimum or more ("2592000s" is 30 days, the default).'],
  configSchema: minimumSchema("destroy delay", 7, 30),
  validateResource: validateResourceOfType(CryptoKey, (key, args, report) => {
    const min = minimumFor(args.getConfig<MinimumConfig>());
    const seconds =
      key.destroyScheduledDuration === undefined ? 30 * 86400 : Number(/^(\d+(?:\.\d+)?)s$/.exec(key.destroyScheduledDuration)?.[1] ?? 0);
    if (seconds < min.days * 86400) report(`destroyScheduledDuration is ${key.destroyScheduledDuration}; ${min.why} is ${min.days} days.`);
  }),
});
