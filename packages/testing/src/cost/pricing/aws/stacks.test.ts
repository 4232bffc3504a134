import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../../plan";
import { synthProject } from "../../../project";
import { DEFAULT_USAGE } from "../../assumptions";
import { estimateCost } from "../../estimate";
import type { UsageAssumptions } from "../../types";
import { PRICING } from "../index";
import { AWS_FREE, AWS_PRICERS } from "./pricers";

// The AWS reference stacks, planned as `mlops plan` plans them, against the AWS table.

const ROOT = path.resolve(__dirname, "../../../../../..");
const REGION = { "aws-dev": "us-east-1", "aws-prod": "us-west-2" } as const;
const NO_USAGE: UsageAssumptions = {
  natGb: 0,
  loadBalancerGb: 0,
  requestsMillions: 0,
  logGb: 0,
  storageGb: 0,
  registryGb: 0,
  endpointGb: 0,
  buildMinutes: 0,
  featureRequestsMillions: 0,
  onlineStoreGb: 0,
  trainingHours: 0,
};

const plans: Partial<Record<keyof typeof REGION, Plan>> = {};
beforeAll(async () => {
  for (const stack of Object.keys(REGION) as (keyof typeof REGION)[]) plans[stack] = (await synthProject(ROOT, stack)).plan;
}, 120_000);

function planOf(stack: keyof typeof REGION): Plan {
  const plan = plans[stack];
  if (!plan) throw new Error(`${stack} was not planned`);
  return plan;
}

/**
 * A stack's estimate as `mlops cost` makes it: every priced line (with its resource), and the
 * resources the table cannot price, wholly or in part (type: reason).
 */
function priceStack(stack: keyof typeof REGION, usage = NO_USAGE) {
  const pricing = PRICING.aws;
  if (!pricing) throw new Error("no AWS pricing");
  const report = estimateCost(planOf(stack), { cloud: "aws", region: REGION[stack], usage, pricing });
  const lines = report.resources.flatMap((r) => r.lines.map((l) => ({ ...l, resource: `${r.type}::${r.name}` })));
  const unpriced = new Map(report.unpriced.map((u) => [u.type, u.reason]));
  return { lines, unpriced, report };
}

/** The fixed monthly cost at the lower scaling bounds, in USD. */
function idleTotal(stack: keyof typeof REGION): number {
  return Math.round(priceStack(stack).report.fixed.min * 100) / 100;
}

describe.each(Object.keys(REGION) as (keyof typeof REGION)[])("the %s reference stack", (stack) => {
  it("GIVEN its custom resource types THEN each is priced or listed free, not both", () => {
    const types = [
      ...new Set(
        planOf(stack)
          .resources.filter((r) => r.custom)
          .map((r) => r.type),
      ),
    ];
    expect(types.length).toBeGreaterThan(40);
    expect(types.filter((t) => !(t in AWS_PRICERS) && !(t in AWS_FREE))).toEqual([]);
    expect(types.filter((t) => t in AWS_PRICERS && t in AWS_FREE)).toEqual([]);
  });

  it("GIVEN every priced resource THEN it gives lines or an UnpricedError with a reason, never another error", () => {
    const { lines, unpriced } = priceStack(stack);
    expect(lines.length).toBeGreaterThan(0);
    for (const reason of unpriced.values()) expect(reason.length).toBeGreaterThan(20);
  });

  it("GIVEN the AWS pricing is registered THEN the estimator finds it under aws", () => {
    expect(PRICING.aws?.pricers).toBe(AWS_PRICERS);
  });
});

