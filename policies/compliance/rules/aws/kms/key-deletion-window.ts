import { type MinimumConfig, minimumFor, minimumSchema, resourceRule } from "@mlops-kit/policy-common";
import { Key } from "@pulumi/aws/kms";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-kms-key-deletion-window",
  description: "KMS keys wait at least the minimum (7 days; 30 in production) before deletion, so a mistaken deletion can be cancelled.",
  severity: "medium",
  frameworks: { nist: ["SC-12", "CP-9"], pci: ["3.6.1"] },
  remediation: ["Set deletionWindowInDays to the minimum or more (AWS allows 7 to 30; MlopsVpc uses 7 in dev and 30 in prod)."],
  configSchema: minimumSchema("deletion window", 7, 30),
  validateResource: validateResourceOfType(Key, (key, args, report) => {
    const min = minimumFor(args.getConfig<MinimumConfig>());
    // AWS waits 30 days when no window is given.
    const days = key.deletionWindowInDays ?? 30;
    if (days < min.days) report(`deletionWindowInDays is ${days}; ${min.why} is ${min.days} days.`);
  }),
});
