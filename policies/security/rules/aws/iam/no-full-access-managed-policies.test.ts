import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-full-access-managed-policies";

const attach = (policyArn: string) => planResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "mlflow", policyArn });

describe(rule.name, () => {
  it("GIVEN a scoped or narrow managed policy THEN it passes", async () => {
    expect(await findings(rule, [attach("arn:aws:iam::123456789012:policy/models-reader-abc")])).toEqual([]);
    expect(await findings(rule, [attach("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")])).toEqual([]);
  });

  it("GIVEN AmazonS3FullAccess THEN it fails", async () => {
    expect(await findings(rule, [attach("arn:aws:iam::aws:policy/AmazonS3FullAccess")])).toEqual([
      expect.stringContaining("gets AmazonS3FullAccess"),
    ]);
  });
});
