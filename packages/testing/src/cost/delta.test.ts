import { describe, expect, it } from "vitest";
import { diffPlans } from "../diff/engine";
import { DIFF_MARKDOWN_LIMIT, renderDiffMarkdown, renderDiffText } from "../diff/render";
import type { PlanResource } from "../plan";
import { planOf, planResource } from "../policy-fixtures";
import { DEFAULT_USAGE } from "./assumptions";
import { costDelta } from "./delta";
import { estimateCost } from "./estimate";
import { FIXTURE_PRICING, FIXTURE_REGION } from "./fixture-pricing";
import type { CloudPricing } from "./types";

const vpc = planResource("mlops:index:MlopsVpc", "net", {}, { custom: false });
const service = planResource("mlops:index:InferenceService", "api", {}, { custom: false });
const nat = (i: number) => planResource("aws:ec2/natGateway:NatGateway", `net-nat-${i}`, {}, { parent: vpc.urn });
const asg = (max: number) => planResource("aws:autoscaling/group:Group", "api-asg", { minSize: 1, maxSize: max }, { parent: service.urn });
const queue = planResource("aws:sqs/queue:Queue", "jobs", {}, { parent: service.urn });

const priced = (resources: PlanResource[]) =>
  estimateCost(planOf(resources, { cloud: "aws" }), {
    cloud: "aws",
    region: FIXTURE_REGION,
    usage: DEFAULT_USAGE,
    pricing: FIXTURE_PRICING,
  });