describe("the aws-dev stack's bill at rest", () => {
  it("GIVEN no traffic and every pool at its lower bound THEN the fixed monthly total is the hand-computed $374.93", () => {
    // NAT 730 h x 0.045 = 32.85; its address 730 x 0.005 = 3.65; ALB 730 x 0.0225 = 16.425 and its
    // 2 addresses 7.30; model API 1 x t3.large 730 x 0.0832 = 60.736 with 50 GB gp3 4.00; EKS 1.35
    // (the default, in standard support until 2027-03-27) 730 x 0.10 = 73.00; 2 system
    // t3.large 121.472 with 2 x 100 GB gp3 16.00; the GPU pool idles at 0; 8 KMS keys that rotate,
    // each with its first two rotations, 8 x 3 = 24.00;
    // 20 alarm metrics 2.00 (the service's 12, and per online feature group 3 for the error rate's
    // metric math and 1 for latency); dashboard 3.00; health check 0.50 + HTTPS and latency 2.00;
    // web ACL 5.00 + 3 rules 3.00. Sum 374.933.
    const { lines } = priceStack("aws-dev");
    expect(lines.find((l) => l.priceKey === "aws:waf:rule-month")?.quantity.min).toBe(3);
    expect(lines.filter((l) => l.priceKey === "aws:cloudwatch:alarm-metric-month").reduce((n, l) => n + l.quantity.min, 0)).toBe(20);
    expect(idleTotal("aws-dev")).toBe(374.93);
  });

  it("GIVEN the dev stack THEN what stays unpriced is the SageMaker services, composite alarms and SNS, whose prices were not read", () => {
    expect([...priceStack("aws-dev").unpriced.keys()].sort()).toEqual([
      "aws:cloudwatch/compositeAlarm:CompositeAlarm",
      "aws:sagemaker/featureGroup:FeatureGroup",
      "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer",
      "aws:sns/topic:Topic",
    ]);
  });

  it("GIVEN the dev pipeline and its weekly retraining schedule THEN both are usage lines: buildMinutes action minutes and 4.345 invocations", () => {
    const { lines } = priceStack("aws-dev", { ...NO_USAGE, buildMinutes: 300 });
    const pipeline = lines.filter((l) => l.priceKey === "aws:codepipeline:v2-action-minute");
    expect(pipeline.map((l) => [l.kind, l.quantity.max])).toEqual([["usage", 300]]);
    const schedule = lines.filter((l) => l.priceKey === "aws:scheduler:million-invocations");
    expect(schedule).toHaveLength(1);
    expect(schedule[0]?.kind).toBe("usage");
    expect(schedule[0]?.quantity.max).toBeCloseTo(730 / 24 / 7 / 1e6, 15);
  });

  it("GIVEN the dev default network THEN no interface endpoint is billed: only the S3 gateway endpoint, which is free", () => {
    expect(priceStack("aws-dev").lines.filter((l) => l.priceKey.startsWith("aws:vpc:interface-endpoint"))).toEqual([]);
  });
});

describe("the aws-prod stack's bill at rest (us-west-2)", () => {
  it("GIVEN the us-west-2 and region-free prices read THEN the instances, EKS, NAT and load balancer hours, addresses, keys, health check and web ACL are counted: $1,194.54 fixed", () => {
    // Model API 2 x g4dn.xlarge 1460 h x 0.526 = 767.96; 3 system t3.large 2190 h x 0.0832 = 182.208;
    // EKS 1.35 730 x 0.10 = 73.00; 3 NAT gateways 2190 h x 0.045 = 98.55; ALB 730 x 0.0225 = 16.425;
    // 6 public IPv4 addresses (3 NAT, 3 load balancer zones) 4380 h x 0.005 = 21.90; web ACL 5.00 and
    // its 3 rules 3.00; 8 rotating KMS keys 24.00; health check 0.50 + 2 features 2.00. Sum 1194.543.
    const fixedLines = priceStack("aws-prod").lines.filter((l) => l.kind === "fixed");
    expect([...new Set(fixedLines.map((l) => l.priceKey))].sort()).toEqual([
      "aws:ec2:g4dn.xlarge",
      "aws:ec2:t3.large",
      "aws:eks:cluster-hour",
      "aws:elb:alb-hour",
      "aws:kms:key-month",
      "aws:route53:health-check-feature-month",
      "aws:route53:health-check-month",
      "aws:vpc:nat-gateway-hour",
      "aws:vpc:public-ipv4-hour",
      "aws:waf:rule-month",
      "aws:waf:web-acl-month",
    ]);
    expect(fixedLines.find((l) => l.priceKey === "aws:waf:rule-month")?.quantity.min).toBe(3);
    expect(idleTotal("aws-prod")).toBe(1194.54);
  });

  it("GIVEN no us-west-2 per-GB, LCU or gp3 row THEN the NAT gateways, load balancer and groups are priced in part, naming what is not counted", () => {
    // At the default assumptions: with no traffic the NAT data and capacity units cost nothing whatever their price.
    const { unpriced, report } = priceStack("aws-prod", DEFAULT_USAGE);
    const missing = (row: string) => `(${row}: no us-west-2 price in the AWS table (no source for it was read))`;
    expect(unpriced.get("aws:ec2/natGateway:NatGateway")).toBe(
      `priced in part; not counted: NAT gateway data processed ${missing("aws:vpc:nat-gateway-gb")}`,
    );
    expect(unpriced.get("aws:lb/loadBalancer:LoadBalancer")).toBe(
      `priced in part; not counted: Load balancer capacity units ${missing("aws:elb:alb-lcu-hour")}`,
    );
    for (const type of ["aws:eks/nodeGroup:NodeGroup", "aws:autoscaling/group:Group"])
      expect(unpriced.get(type)).toBe(`priced in part; not counted: gp3 volume storage ${missing("aws:ebs:gp3-gb-month")}`);
    // Seven resources priced in part (3 NAT gateways, the load balancer, 2 node groups, the model API's group).
    expect(report.unpriced.filter((u) => u.partly).length).toBe(7);
    // Interface endpoints have no us-west-2 row at all: nothing of them is counted.
    expect(unpriced.get("aws:ec2/vpcEndpoint:VpcEndpoint")).toMatch(/^Interface endpoint hours/);
  });
});
