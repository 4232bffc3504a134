import { resourceRule } from "@mlops-kit/policy-common";
import { LogGroup } from "@pulumi/aws/cloudwatch";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-cloudwatch-log-group-encrypted",
  description: "CloudWatch log groups are encrypted with a customer-managed KMS key.",
  severity: "medium",
  frameworks: { nist: ["AU-9", "SC-28", "SC-12"], pci: ["10.3.2", "3.5.1"] },
  remediation: [
    "Create a KMS key whose policy lets logs.<region>.amazonaws.com use it, and set kmsKeyId to its ARN (MlopsVpc does for flow logs).",
  ],
  validateResource: validateResourceOfType(LogGroup, (group, _args, report) => {
    if (!group.kmsKeyId) report("kmsKeyId is not set: the logs are encrypted only with a key AWS owns.");
  }),
});
