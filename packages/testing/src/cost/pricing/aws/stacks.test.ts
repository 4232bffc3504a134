import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../../plan";
import { synthProject } from "../../../project";
import { type CostLine, type PricingContext, UnpricedError, type UsageAssumptions } from "../../types";
import { PRICING } from "../index";
import { AWS_FREE, AWS_PRICERS } from "./pricers";
import { findAwsPrice } from "./prices";

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

/** Every line of a stack, and the resources the table cannot price (type: reason). */
function priceStack(stack: keyof typeof REGION, usage = NO_USAGE) {
  const plan = planOf(stack);
  const ctx: PricingContext = { cloud: "aws", region: REGION[stack], plan, usage, byUrn: (u) => plan.resources.find((r) => r.urn === u) };
  const lines: (CostLine & { resource: string })[] = [];
  const unpriced = new Map<string, string>();
  for (const r of plan.resources.filter((x) => x.custom)) {
    const pricer = AWS_PRICERS[r.type];
    if (!pricer) continue;
    try {
      for (const line of pricer(r, ctx)) lines.push({ ...line, resource: `${r.type}::${r.name}` });
    } catch (e) {
      if (!(e instanceof UnpricedError)) throw e;
      unpriced.set(r.type, e.reason);
    }
  }
  return { lines, unpriced };
}

/** The fixed monthly cost at the lower scaling bounds, in USD. */
function idleTotal(stack: keyof typeof REGION): number {
  const sum = priceStack(stack)
    .lines.filter((l) => l.kind === "fixed")
    .reduce((s, l) => s + l.quantity.min * (findAwsPrice(l.priceKey, REGION[stack])?.usd ?? Number.NaN), 0);
  return Math.round(sum * 100) / 100;
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
  it("GIVEN the us-west-2 and region-free prices read THEN the EKS control plane, the keys, the health check, the NAT addresses and the web ACL are priced: $118.45 fixed", () => {
    // EKS 1.35 73.00 (one price everywhere) + 8 rotating KMS keys 24.00 + health check 0.50 +
    // 2 features 2.00 + 3 NAT Elastic IPs 3 x 730 x 0.005 = 10.95 (one IPv4 price in every region)
    // + web ACL 5.00 and its 3 rules 3.00 (WAF is priced the same in every region) = 118.45.
    const fixedLines = priceStack("aws-prod").lines.filter((l) => l.kind === "fixed");
    expect([...new Set(fixedLines.map((l) => l.priceKey))].sort()).toEqual([
      "aws:eks:cluster-hour",
      "aws:kms:key-month",
      "aws:route53:health-check-feature-month",
      "aws:route53:health-check-month",
      "aws:vpc:public-ipv4-hour",
      "aws:waf:rule-month",
      "aws:waf:web-acl-month",
    ]);
    expect(fixedLines.find((l) => l.priceKey === "aws:waf:rule-month")?.quantity.min).toBe(3);
    expect(idleTotal("aws-prod")).toBe(118.45);
  });

  it("GIVEN the NAT gateway and load balancer hourly rows but no us-west-2 per-GB or LCU row THEN both stay unpriced, naming the missing row", () => {
    const { unpriced } = priceStack("aws-prod");
    expect(unpriced.get("aws:ec2/natGateway:NatGateway")).toBe(
      "aws:vpc:nat-gateway-gb: no us-west-2 price in the AWS table (no source for it was read)",
    );
    expect(unpriced.get("aws:lb/loadBalancer:LoadBalancer")).toBe(
      "aws:elb:alb-lcu-hour: no us-west-2 price in the AWS table (no source for it was read)",
    );
  });

  it("GIVEN the instance groups THEN they are unpriced (not partly priced) while their gp3 volumes have no us-west-2 row", () => {
    const { unpriced } = priceStack("aws-prod");
    expect(unpriced.get("aws:eks/nodeGroup:NodeGroup")).toBe(
      "aws:ebs:gp3-gb-month: no us-west-2 price in the AWS table (no source for it was read)",
    );
    expect(unpriced.get("aws:autoscaling/group:Group")).toBe(
      "aws:ebs:gp3-gb-month: no us-west-2 price in the AWS table (no source for it was read)",
    );
  });
});
