// The idle-cost row's arithmetic, and the minimal programs it compares against: each plans offline
// with its dev stack's configuration and holds one NAT, one load balancer and one small instance.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadStackConfig } from "../packages/testing/src/config";
import { DEFAULT_USAGE } from "../packages/testing/src/cost/assumptions";
import { estimateCost } from "../packages/testing/src/cost/estimate";
import { FIXTURE_PRICING, FIXTURE_REGION } from "../packages/testing/src/cost/fixture-pricing";
import { PRICING } from "../packages/testing/src/cost/pricing";
import type { CloudPricing } from "../packages/testing/src/cost/types";
import type { PlanResource } from "../packages/testing/src/plan";
import { planOf, planResource } from "../packages/testing/src/policy-fixtures";
import { synth } from "../packages/testing/src/synth";
import { compareIdle } from "./lib/idle-cost";

const ROOT = path.resolve(__dirname, "..");

describe("compareIdle", () => {
  const vpc = planResource("mlops:index:MlopsVpc", "net", {}, { custom: false });
  const svc = planResource("mlops:index:InferenceService", "api", {}, { custom: false });
  const priced = (resources: PlanResource[]) =>
    estimateCost(planOf(resources), { cloud: "aws", region: FIXTURE_REGION, usage: DEFAULT_USAGE, pricing: FIXTURE_PRICING });
  const ours = priced([
    vpc,
    svc,
    planResource("aws:ec2/natGateway:NatGateway", "nat-0", {}, { parent: vpc.urn }),
    planResource("aws:ec2/natGateway:NatGateway", "nat-1", {}, { parent: vpc.urn }),
    planResource("aws:autoscaling/group:Group", "asg", { minSize: 2, maxSize: 4 }, { parent: svc.urn }),
    planResource("aws:sqs/queue:Queue", "q", {}, { parent: svc.urn }),
  ]);
  const minimal = priced([
    planResource("aws:ec2/natGateway:NatGateway", "nat"),
    planResource("aws:autoscaling/group:Group", "asg", { minSize: 1, maxSize: 1 }),
  ]);

  it("GIVEN two NATs and two instances against one of each THEN the ratio of the fixed part at the lower bounds, and the items that differ", () => {
    const c = compareIdle(ours, minimal);
    expect(c.ours.idleUsd).toBeCloseTo(2 * 36.5 + 2 * 14.6, 10);
    expect(c.minimal.idleUsd).toBeCloseTo(36.5 + 14.6, 10);
    expect(c.ratio).toBeCloseTo(2, 10);
    expect(c.ours.fixedMaxUsd).toBeCloseTo(2 * 36.5 + 4 * 14.6, 10);
    expect(c.ours.unpriced).toEqual({ "aws:sqs/queue:Queue": 1 });
    expect(c.items.map((i) => [i.item, Math.round(i.difference * 100) / 100])).toEqual([
      ["NAT gateway hours", 36.5],
      ["small instance hours", 14.6],
    ]);
    expect(c.byComponent.map((x) => [x.component, Math.round(x.idleUsd * 100) / 100])).toEqual([
      ["MlopsVpc net", 73],
      ["InferenceService api", 29.2],
    ]);
  });

  it("GIVEN a minimal program that costs nothing THEN the ratio is not a number rather than infinite", () => {
    expect(compareIdle(ours, priced([])).ratio).toBeNaN();
  });
});

describe.each([
  ["aws", { nat: "aws:ec2/natGateway:NatGateway", lb: "aws:lb/loadBalancer:LoadBalancer", group: "aws:autoscaling/group:Group" }],
  [
    "gcp",
    {
      nat: "gcp:compute/routerNat:RouterNat",
      lb: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
      group: "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
    },
  ],
  [
    "azure",
    {
      nat: "azure-native:network:NatGateway",
      lb: "azure-native:network:ApplicationGateway",
      group: "azure-native:compute:VirtualMachineScaleSet",
    },
  ],
] as const)("the minimal %s program", (cloud, types) => {
  it("GIVEN the dev stack's configuration THEN it plans one NAT, one load balancer and one group of exactly one small instance", async () => {
    const source = loadStackConfig(ROOT, `${cloud}-dev`);
    const { program } = require(`./programs/minimal/${cloud}`) as { program: () => unknown };
    const plan = await synth(program, { project: "minimal", stack: `${cloud}-dev`, config: source.config });
    const ofType = (t: string) => plan.resources.filter((r) => r.type === t);
    expect(ofType(types.nat)).toHaveLength(1);
    expect(ofType(types.lb)).toHaveLength(1);
    const [group] = ofType(types.group);
    expect(ofType(types.group)).toHaveLength(1);
    const size = {
      aws: group?.inputs.maxSize,
      gcp: group?.inputs.targetSize,
      azure: (group?.inputs.sku as { capacity?: number })?.capacity,
    }[cloud];
    expect(size).toBe(1);
    // The baseline is priced whole by the shipped table: an unpriced part would flatter the ratio.
    const priced = estimateCost(plan, {
      cloud,
      region: String(source.config[{ aws: "aws:region", gcp: "gcp:region", azure: "azure-native:location" }[cloud]]),
      usage: DEFAULT_USAGE,
      pricing: PRICING[cloud] as CloudPricing,
    });
    expect(priced.unpriced.map((u) => `${u.type}: ${u.reason}`)).toEqual([]);
  });
});
