import { findings, planResource, ref } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./vpc-flow-logs";

const vpc = planResource("aws:ec2/vpc:Vpc", "net", { cidrBlock: "10.0.0.0/16" });
const flowLog = (inputs: Record<string, unknown> = {}) =>
  planResource("aws:ec2/flowLog:FlowLog", "net-flow-logs", {
    vpcId: ref(vpc),
    trafficType: "ALL",
    logDestinationType: "cloud-watch-logs",
    ...inputs,
  });

describe(rule.name, () => {
  it("GIVEN a VPC with a flow log of all traffic THEN it passes", async () => {
    expect(await findings(rule, [vpc, flowLog()])).toEqual([]);
  });

  it("GIVEN a VPC without a flow log THEN it fails, naming the VPC", async () => {
    const report = await findings(rule, [vpc]);
    expect(report).toEqual([expect.stringContaining('aws:ec2/vpc:Vpc "net" has no flow log')]);
  });

  it("GIVEN a flow log of another VPC only THEN it fails", async () => {
    const other = planResource("aws:ec2/vpc:Vpc", "other");
    expect(await findings(rule, [vpc, other, flowLog({ vpcId: ref(other) })])).toEqual([expect.stringContaining('"net" has no flow log')]);
  });

  it("GIVEN a flow log of rejected traffic only THEN it fails", async () => {
    expect(await findings(rule, [vpc, flowLog({ trafficType: "REJECT" })])).toEqual([expect.stringContaining("logs only REJECT traffic")]);
  });
});
