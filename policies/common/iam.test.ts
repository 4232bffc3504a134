import { describe, expect, it } from "vitest";
import { type IamStatement, isAccountRootStatement, policyStatements, wildcardActions } from "./iam";

describe("IAM rules' shared logic", () => {
  it.each<[IamStatement, boolean, string[]]>([
    [{ Action: "s3:*" }, false, ["s3:*"]],
    [{ Effect: "Allow", Action: ["*", "s3:GetObject"] }, false, ["*"]],
    [{ Effect: "Allow", Action: "s3:Get*" }, false, []],
    [{ Effect: "Allow", Action: "s3:Get*" }, true, ["s3:Get*"]],
    [{ Effect: "Deny", Action: "*" }, false, []],
    [{ Effect: "Allow", NotAction: "iam:*" }, false, ['NotAction "iam:*"']],
  ])("GIVEN the statement %j (partial %s) THEN the wildcards are %j", (statement, partial, expected) => {
    expect(wildcardActions(statement, partial)).toEqual(expected);
  });

  it.each([
    [{ Principal: { AWS: "arn:aws:iam::123456789012:root" } }, true],
    [{ Principal: { AWS: "123456789012" } }, true],
    [{ Principal: { AWS: "arn:aws:iam::123456789012:root", Service: "logs.amazonaws.com" } }, false],
    [{ Principal: { AWS: "arn:aws:iam::123456789012:role/app" } }, false],
  ] as const)("GIVEN the principal of %j THEN account root is %s", (statement, root) => {
    expect(isAccountRootStatement(statement)).toBe(root);
  });

  it("GIVEN a policy document as JSON text THEN its statements are read", () => {
    const doc = JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject" } });
    expect(policyStatements(doc)).toEqual([{ Effect: "Allow", Action: "s3:GetObject" }]);
  });
});
