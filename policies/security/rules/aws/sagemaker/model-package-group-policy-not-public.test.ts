import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./model-package-group-policy-not-public";

const policy = (principal: unknown) =>
  planResource("aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy", "share", {
    modelPackageGroupName: "fraud",
    resourcePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: "Share", Effect: "Allow", Principal: principal, Action: ["sagemaker:DescribeModelPackage"], Resource: "*" }],
    }),
  });

describe(rule.name, () => {
  it("GIVEN named accounts THEN it passes", async () => {
    expect(await findings(rule, [policy({ AWS: ["arn:aws:iam::210987654321:root"] })])).toEqual([]);
  });

  it('GIVEN Principal "*" or { AWS: "*" } THEN it fails', async () => {
    expect(await findings(rule, [policy("*")])).toEqual(['statement "Share" allows any principal ("*").']);
    expect(await findings(rule, [policy({ AWS: ["*"] })])).toEqual([expect.stringContaining("any principal")]);
  });
});
