import { policyStatements, resourceRule } from "@mlops-kit/policy-common";
import { ModelPackageGroupPolicy } from "@pulumi/aws/sagemaker";
import { validateResourceOfType } from "@pulumi/policy";

/** A statement that allows anyone: `Principal: "*"` or `{ AWS: "*" }`. */
function isPublic(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

export default resourceRule({
  name: "mlops-aws-sagemaker-model-package-group-policy-not-public",
  description: "Model package group policies share models with named accounts, never with everyone.",
  severity: "critical",
  frameworks: { nist: ["AC-3", "AC-21"], pci: ["7.2.1"] },
  remediation: [
    'List the accounts that may read (arn:aws:iam::<account>:root) as the principal instead of "*" (ModelRegistry: access.shareWith).',
  ],
  validateResource: validateResourceOfType(ModelPackageGroupPolicy, (policy, _args, report) => {
    const statements = policyStatements(policy.resourcePolicy);
    if (!statements) {
      report("resourcePolicy is not a readable JSON policy document.");
      return;
    }
    for (const [i, s] of statements.entries()) {
      const st = s as { Effect?: string; Principal?: unknown; Sid?: string };
      if (st.Effect === "Allow" && isPublic(st.Principal)) report(`statement ${st.Sid ? `"${st.Sid}"` : i} allows any principal ("*").`);
    }
  }),
});
