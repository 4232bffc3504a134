import { resourceRule } from "@mlops-kit/policy-common";
import { Key } from "@pulumi/aws/kms";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-kms-key-rotation",
  description: "Symmetric KMS keys rotate their key material automatically.",
  severity: "medium",
  frameworks: { cis: ["AWS 3.0 3.6"], nist: ["SC-12", "SC-28"], pci: ["3.6.1", "3.7.4"] },
  remediation: ["Set enableKeyRotation to true (optionally rotationPeriodInDays)."],
  validateResource: validateResourceOfType(Key, (key, _args, report) => {
    const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    // Only symmetric encryption keys can rotate automatically.
    if (spec !== "SYMMETRIC_DEFAULT" || (key.keyUsage ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT") return;
    if (key.enableKeyRotation !== true) report("enableKeyRotation is not true.");
  }),
});
