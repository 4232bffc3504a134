import { asArray, asRecord, parseJson } from "./values";

export interface IamStatement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Principal?: unknown;
  Resource?: unknown;
  Condition?: unknown;
}

/** The statements of an AWS policy document given as JSON text or object; undefined when it cannot be read. */
export function policyStatements(document: unknown): IamStatement[] | undefined {
  const doc = asRecord(parseJson(document));
  if (!doc) return undefined;
  return asArray(doc.Statement as IamStatement | IamStatement[] | undefined).filter((s) => asRecord(s) !== undefined);
}

/**
 * Wildcard actions an Allow statement grants: `*`, `service:*`, and with `partial` also patterns
 * such as `s3:Get*`. An Allow with `NotAction` grants everything else, so it counts as a wildcard.
 */
export function wildcardActions(statement: IamStatement, partial: boolean): string[] {
  if ((statement.Effect ?? "Allow") !== "Allow") return [];
  if (statement.NotAction !== undefined) return [`NotAction ${JSON.stringify(statement.NotAction)}`];
  return asArray(statement.Action).filter(
    (a) => typeof a === "string" && (a === "*" || /^[^:]+:\*$/.test(a) || (partial && a.includes("*"))),
  );
}

const ROOT_ARN = /^arn:aws[a-z-]*:iam::\d{12}:root$/;

/**
 * AWS's default key policy statement: the account root may do everything with the key, so that the
 * account's IAM policies govern it. Without it a key can become unmanageable.
 */
export function isAccountRootStatement(statement: IamStatement): boolean {
  const principal = asRecord(statement.Principal);
  const aws = principal ? asArray(principal.AWS as string | string[] | undefined) : [];
  return (
    principal !== undefined &&
    Object.keys(principal).length === 1 &&
    aws.length > 0 &&
    aws.every((p) => typeof p === "string" && (ROOT_ARN.test(p) || /^\d{12}$/.test(p)))
  );
}
