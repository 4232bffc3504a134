import { checkPolicies, findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./required-tags";

const tags = { "managed-by": "mlops-kit", Name: "net" };
const vpc = (inputs: Record<string, unknown> = { tags }) => planResource("aws:ec2/vpc:Vpc", "net", { cidrBlock: "10.0.0.0/16", ...inputs });

describe(rule.name, () => {
  it("GIVEN tagged resources and a type that takes no tags (Route) THEN it passes", async () => {
    const route = planResource("aws:ec2/route:Route", "r", { routeTableId: "rt", destinationCidrBlock: "0.0.0.0/0" });
    expect(await findings(rule, [vpc(), route, planResource("mlops:index:MlopsVpc", "net")])).toEqual([]);
  });

  it("GIVEN the tag from the provider's defaultTags THEN it passes", async () => {
    const report = await checkPolicies(rule, [vpc({ tags: {} })], {
      stackConfig: { "aws:defaultTags": JSON.stringify({ tags: { "managed-by": "platform" } }) },
    });
    expect(report.violations).toEqual([]);
  });

  it("GIVEN a VPC without tags THEN it fails", async () => {
    expect(await findings(rule, [vpc({})])).toEqual(["missing tags: managed-by."]);
  });

  it("GIVEN an Auto Scaling group's list of tags THEN its keys count", async () => {
    const asg = (key: string) =>
      planResource("aws:autoscaling/group:Group", "asg", {
        maxSize: 2,
        minSize: 1,
        tags: [{ key, value: "mlops-kit", propagateAtLaunch: true }],
      });
    expect(await findings(rule, [asg("managed-by")])).toEqual([]);
    expect(await findings(rule, [asg("team")])).toEqual(["missing tags: managed-by."]);
  });

  it("GIVEN required keys from config THEN each missing one is named", async () => {
    const config = { [rule.name]: { requiredKeys: ["managed-by", "cost-center", "owner"] } };
    expect(await findings(rule, [vpc()], { config })).toEqual(["missing tags: cost-center, owner."]);
  });

  it("GIVEN an exempt type THEN it is not checked", async () => {
    const config = { [rule.name]: { exemptTypes: ["aws:ec2/vpc:Vpc"] } };
    expect(await findings(rule, [vpc({})], { config })).toEqual([]);
  });
});
