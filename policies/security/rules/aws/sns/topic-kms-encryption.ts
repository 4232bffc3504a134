import { resourceRule } from "@mlops-kit/policy-common";
import { Topic } from "@pulumi/aws/sns";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-sns-topic-kms-encryption",
  description: "SNS topics are encrypted at rest with a customer-managed KMS key (alerts name resources and carry incident details).",
  severity: "medium",
  frameworks: { nist: ["SC-28", "SC-12"], pci: ["3.5.1"] },
  remediation: [
    "Set kmsMasterKeyId to a customer-managed key whose policy lets the publishing services (cloudwatch.amazonaws.com, budgets.amazonaws.com) use it; MonitoringStack does.",
    "The AWS-managed key alias/aws/sns cannot be used by CloudWatch alarms: its policy cannot be changed.",
  ],
  validateResource: validateResourceOfType(Topic, (topic, _args, report) => {
    const key = topic.kmsMasterKeyId;
    if (key === undefined || key === "") report("kmsMasterKeyId is not set: the topic is not encrypted with a KMS key.");
    // By alias name or alias ARN (arn:<partition>:kms:<region>:<account>:alias/aws/sns): the same key.
    else if (typeof key === "string" && (key === "alias/aws/sns" || key.endsWith(":alias/aws/sns")))
      report("kmsMasterKeyId is the AWS-managed alias/aws/sns, which CloudWatch and Budgets cannot use; use a customer-managed key.");
  }),
});
