import { resourceRule } from "@mlops-kit/policy-common";
import { LaunchTemplate } from "@pulumi/aws/ec2";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-ec2-launch-template-disks-encrypted",
  description: "Every EBS volume a launch template maps is encrypted (node and instance disks).",
  severity: "high",
  frameworks: { cis: ["AWS 3.0 2.2.1"], nist: ["SC-28"], pci: ["3.5.1"] },
  remediation: ['Set blockDeviceMappings[].ebs.encrypted to "true", with kmsKeyId for a customer-managed key.'],
  validateResource: validateResourceOfType(LaunchTemplate, (lt, _args, report) => {
    const plain = (lt.blockDeviceMappings ?? []).filter((m) => m.ebs !== undefined && String(m.ebs.encrypted) !== "true");
    if (plain.length > 0) report(`volumes ${plain.map((m) => m.deviceName ?? "(no device)").join(", ")} are not encrypted.`);
  }),
});
