import { asArray, isAccountRootStatement, policyStatements, resourceRule, wildcardActions } from "@mlops-kit/policy-common";
import { GroupPolicy, Policy, Role, RolePolicy, UserPolicy } from "@pulumi/aws/iam";
import { Key } from "@pulumi/aws/kms";
import { type ReportViolation, validateResourceOfType } from "@pulumi/policy";

interface Config {
  allowPartialWildcards: boolean;
}

function check(document: unknown, where: string, config: Config, report: ReportViolation, skipRoot = false): void {
  if (document === undefined || document === null) return;
  const statements = policyStatements(document);
  if (!statements) {
    report(`${where} is not a readable JSON policy document.`);
    return;
  }
  for (const [i, s] of statements.entries()) {
    if (skipRoot && isAccountRootStatement(s)) continue;
    const wild = wildcardActions(s, !config.allowPartialWildcards);
    if (wild.length > 0)
      report(`${where}: statement ${s.Sid ? `"${s.Sid}"` : i} allows ${wild.join(", ")}; list the actions the principal needs.`);
  }
}

export default resourceRule({
  name: "mlops-aws-iam-no-wildcard-actions",
  description: 'IAM and key policies grant named actions, never "*" or "service:*".',
  severity: "high",
  frameworks: { cis: ["AWS 3.0 1.16"], nist: ["AC-6", "AC-3"], pci: ["7.2.1", "7.2.2"] },
  remediation: [
    "Replace wildcard actions with the actions the principal calls (IAM Access Analyzer can generate them from CloudTrail).",
    "KMS key policies may keep AWS's default statement that lets the account root administer the key; other statements name their actions.",
  ],
  configSchema: {
    properties: {
      allowPartialWildcards: {
        type: "boolean",
        default: true,
        description: 'Allow patterns within a service such as "s3:Get*"; "*" and "service:*" are always reported.',
      },
    },
  },
  validateResource: [
    validateResourceOfType(Role, (role, args, report) => {
      for (const p of asArray(role.inlinePolicies)) check(p.policy, `inline policy ${p.name ?? ""}`.trim(), args.getConfig(), report);
    }),
    validateResourceOfType(RolePolicy, (p, args, report) => check(p.policy, "policy", args.getConfig(), report)),
    validateResourceOfType(Policy, (p, args, report) => check(p.policy, "policy", args.getConfig(), report)),
    validateResourceOfType(UserPolicy, (p, args, report) => check(p.policy, "policy", args.getConfig(), report)),
    validateResourceOfType(GroupPolicy, (p, args, report) => check(p.policy, "policy", args.getConfig(), report)),
    validateResourceOfType(Key, (key, args, report) => check(key.policy, "key policy", args.getConfig(), report, true)),
  ],
});
