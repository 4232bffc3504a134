import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-wildcard-actions";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const logs = { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" };
const rolePolicy = (policy: unknown) => planResource("aws:iam/rolePolicy:RolePolicy", "p", { role: "r", policy });
const root = {
  Sid: "AccountAdministers",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:root" },
  Action: "kms:*",
  Resource: "*",
};

describe(rule.name, () => {
  it("GIVEN named actions, a KMS key policy with the root statement, and a Deny * THEN it passes", async () => {
    const resources = [
      rolePolicy(doc(logs, { Effect: "Deny", Action: "*", Resource: "*" })),
      planResource("aws:iam/policy:Policy", "p2", { policy: { Version: "2012-10-17", Statement: [{ ...logs, Action: "s3:Get*" }] } }),
      planResource("aws:kms/key:Key", "k", {
        policy: doc(root, { Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: ["kms:Encrypt"], Resource: "*" }),
      }),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it('GIVEN a role policy allowing "*" THEN it fails', async () => {
    expect(await findings(rule, [rolePolicy(doc({ Effect: "Allow", Action: "*", Resource: "*" }))])).toEqual([
      expect.stringContaining("allows *;"),
    ]);
  });

  it('GIVEN a managed policy allowing "s3:*" THEN it fails', async () => {
    const p = planResource("aws:iam/policy:Policy", "p", { policy: doc({ ...logs, Action: ["s3:*"] }) });
    expect(await findings(rule, [p])).toEqual([expect.stringContaining("allows s3:*")]);
  });

  it("GIVEN an Allow with NotAction THEN it fails", async () => {
    expect(await findings(rule, [rolePolicy(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))])).toEqual([
      expect.stringContaining("NotAction"),
    ]);
  });

  it("GIVEN a role inline policy with a wildcard THEN it fails", async () => {
    const role = planResource("aws:iam/role:Role", "r", {
      assumeRolePolicy: "{}",
      inlinePolicies: [{ name: "inline", policy: doc({ ...logs, Action: "ec2:*" }) }],
    });
    expect(await findings(rule, [role])).toEqual([expect.stringContaining("inline policy inline: statement 0 allows ec2:*")]);
  });

  it("GIVEN a key policy granting kms:* to a role (not the account root) THEN it fails", async () => {
    const key = planResource("aws:kms/key:Key", "k", {
      policy: doc({ ...root, Sid: "Admins", Principal: { AWS: "arn:aws:iam::123456789012:role/admin" } }),
    });
    expect(await findings(rule, [key])).toEqual([expect.stringContaining('statement "Admins" allows kms:*')]);
  });

  it("GIVEN a policy that is not JSON THEN it fails", async () => {
    expect(await findings(rule, [rolePolicy("{not json")])).toEqual(["policy is not a readable JSON policy document."]);
  });

  it('GIVEN allowPartialWildcards false THEN "s3:Get*" fails', async () => {
    const config = { [rule.name]: { allowPartialWildcards: false } };
    expect(await findings(rule, [rolePolicy(doc({ ...logs, Action: "s3:Get*" }))], { config })).toEqual([
      expect.stringContaining("allows s3:Get*"),
    ]);
  });
});
