import { resourceRule } from "@mlops-kit/policy-common";
import { CryptoKey } from "@pulumi/gcp/kms";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-gcp-kms-key-rotation",
  description: "Cloud KMS encryption keys rotate at least every 90 days.",
  severity: "medium",
  frameworks: { cis: ["GCP 2.0 1.10"], nist: ["SC-12", "SC-28"], pci: ["3.6.1", "3.7.4"] },
  remediation: ['Set rotationPeriod to "7776000s" (90 days) or less.'],
  configSchema: {
    properties: { maxDays: { type: "integer", minimum: 1, default: 90, description: "Longest rotation period allowed, in days." } },
  },
  validateResource: validateResourceOfType(CryptoKey, (key, args, report) => {
    // Only symmetric encryption keys rotate automatically.
    if ((key.purpose ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT") return;
    const { maxDays } = args.getConfig<{ maxDays: number }>();
    const seconds = /^(\d+(?:\.\d+)?)s$/.exec(key.rotationPeriod ?? "")?.[1];
    if (seconds === undefined) report("rotationPeriod is not set: the key never rotates.");
    else if (Number(seconds) > maxDays * 86400) report(`rotationPeriod ${key.rotationPeriod} is longer than ${maxDays} days.`);
  }),
});
