import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./oidc-subject-pinned";

const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const trust = (Condition?: unknown) =>
  planResource("aws:iam/role:Role", "ci", {
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: PROVIDER },
          Action: "sts:AssumeRoleWithWebIdentity",
          ...(Condition ? { Condition } : {}),
        },
      ],
    }),
  });
const AUD = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };

describe(rule.name, () => {
  it("GIVEN StringEquals on aud and one exact subject, and a role trusting a service THEN it passes", async () => {
    const service = planResource("aws:iam/role:Role", "svc", {
      assumeRolePolicy: JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
    const pinned = trust({ StringEquals: { ...AUD, "token.actions.githubusercontent.com:sub": "repo:acme/app:environment:production" } });
    expect(await findings(rule, [pinned, service])).toEqual([]);
  });

  it("GIVEN no sub condition THEN it fails", async () => {
    expect(await findings(rule, [trust({ StringEquals: AUD })])).toEqual([
      expect.stringContaining("has no token.actions.githubusercontent.com:sub condition"),
    ]);
  });

  it("GIVEN a StringLike wildcard subject THEN it fails", async () => {
    const wild = trust({ StringEquals: AUD, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } });
    expect(await findings(rule, [wild])).toEqual([expect.stringContaining("with StringLike; use StringEquals")]);
  });

  it("GIVEN a wildcard inside StringEquals THEN it fails", async () => {
    const wild = trust({
      StringEquals: { ...AUD, "token.actions.githubusercontent.com:sub": ["repo:acme/app:ref:refs/heads/main", "repo:acme/*"] },
    });
    expect(await findings(rule, [wild])).toEqual([expect.stringContaining("trusts the subject pattern repo:acme/*")]);
  });
});
