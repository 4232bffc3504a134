import { findings, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./default-security-group-closed";

const vpc = planResource("aws:ec2/vpc:Vpc", "net", { cidrBlock: "10.0.0.0/16" });
const sg = (inputs: Record<string, unknown> = {}) =>
  planResource("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "net-default", { vpcId: ref(vpc), ...inputs });
const rule0 = { protocol: "-1", fromPort: 0, toPort: 0, self: true };

describe(rule.name, () => {
  it("GIVEN a VPC whose default security group is adopted with no rules THEN it passes", async () => {
    expect(await findings(rule, [vpc, sg(), sg({ ingress: [], egress: [] })])).toEqual([]);
  });

  it("GIVEN a VPC whose default security group is not adopted THEN it fails", async () => {
    expect(await findings(rule, [vpc])).toEqual([expect.stringContaining("keeps AWS's default rules")]);
  });

  it("GIVEN an ingress rule on the default security group THEN it fails", async () => {
    expect(await findings(rule, [vpc, sg({ ingress: [rule0] })])).toEqual([expect.stringContaining("has 1 ingress rule(s)")]);
  });

  it("GIVEN an egress rule on the default security group THEN it fails", async () => {
    expect(await findings(rule, [vpc, sg({ egress: [{ ...rule0, cidrBlocks: ["0.0.0.0/0"] }] })])).toEqual([
      expect.stringContaining("has 1 egress rule(s)"),
    ]);
  });
});
