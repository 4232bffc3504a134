import { checkPolicies, findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./allowed-regions";

const config = { [rule.name]: { allowedRegions: ["eu-west-1", "eu-central-1"] } };
const vpc = (inputs: Record<string, unknown> = {}) => planResource("aws:ec2/vpc:Vpc", "net", { cidrBlock: "10.0.0.0/16", ...inputs });

describe(rule.name, () => {
  it("GIVEN no allowedRegions (the default) THEN any region passes", async () => {
    expect(await findings(rule, [vpc({ region: "ap-south-1" })], { stackConfig: { "aws:region": "us-east-1" } })).toEqual([]);
  });

  it("GIVEN the provider's region allowed, and a global IAM role THEN it passes", async () => {
    const role = planResource("aws:iam/role:Role", "r", { assumeRolePolicy: "{}" });
    expect(await findings(rule, [vpc(), role], { config, stackConfig: { "aws:region": "eu-west-1" } })).toEqual([]);
  });

  it("GIVEN the provider's region (aws:region) outside the list THEN it fails, naming where the region came from", async () => {
    const report = await checkPolicies(rule, [vpc()], { config, stackConfig: { "aws:region": "us-east-1" } });
    expect(report.violations.map((v) => [v.enforcementLevel, v.detail])).toEqual([
      ["mandatory", "region us-east-1 (from the provider's region) is not one of eu-west-1, eu-central-1."],
    ]);
  });

  it("GIVEN a resource's own region outside the list THEN it fails", async () => {
    expect(await findings(rule, [vpc({ region: "us-west-2" })], { config, stackConfig: { "aws:region": "eu-west-1" } })).toEqual([
      expect.stringContaining("region us-west-2 (from region)"),
    ]);
  });
});
