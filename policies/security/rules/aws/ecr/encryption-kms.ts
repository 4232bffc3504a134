import { resourceRule } from "@mlops-kit/policy-common";
import { Repository } from "@pulumi/aws/ecr";
import { validateResourceOfType } from "@pulumi/policy";

export default resourceRule({
  name: "mlops-aws-ecr-encryption-kms",
  description: "ECR repositories encrypt images with a customer-managed KMS key.",
  severity: "medium",
  frameworks: { nist: ["SC-12", "SC-28"], pci: ["3.5.1"] },
  remediation: [
    'Set encryptionConfigurations to [{ encryptionType: "KMS", kmsKey: <your key\'s ARN> }] (set at creation: it replaces the repository).',
  ],
  validateResource: validateResourceOfType(Repository, (repo, _args, report) => {
    const config = repo.encryptionConfigurations?.[0];
    if (config?.encryptionType !== "KMS") report("encryptionConfigurations does not use KMS: images are encrypted with an AWS-owned key.");
    else if (!config.kmsKey)
      report("encryptionConfigurations uses KMS without kmsKey: the AWS-managed aws/ecr key, not a customer-managed one.");
  }),
});