describe("costDelta", () => {
  const base = [vpc, service, nat(0), asg(2)];
  const head = [vpc, service, nat(0), nat(1), asg(4), queue];
  const d = costDelta(priced(base), priced(head));

  it("GIVEN a second NAT, a group scaling higher and an unpriced queue THEN the change per bound, per component, and the new unpriced", () => {
    expect(d.change.fixed.min).toBeCloseTo(36.5, 10);
    expect(d.change.fixed.max).toBeCloseTo(36.5 + 2 * 730 * 0.02, 10);
    expect(d.change.usage.max).toBeCloseTo(4.5, 10);
    expect(d.head.fixed.min).toBeCloseTo(2 * 36.5 + 14.6, 10);
    expect(d.components.map((c) => c.component)).toEqual(["MlopsVpc net", "InferenceService api"]);
    expect(d.components[1]?.change.fixed.min).toBeCloseTo(0, 10);
    expect(d.newUnpriced.map((u) => [u.name, u.reason])).toEqual([["jobs", "no pricer for aws:sqs/queue:Queue"]]);
    expect(d.unpricedInHead).toBe(1);
  });

  it("GIVEN an unpriced resource moved under a new parent by an alias THEN it is not newly unpriced", () => {
    const urn = "urn:pulumi:test::test::mlops:index:MlopsVpc$aws:sqs/queue:Queue::jobs";
    const moved = planResource("aws:sqs/queue:Queue", "jobs", {}, { parent: vpc.urn, urn });
    const before = costDelta(priced([...head]), priced([vpc, service, nat(0), nat(1), asg(4), moved]));
    expect(before.newUnpriced.map((u) => u.name)).toEqual(["jobs"]);
    const after = costDelta(priced([...head]), priced([vpc, service, nat(0), nat(1), asg(4), moved]), new Map([[moved.urn, queue.urn]]));
    expect(after.newUnpriced).toEqual([]);
    expect(after.unpricedInHead).toBe(1);
  });

  it("GIVEN a group whose lower bound moves from 1 to 2 instances THEN both bounds of its fixed cost change by what the lower one adds", () => {
    const group = (min: number) =>
      planResource("aws:autoscaling/group:Group", "api-asg", { minSize: min, maxSize: 4 }, { parent: service.urn });
    const grown = costDelta(priced([vpc, service, group(1)]), priced([vpc, service, group(2)]));
    // One more small instance around the clock at rest (730 x 0.02); the upper bound (4) is unchanged.
    expect(grown.change.fixed.min).toBeCloseTo(14.6, 10);
    expect(grown.change.fixed.max).toBeCloseTo(0, 10);
    expect(grown.change.usage).toEqual({ min: 0, max: 0 });
    expect(grown.head.fixed).toEqual({ min: 2 * 730 * 0.02, max: 4 * 730 * 0.02 });
    expect(grown.components.map((c) => [c.component, c.change.fixed.min])).toEqual([["InferenceService api", 14.6]]);
    const shrunk = costDelta(priced([vpc, service, group(2)]), priced([vpc, service, group(1)]));
    expect(shrunk.change.fixed.min).toBeCloseTo(-14.6, 10);
  });

  it("GIVEN the same plan twice THEN no component changed and the change is zero", () => {
    const same = costDelta(priced(head), priced(head));
    expect(same.components).toEqual([]);
    expect(same.newUnpriced).toEqual([]);
    expect(same.change).toEqual({ fixed: { min: 0, max: 0 }, usage: { min: 0, max: 0 } });
  });

  it("GIVEN the diff with the cost THEN the markdown shows the table after the headline and before the components", () => {
    const diff = { ...diffPlans(planOf(base), planOf(head)), cost: d };
    const md = renderDiffMarkdown(diff);
    expect(md).toContain("#### Monthly cost (aws, us-test-1, USD list prices, an estimate)\n\n| | Fixed | Δ fixed | Usage | Δ usage |\n");
    expect(md).toContain("| **stack** | $87.60–$131.40 | +$36.50–+$65.70 | $9.00 | +$4.50 |\n");
    expect(md).toContain("| MlopsVpc net | $73.00 | +$36.50 | $9.00 | +$4.50 |\n");
    expect(md).toContain("Not priced, new: `jobs` (no pricer for aws:sqs/queue:Queue).");
    expect(md.indexOf("#### Monthly cost")).toBeLessThan(md.indexOf("#### Components"));
    const text = renderDiffText(diff);
    expect(text).toContain(
      "Monthly cost (aws, us-test-1, USD list prices, an estimate): fixed $87.60–$131.40 (+$36.50–+$65.70), usage $9.00 (+$4.50)\n",
    );
    expect(text).toContain("  InferenceService api: fixed $0.00–+$29.20, usage $0.00\n");
  });

  it("GIVEN no cost but a note THEN both renderings carry the one line", () => {
    const diff = { ...diffPlans(planOf(base), planOf(head)), costNote: "not estimated, no price table for azure yet" };
    expect(renderDiffMarkdown(diff)).toContain("_Monthly cost: not estimated, no price table for azure yet._\n");
    expect(renderDiffText(diff)).toContain("Monthly cost: not estimated, no price table for azure yet\n");
  });

  it("GIVEN 500 components changing and 500 new unpriced resources THEN the comment stays within the limit and lists 8 of each", () => {
    const many = Array.from({ length: 500 }, (_, i) => {
      const c = planResource("mlops:index:MlopsVpc", `vpc-${i}`, {}, { custom: false });
      return [
        c,
        planResource("aws:ec2/natGateway:NatGateway", `nat-${i}`, {}, { parent: c.urn }),
        planResource("aws:sqs/queue:Queue", `q-${i}`, {}, { parent: c.urn }),
      ];
    }).flat();
    const big = costDelta(priced([]), priced(many));
    expect(big.components).toHaveLength(500);
    const md = renderDiffMarkdown({ ...diffPlans(planOf([]), planOf(many)), cost: big });
    expect(md.length).toBeLessThanOrEqual(DIFF_MARKDOWN_LIMIT);
    expect(md).toContain("| _492 more components_ | | | | |");
    expect(md).toContain(", and 492 more.");
  });
});

