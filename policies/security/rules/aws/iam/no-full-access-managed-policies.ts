import { resourceRule } from "@mlops-kit/policy-common";
import { RolePolicyAttachment } from "@pulumi/aws/iam";
import { validateResourceOfType } from "@pulumi/policy";

/**
 * AWS managed policies that grant a whole service (or everything). The SageMaker MLflow guide
 * suggests AmazonS3FullAccess for a tracking server's role; its artifact bucket and key are enough.
 */
const BROAD = [
  "AdministratorAccess",
  "PowerUserAccess",
  "AmazonS3FullAccess",
  "AmazonSageMakerFullAccess",
  "AmazonEC2ContainerRegistryFullAccess",
  "IAMFullAccess",
];

export default resourceRule({
  name: "mlops-aws-iam-no-full-access-managed-policies",
  description: "Roles get policies scoped to their resources, not AWS managed full-access policies.",
  severity: "high",
  frameworks: { cis: ["AWS 3.0 1.16"], nist: ["AC-6"], pci: ["7.2.2"] },
  remediation: [
    "Attach a policy that names the buckets, repositories and keys the role uses (ModelRegistry's tracking role reaches its artifact bucket and key only).",
  ],
  validateResource: validateResourceOfType(RolePolicyAttachment, (attachment, _args, report) => {
    const arn = String(attachment.policyArn ?? "");
    const name = BROAD.find((p) => arn.endsWith(`:policy/${p}`));
    if (name) report(`the role gets ${name}, which grants far more than one component needs.`);
  }),
});
