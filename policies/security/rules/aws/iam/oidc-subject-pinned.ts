import { asArray, asRecord, parseJson, resourceRule } from "@mlops-kit/policy-common";

/** GitHub's issuer host: the prefix of its condition keys (IAM User Guide, "Configuring a role for GitHub OIDC"). */
const GITHUB = "token.actions.githubusercontent.com";

interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: { Federated?: string | string[] };
  Action?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** Why a web-identity statement for GitHub trusts more than one pinned subject, or undefined. */
export function subjectProblem(s: Statement): string | undefined {
  const conditions = s.Condition ?? {};
  const sub = `${GITHUB}:sub`;
  for (const [operator, keys] of Object.entries(conditions)) {
    if (!(sub in (keys ?? {}))) continue;
    const values = asArray(keys[sub] as string | string[]).map(String);
    if (!operator.startsWith("StringEquals")) return `matches ${sub} with ${operator}; use StringEquals`;
    const wild = values.find((v) => /[*?]/.test(v));
    if (wild) return `trusts the subject pattern ${wild}`;
    if (values.length === 0) return `has an empty ${sub} condition`;
    return undefined;
  }
  return `has no ${sub} condition, so every repository on GitHub could assume the role`;
}

export default resourceRule({
  name: "mlops-aws-iam-oidc-subject-pinned",
  description: "Roles that trust GitHub's OIDC tokens pin the token subject exactly (StringEquals, no wildcard).",
  severity: "critical",
  frameworks: { nist: ["AC-3", "IA-2", "IA-8"], pci: ["7.2.1", "8.2.1"] },
  remediation: [
    `Add a StringEquals condition on ${GITHUB}:sub naming one subject: repo:<owner>/<name>:environment:<env>, :ref:refs/heads/<branch> or :pull_request.`,
    `Check ${GITHUB}:aud with StringEquals sts.amazonaws.com too.`,
  ],
  validateResource: (args, report) => {
    if (args.type !== "aws:iam/role:Role") args.notApplicable("Policy only applies to IAM roles");
    const doc = asRecord(parseJson(args.props.assumeRolePolicy));
    if (!doc) return;
    for (const [i, s] of asArray(doc.Statement as Statement | Statement[]).entries()) {
      const federated = asArray(s.Principal?.Federated).map(String);
      const github = federated.some((f) => f.endsWith(`oidc-provider/${GITHUB}`) || f === GITHUB);
      if (s.Effect !== "Allow" || !github) continue;
      const problem = subjectProblem(s);
      if (problem) report(`trust statement ${s.Sid ? `"${s.Sid}"` : i} ${problem}.`);
    }
  },
});