describe("costDelta: resources priced in part", () => {
  // An instance billed for its hours and its disk, each by a key its inputs name: a size or a disk
  // the table lacks leaves that item out, so one input change moves it between priced, in part and not.
  const pricing: CloudPricing = {
    ...FIXTURE_PRICING,
    prices: [
      ...FIXTURE_PRICING.prices,
      { ...FIXTURE_PRICING.prices[0], key: "fx:disk:ssd", unit: "GB-month", usd: 0.1 },
    ] as CloudPricing["prices"],
    pricers: {
      ...FIXTURE_PRICING.pricers,
      "aws:ec2/instance:Instance": (r) => [
        {
          item: `${String(r.inputs.size)} hours`,
          kind: "fixed",
          priceKey: `fx:vm:${String(r.inputs.size)}`,
          quantity: { min: 730, max: 730 },
        },
        {
          item: `${String(r.inputs.disk)} disk`,
          kind: "fixed",
          priceKey: `fx:disk:${String(r.inputs.disk)}`,
          quantity: { min: 10, max: 10 },
        },
      ],
    },
  };
  const vm = (size: string, disk: string, urn?: string) =>
    planResource("aws:ec2/instance:Instance", "vm", { size, disk }, { parent: service.urn, ...(urn ? { urn } : {}) });
  const estimate = (r: PlanResource) =>
    estimateCost(planOf([service, r], { cloud: "aws" }), { cloud: "aws", region: FIXTURE_REGION, usage: DEFAULT_USAGE, pricing });
  const delta = (base: PlanResource, head: PlanResource, moved = new Map<string, string>()) =>
    costDelta(estimate(base), estimate(head), moved);

  it("GIVEN a resource going from unpriced to priced in part THEN its priced part is the change and it is not newly unpriced", () => {
    const d = delta(vm("huge", "hdd"), vm("small", "hdd"));
    expect(d.change.fixed.max).toBeCloseTo(730 * 0.02, 10);
    expect(d.newUnpriced).toEqual([]);
    expect([d.unpricedInHead, d.partlyInHead]).toEqual([1, 1]);
  });

  it("GIVEN a resource going from priced in part to unpriced THEN the drop is explained: it is newly unpriced", () => {
    const d = delta(vm("small", "hdd"), vm("huge", "hdd"));
    expect(d.change.fixed.max).toBeCloseTo(-730 * 0.02, 10);
    expect(d.newUnpriced.map((u) => [u.name, u.partly ?? false])).toEqual([["vm", false]]);
    expect([d.unpricedInHead, d.partlyInHead]).toEqual([1, 0]);
  });

  it("GIVEN a resource priced in full, then in part THEN it is newly unpriced, once, with the item left out", () => {
    const d = delta(vm("small", "ssd"), vm("small", "hdd"));
    expect(d.newUnpriced).toHaveLength(1);
    expect(d.newUnpriced[0]).toMatchObject({ name: "vm", partly: true });
    expect(d.newUnpriced[0]?.reason).toContain("hdd disk (fx:disk:hdd:");
  });

  it("GIVEN a resource priced in part in both THEN it is new only when it leaves out an item the base counted", () => {
    expect(delta(vm("small", "hdd"), vm("small", "hdd")).newUnpriced).toEqual([]);
    // The disk is now priced, the size is not: the hours the base counted are left out.
    expect(delta(vm("small", "hdd"), vm("huge", "ssd")).newUnpriced.map((u) => u.reason)).toEqual([
      "priced in part; not counted: huge hours (fx:vm:huge: no us-test-1 price in the AWS table (no source for it was read))",
    ]);
  });

  it("GIVEN a resource priced in part moved by an alias THEN it is not newly unpriced, and without the alias it is listed once", () => {
    const urn = "urn:pulumi:test::test::mlops:index:MlopsVpc$aws:ec2/instance:Instance::vm";
    const base = vm("small", "hdd");
    const moved = vm("small", "hdd", urn);
    const aliased = delta(base, moved, new Map([[urn, base.urn]]));
    expect(aliased.newUnpriced).toEqual([]);
    expect(aliased.change.fixed).toEqual({ min: 0, max: 0 });
    const unaliased = delta(base, moved);
    expect(unaliased.newUnpriced.map((u) => u.urn)).toEqual([urn]);
  });
});
