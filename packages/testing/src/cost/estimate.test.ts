import { describe, expect, it } from "vitest";
import type { PlanResource } from "../plan";
import { planOf, planResource } from "../policy-fixtures";
import { DEFAULT_USAGE, parseAssumptions } from "./assumptions";
import { estimateCost } from "./estimate";
import { FIXTURE_PRICING, FIXTURE_REGION } from "./fixture-pricing";
import { renderCostMarkdown, renderCostText } from "./render";
import { STACK_GROUP } from "./report";

const vpc = planResource("mlops:index:MlopsVpc", "net");
const service = planResource("mlops:index:InferenceService", "api");
const under = (parent: PlanResource, type: string, name: string, inputs: Record<string, unknown> = {}) =>
  planResource(type, name, inputs, { parent: parent.urn });

const estimate = (resources: PlanResource[], usage = DEFAULT_USAGE, region = FIXTURE_REGION) =>
  estimateCost(planOf(resources, { cloud: "aws" }), { cloud: "aws", region, usage, pricing: FIXTURE_PRICING });

const resourceNamed = (report: ReturnType<typeof estimate>, name: string) => {
  const r = report.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no priced resource ${name}`);
  return r;
};

describe("estimateCost: fixed and usage", () => {
  it("GIVEN a NAT gateway THEN its hours are fixed and its data processed is usage, at the stated assumption", () => {
    const report = estimate([vpc, under(vpc, "aws:ec2/natGateway:NatGateway", "net-nat-0")]);
    const nat = resourceNamed(report, "net-nat-0");
    expect(nat.fixed.max).toBeCloseTo(730 * 0.05, 10);
    expect(nat.usage.max).toBeCloseTo(100 * 0.045, 10);
    expect(nat.total.max).toBeCloseTo(36.5 + 4.5, 10);
    expect(nat.lines.map((l) => [l.item, l.kind, l.unit, l.unitUsd])).toEqual([
      ["NAT gateway hours", "fixed", "hour", 0.05],
      ["NAT data processed", "usage", "GB", 0.045],
    ]);
    expect(report.assumptionsUsed).toEqual(["100 GB through each NAT gateway"]);
    expect(report.pricesRead).toEqual(["2026-01-15"]);
    expect(report.fixed).toEqual(nat.fixed);
    expect(report.usage).toEqual(nat.usage);
  });

  it("GIVEN natGb=250 THEN the usage line is 250 GB and the fixed part does not move", () => {
    const report = estimate([under(vpc, "aws:ec2/natGateway:NatGateway", "nat")], parseAssumptions(["natGb=250"]));
    expect(report.usage.max).toBeCloseTo(250 * 0.045, 10);
    expect(report.fixed.max).toBeCloseTo(36.5, 10);
    expect(report.assumptionsUsed).toEqual(["250 GB through each NAT gateway"]);
  });

  it("GIVEN a group scaling from 1 to 3 THEN min and max follow the bounds", () => {
    const report = estimate([service, under(service, "aws:autoscaling/group:Group", "api-asg", { minSize: 1, maxSize: 3 })]);
    const asg = resourceNamed(report, "api-asg");
    expect(asg.fixed.min).toBeCloseTo(730 * 0.02, 10);
    expect(asg.fixed.max).toBeCloseTo(3 * 730 * 0.02, 10);
    expect(asg.lines[0]?.quantity).toEqual({ min: 730, max: 2190 });
  });

  it("GIVEN a key with a row for the region and a global one THEN the region's own row is used, else the global", () => {
    const eu = estimate([under(vpc, "aws:ec2/natGateway:NatGateway", "nat")], DEFAULT_USAGE, "eu-test-1");
    expect(resourceNamed(eu, "nat").fixed.max).toBeCloseTo(730 * 0.06, 10);
    const logs = estimate([planResource("aws:cloudwatch/logGroup:LogGroup", "logs")]);
    expect(resourceNamed(logs, "logs").usage.max).toBeCloseTo(10 * 0.5, 10);
  });
});

describe("estimateCost: what it does not price", () => {
  it("GIVEN a type without a pricer and a size the table lacks THEN both are listed with the reason, and not counted", () => {
    const report = estimate([
      under(service, "aws:ec2/instance:Instance", "big", { instanceType: "m5.24xlarge" }),
      under(service, "aws:sqs/queue:Queue", "jobs"),
      under(service, "aws:ec2/instance:Instance", "small", { instanceType: "t3.small" }),
    ]);
    expect(report.unpriced.map((u) => [u.name, u.reason])).toEqual([
      ["big", "instance type m5.24xlarge is not in the table"],
      ["jobs", "no pricer for aws:sqs/queue:Queue"],
    ]);
    expect(report.resources.map((r) => r.name)).toEqual(["small"]);
    expect(report.total.max).toBeCloseTo(730 * 0.02, 10);
    expect(report.components).toMatchObject([{ component: STACK_GROUP, priced: 1, unpriced: 2 }]);
  });

  it("GIVEN a resource none of whose keys has a row for the region THEN it is unpriced, none of it counted", () => {
    const report = estimate([planResource("aws:lb/loadBalancer:LoadBalancer", "alb")]);
    expect(report.unpriced).toMatchObject([
      { name: "alb", reason: "Load balancer hours (fx:lb:hour: no us-test-1 price in the AWS table (no source for it was read))" },
    ]);
    expect(report.unpriced[0]?.partly).toBeUndefined();
    expect(report.resources).toEqual([]);
    expect(report.total).toEqual({ min: 0, max: 0 });
  });

  it("GIVEN a resource some of whose keys have no row THEN what is priced is counted and the rest listed, with the table's reason", () => {
    const pricing = { ...FIXTURE_PRICING, missing: [{ key: "fx:nat:gb", region: "eu-test-1", reason: "its eu-test-1 rate was not read" }] };
    const report = estimateCost(planOf([vpc, under(vpc, "aws:ec2/natGateway:NatGateway", "nat")], { cloud: "aws" }), {
      cloud: "aws",
      region: "eu-test-1",
      usage: DEFAULT_USAGE,
      pricing,
    });
    // The hours are counted at eu-test-1's row; the data processed is listed, not counted as zero.
    expect(resourceNamed(report, "nat")).toMatchObject({ fixed: { min: 730 * 0.06, max: 730 * 0.06 }, usage: { min: 0, max: 0 } });
    expect(resourceNamed(report, "nat").notPriced).toEqual(["NAT data processed (its eu-test-1 rate was not read)"]);
    expect(report.unpriced).toMatchObject([
      { name: "nat", partly: true, reason: "priced in part; not counted: NAT data processed (its eu-test-1 rate was not read)" },
    ]);
    expect(report.components).toMatchObject([{ component: "MlopsVpc net", priced: 0, unpriced: 1, partly: 1 }]);
    expect(report.fixed.min).toBeCloseTo(730 * 0.06, 10);
    const text = renderCostText(report);
    // Its hours are in the totals: the resource is not said to be left out, nor NOT PRICED as a whole.
    expect(text).toMatch(/\n {2}MlopsVpc net {2,}\$43\.80 {3,}\$0\.00 {3,}\$43\.80 {2}\(1 priced in part\)\n/);
    expect(text).toContain("  (1 priced in part, the rest not counted)\n");
    expect(text).toContain("      NOT PRICED, not counted: NAT data processed (its eu-test-1 rate was not read)\n");
    expect(text).toContain("Not counted in the totals (1 resource, 1 of them priced in part):\n");
    const md = renderCostMarkdown(report);
    expect(md).toContain("<br>NOT PRICED, not counted: NAT data processed (its eu-test-1 rate was not read) |");
    expect(md).toContain("| MlopsVpc net | $43.80 | $0.00 | $43.80 | 1 (1 in part) |");
    expect(md).toContain("#### Not counted in the totals (1 resource, 1 of them priced in part)\n");
  });

  it("GIVEN a component with a resource priced in full, one in part and one not at all THEN its counts add up to its resources", () => {
    const pricing = { ...FIXTURE_PRICING, missing: [{ key: "fx:nat:gb", region: "eu-test-1", reason: "its eu-test-1 rate was not read" }] };
    const resources = [
      vpc,
      under(vpc, "aws:ec2/natGateway:NatGateway", "nat"),
      under(vpc, "aws:lb/loadBalancer:LoadBalancer", "alb"),
      under(vpc, "aws:sqs/queue:Queue", "jobs"),
      under(vpc, "aws:iam/role:Role", "role"),
    ];
    const report = estimateCost(planOf(resources, { cloud: "aws" }), { cloud: "aws", region: "eu-test-1", usage: DEFAULT_USAGE, pricing });
    expect(report.components).toMatchObject([{ component: "MlopsVpc net", priced: 1, free: 1, unpriced: 2, partly: 1 }]);
    expect(report.unpriced.map((u) => [u.name, u.partly ?? false])).toEqual([
      ["nat", true],
      ["jobs", false],
    ]);
    const text = renderCostText(report);
    expect(text).toMatch(/\n {2}MlopsVpc net .*\(1 free, 1 NOT PRICED, 1 priced in part\)\n/);
    expect(text).toContain("  (1 resource NOT PRICED, not counted; 1 priced in part, the rest not counted)\n");
    expect(text).toContain("Not counted in the totals (2 resources, 1 of them priced in part):\n");
  });

  it("GIVEN an item without a row whose quantity is zero THEN it is no gap: it costs nothing whatever its price", () => {
    const pricing = { ...FIXTURE_PRICING, missing: [{ key: "fx:nat:gb", region: "eu-test-1", reason: "its eu-test-1 rate was not read" }] };
    const nat = under(vpc, "aws:ec2/natGateway:NatGateway", "nat");
    const at = (natGb: number) =>
      estimateCost(planOf([vpc, nat], { cloud: "aws" }), {
        cloud: "aws",
        region: "eu-test-1",
        usage: { ...DEFAULT_USAGE, natGb },
        pricing,
      });
    expect(at(0).unpriced).toEqual([]);
    expect(at(0).resources.map((r) => [r.name, r.notPriced])).toEqual([["nat", undefined]]);
    expect(at(1).unpriced.map((u) => u.name)).toEqual(["nat"]);
  });

  it("GIVEN Kubernetes objects and providers THEN they are free on any cloud, even where a pricer exists", () => {
    const report = estimate([
      planResource("kubernetes:core/v1:Service", "svc"),
      planResource("kubernetes:apps/v1:Deployment", "deploy"),
      planResource("pulumi:providers:kubernetes", "k8s"),
      planResource("aws:iam/role:Role", "role"),
      planResource("aws:s3/bucketPolicy:BucketPolicy", "policy"),
    ]);
    expect(report.unpriced).toEqual([]);
    expect(report.free.count).toBe(5);
    expect(report.free.byReason).toEqual({
      "Kubernetes objects run on nodes that are priced already": 2,
      "a provider configuration is not a cloud resource": 1,
      "IAM roles are not billed": 1,
      "aws:s3/bucketPolicy:BucketPolicy: nothing billed in this configuration": 1,
    });
  });

  it("GIVEN a pricer that fails with an ordinary error THEN the estimate fails naming the resource", () => {
    const broken = {
      ...FIXTURE_PRICING,
      pricers: {
        "aws:sqs/queue:Queue": () => [{ item: "x", kind: "fixed" as const, priceKey: "fx:vm:small", quantity: { min: 2, max: 1 } }],
      },
    };
    const plan = planOf([planResource("aws:sqs/queue:Queue", "q")]);
    expect(() => estimateCost(plan, { cloud: "aws", region: FIXTURE_REGION, usage: DEFAULT_USAGE, pricing: broken })).toThrow(
      'pricing aws:sqs/queue:Queue q: "x" has quantity 2..1; expected 0 <= min <= max',
    );
  });

  it("GIVEN a wrong quantity on a line the table has no row for THEN the estimate fails too, rather than listing the item", () => {
    const broken = {
      ...FIXTURE_PRICING,
      pricers: {
        "aws:sqs/queue:Queue": () => [
          { item: "hours", kind: "fixed" as const, priceKey: "fx:vm:small", quantity: { min: 1, max: 1 } },
          { item: "storage", kind: "usage" as const, priceKey: "fx:disk:none", quantity: { min: Number.NaN, max: 1 } },
        ],
      },
    };
    const plan = planOf([planResource("aws:sqs/queue:Queue", "q")]);
    expect(() => estimateCost(plan, { cloud: "aws", region: FIXTURE_REGION, usage: DEFAULT_USAGE, pricing: broken })).toThrow(
      'pricing aws:sqs/queue:Queue q: "storage" has quantity NaN..1; expected 0 <= min <= max',
    );
  });
});

describe("estimateCost: grouping", () => {
  it("GIVEN resources nested under components THEN each counts towards its nearest mlops-kit component, others to (stack)", () => {
    const app = planResource("acme:app:Thing", "app", {}, { custom: false });
    const nestedVpc = planResource("mlops:index:MlopsVpc", "inner", {}, { parent: app.urn });
    const holder = under(nestedVpc, "aws:iam/role:Role", "inner-role");
    const report = estimate([
      vpc,
      app,
      nestedVpc,
      holder,
      under(vpc, "aws:ec2/natGateway:NatGateway", "net-nat"),
      under(holder, "aws:ec2/natGateway:NatGateway", "inner-nat"),
      under(app, "aws:ec2/instance:Instance", "app-vm", { instanceType: "t3.small" }),
    ]);
    const byName = Object.fromEntries(report.resources.map((r) => [r.name, r.component]));
    expect(byName).toEqual({ "net-nat": "MlopsVpc net", "inner-nat": "MlopsVpc inner", "app-vm": STACK_GROUP });
    // Components themselves are groupings: neither priced, free nor unpriced.
    expect(report.components.map((c) => [c.component, c.priced + c.free + c.unpriced])).toEqual([
      ["MlopsVpc inner", 2],
      ["MlopsVpc net", 1],
      [STACK_GROUP, 1],
    ]);
    expect(report.unpriced.map((u) => u.name)).toEqual([]);
    expect(report.components.find((c) => c.component === "MlopsVpc net")?.urn).toBe(vpc.urn);
  });

  it("GIVEN a resource read with .get() THEN it is free, billed to the stack that manages it", () => {
    const report = estimate([planResource("aws:ec2/natGateway:NatGateway", "shared", {}, { readId: "nat-123" })]);
    expect(report.resources).toEqual([]);
    expect(report.free.count).toBe(1);
  });
});

describe("rendering", () => {
  const report = estimate([
    vpc,
    under(vpc, "aws:ec2/natGateway:NatGateway", "net-nat-0"),
    under(service, "aws:autoscaling/group:Group", "api-asg", { minSize: 1, maxSize: 3 }),
    planResource("aws:sqs/queue:Queue", "jobs"),
    under(vpc, "aws:iam/role:Role", "flow-logs-role"),
    under(service, "aws:iam/role:Role", "api-role"),
    planResource("kubernetes:core/v1:Namespace", "team-a"),
  ]);

  it("GIVEN an estimate THEN the text shows components, ranges, the unpriced and the assumptions", () => {
    const text = renderCostText(report);
    expect(text).toContain("Stack test/test (aws, us-test-1): monthly estimate in US dollars, offline\n");
    expect(text).toMatch(/\n {2}MlopsVpc net {2,}\$36\.50 {3,}\$4\.50 {3,}\$41\.00 {2}\(1 free\)\n/);
    expect(text).toMatch(/\n {2}Total {3,}\$51\.10–\$80\.30 {3,}\$4\.50 {3,}\$55\.60–\$84\.80 {2}\(1 resource NOT PRICED, not counted\)\n/);
    expect(text).toContain("      NAT data processed: 100 GB × $0.045 = $4.50 usage (100 GB through each NAT gateway)\n");
    expect(text).toContain(
      "Not counted in the totals (1 resource):\n  aws:sqs/queue:Queue  jobs  [(stack)]: no pricer for aws:sqs/queue:Queue\n",
    );
    expect(text).toContain("  natGb=100                   GB processed by each NAT gateway a month\n");
    expect(text).toContain("prices read 2026-01-15");
    // One reason per line, the most common first.
    expect(text).toContain(
      "Free: 3 resources, by reason:\n     2  IAM roles are not billed\n     1  Kubernetes objects run on nodes that are priced already\n",
    );
  });

  it("GIVEN an estimate THEN the markdown has the component table and the unpriced list", () => {
    const md = renderCostMarkdown(report);
    expect(md).toContain("**Monthly: fixed $51.10–$80.30, usage $4.50, total $55.60–$84.80**");
    expect(md).toContain("| MlopsVpc net | $36.50 | $4.50 | $41.00 | 0 |");
    expect(md).toContain("- `aws:sqs/queue:Queue` `jobs`: no pricer for aws:sqs/queue:Queue");
    expect(md).toContain(
      "<details><summary>Free: 3 resources</summary>\n\n- 2: IAM roles are not billed\n- 1: Kubernetes objects run on nodes that are priced already\n\n</details>\n",
    );
  });
});
