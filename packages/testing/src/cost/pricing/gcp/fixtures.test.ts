import { describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "../../../plan";
import { planOf, planResource, ref } from "../../../policy-fixtures";
import { type CostLine, HOURS_PER_MONTH, type PricingContext, UnpricedError, type UsageAssumptions } from "../../types";
import { priceCluster, priceInstanceGroup, priceNodePool } from "./compute";
import { priceGlobalAddress, priceGlobalForwardingRule, priceRouterNat } from "./network";
import { findPrice, GCP_TABLE } from "./prices";
import { priceOnlineStore } from "./services";

// The pricers' edges on hand-made plans: past 32 NAT VMs, past five forwarding rules, spot VMs.

const USAGE = { natGb: 0, trainingHours: 10 } as UsageAssumptions;

/** A pricer's lines, or the `UnpricedError` the estimator's report would give for the items the table lacks. */
function checked(lines: CostLine[], ctx: Pick<PricingContext, "region">): CostLine[] {
  const missing = GCP_TABLE.missingFrom(lines, ctx.region);
  if (missing.length > 0) throw new UnpricedError(missing.join("; "));
  return lines;
}

function context(resources: PlanResource[], region = "us-central1"): PricingContext {
  const plan: Plan = planOf(resources);
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  return { cloud: "gcp", region, plan, usage: USAGE, byUrn: (urn) => byUrn.get(urn) };
}

function pool(name: string, min: number, max: number, machineType = "e2-standard-4", extra: Record<string, unknown> = {}) {
  return planResource("gcp:container/nodePool:NodePool", name, {
    autoscaling: { totalMinNodeCount: min, totalMaxNodeCount: max },
    nodeConfig: { machineType, diskSizeGb: 100, ...extra },
  });
}

describe("GCP pricers on hand-made plans", () => {
  it("GIVEN 20..40 VMs behind Cloud NAT WHEN priced THEN per-VM hours at the lower bound and the flat rate past 32 at the upper", () => {
    const nat = planResource("gcp:compute/routerNat:RouterNat", "nat", { natIpAllocateOption: "AUTO_ONLY" });
    const ctx = context([pool("a", 20, 40), nat]);
    const lines = priceRouterNat(nat, ctx).filter((l) => l.priceKey.includes("gateway"));
    expect(lines.map((l) => [l.priceKey, l.quantity])).toEqual([
      ["gcp:nat:gateway-vm-hour", { min: 20 * HOURS_PER_MONTH, max: 0 }],
      ["gcp:nat:gateway-hour-over-32-vms", { min: 0, max: HOURS_PER_MONTH }],
    ]);
  });

  it("GIVEN two reserved NAT addresses WHEN priced THEN two address-hours around the clock", () => {
    const nat = planResource("gcp:compute/routerNat:RouterNat", "nat", { natIpAllocateOption: "MANUAL_ONLY", natIps: ["a", "b"] });
    const ip = priceRouterNat(nat, context([nat])).find((l) => l.priceKey === "gcp:nat:ip-hour");
    expect(ip?.quantity).toEqual({ min: 2 * HOURS_PER_MONTH, max: 2 * HOURS_PER_MONTH });
  });

  it("GIVEN a NAT gateway's address WHEN its rate is looked up THEN it is the NAT page's $0.005 an hour, billed, not free as older notes say", () => {
    const nat = planResource("gcp:compute/routerNat:RouterNat", "nat", { natIpAllocateOption: "AUTO_ONLY" });
    const ip = priceRouterNat(nat, context([nat])).find((l) => l.priceKey === "gcp:nat:ip-hour");
    expect(ip?.quantity).toEqual({ min: HOURS_PER_MONTH, max: HOURS_PER_MONTH });
    for (const region of ["us-central1", "europe-west4"]) {
      const row = findPrice("gcp:nat:ip-hour", region);
      expect(row?.usd).toBe(0.005);
      expect(row?.source).toMatch(/nat\/pricing.*used by a NAT gateway: \$0\.005/);
    }
    // One address a month: 730 h x $0.005 = $3.65.
    expect(HOURS_PER_MONTH * (findPrice("gcp:nat:ip-hour", "us-central1")?.usd ?? 0)).toBeCloseTo(3.65, 6);
  });

  it("GIVEN an Optimized online store WHEN priced THEN one node around the clock at $0.30 in us-central1, unpriced in europe-west4", () => {
    const store = planResource("gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore", "store", { optimized: {} });
    const lines = priceOnlineStore(store, context([store]));
    expect(lines.map((l) => [l.priceKey, l.kind, l.quantity])).toEqual([
      ["gcp:vertex:feature-online-store-optimized-node-hour", "fixed", { min: HOURS_PER_MONTH, max: HOURS_PER_MONTH }],
    ]);
    // 730 node-hours x $0.30 = $219.00 a month.
    expect(HOURS_PER_MONTH * (findPrice("gcp:vertex:feature-online-store-optimized-node-hour", "us-central1")?.usd ?? 0)).toBeCloseTo(
      219,
      6,
    );
    expect(() => checked(priceOnlineStore(store, context([store], "europe-west4")), { region: "europe-west4" })).toThrow(
      /Optimized online serving in europe-west4/,
    );
  });

  it("GIVEN a Bigtable online store scaling 2..6 WHEN priced THEN it is unpriced, naming the one Bigtable rate read", () => {
    const store = planResource("gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore", "store", {
      bigtable: { autoScaling: { minNodeCount: 2, maxNodeCount: 6, cpuUtilizationTarget: 60 } },
    });
    expect(() => checked(priceOnlineStore(store, context([store])), { region: "us-central1" })).toThrow(
      /Bigtable online serving nodes.*us-east1/,
    );
    expect(() => priceOnlineStore(planResource("gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore", "bare"), context([]))).toThrow(
      UnpricedError,
    );
  });

  it("GIVEN seven global forwarding rules WHEN priced THEN the first carries the five's charge, the next four none, the last two their own", () => {
    const rules = [1, 2, 3, 4, 5, 6, 7].map((n) => planResource("gcp:compute/globalForwardingRule:GlobalForwardingRule", `rule-${n}`));
    const ctx = context(rules);
    const keys = rules.map((r) => priceGlobalForwardingRule(r, ctx).map((l) => l.priceKey));
    expect(keys).toEqual([
      ["gcp:lb:forwarding-rules-first-5-hour"],
      [],
      [],
      [],
      [],
      ["gcp:lb:forwarding-rule-additional-hour"],
      ["gcp:lb:forwarding-rule-additional-hour"],
    ]);
  });

  it("GIVEN a spot template with an attached GPU and no autoscaler WHEN its group is priced THEN targetSize VMs, the GPU per VM, and the spot upper bound said", () => {
    const template = planResource("gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", "t", {
      machineType: "n1-standard-4",
      guestAccelerators: [{ type: "nvidia-tesla-t4", count: 2 }],
      scheduling: { provisioningModel: "SPOT" },
      disks: [{ boot: true, diskSizeGb: 30, diskType: "pd-balanced" }],
    });
    const group = planResource("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", "g", {
      versions: ref(template, [{ instanceTemplate: "t-id" }]),
      targetSize: 3,
    });
    const lines = priceInstanceGroup(group, context([template, group]));
    expect(lines.map((l) => [l.priceKey, l.quantity.min])).toEqual([
      ["gcp:compute:n1-standard-4", 3 * HOURS_PER_MONTH],
      ["gcp:compute:gpu:nvidia-tesla-t4", 6 * HOURS_PER_MONTH],
      ["gcp:compute:disk:pd-balanced-gb-month", 90],
    ]);
    expect(lines[0]?.assumption).toMatch(/targetSize.*spot VMs priced at on-demand/);
    const eu = priceInstanceGroup(group, context([template, group], "europe-west4"));
    expect(eu.map((l) => [l.priceKey, l.quantity.min])).toEqual([
      ["gcp:compute:n1-standard-4", 3 * HOURS_PER_MONTH],
      ["gcp:compute:gpu:nvidia-tesla-t4", 6 * HOURS_PER_MONTH],
      ["gcp:compute:disk:pd-balanced-gb-month", 90],
    ]);
    // A disk type with no rate, or a disk of no stated size, leaves the group unpriced, not priced without it.
    const ssd = { ...template, inputs: { ...template.inputs, disks: [{ boot: true, diskSizeGb: 30, diskType: "pd-ssd" }] } };
    expect(() => checked(priceInstanceGroup(group, context([ssd, group])), { region: "us-central1" })).toThrow(
      new UnpricedError(
        "pd-ssd boot disk (gcp:compute:disk:pd-ssd-gb-month: no us-central1 price in the GCP table (no source for it was read))",
      ),
    );
    const imageSized = { ...template, inputs: { ...template.inputs, disks: [{ boot: true, diskType: "pd-balanced" }] } };
    expect(() => priceInstanceGroup(group, context([imageSized, group]))).toThrow(
      new UnpricedError("instance group g: the boot disk's size is not in the plan (the image's size by default)"),
    );
  });

  it("GIVEN a global address WHEN a forwarding rule uses it THEN nothing is billed, and unused THEN the reserved-unused hours", () => {
    const address = planResource("gcp:compute/globalAddress:GlobalAddress", "addr");
    const rule = planResource("gcp:compute/globalForwardingRule:GlobalForwardingRule", "rule", { ipAddress: ref(address, "1.2.3.4") });
    expect(priceGlobalAddress(address, context([address, rule]))).toEqual([]);
    const unused = priceGlobalAddress(address, context([address]));
    expect(unused.map((l) => [l.priceKey, l.kind, l.quantity])).toEqual([
      ["gcp:compute:external-ip-in-use-hour", "fixed", { min: HOURS_PER_MONTH, max: HOURS_PER_MONTH }],
    ]);
  });

  it("GIVEN a group whose template is not in the plan WHEN priced THEN it is unpriced, not free", () => {
    const group = planResource("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", "g", { targetSize: 1 });
    expect(() => priceInstanceGroup(group, context([group]))).toThrow(UnpricedError);
  });

  it("GIVEN A2 pools in europe-west4 WHEN priced THEN their A100s at the Billing Catalog rates, and an A3 pool at the H100 rate", () => {
    const a2 = pool("a2", 1, 1, "a2-highgpu-1g");
    const eu = context([a2], "europe-west4");
    const lines = priceNodePool(a2, eu);
    expect(lines.map((l) => l.priceKey)).toEqual([
      "gcp:compute:a2-highgpu-1g",
      "gcp:compute:gpu:nvidia-tesla-a100",
      "gcp:compute:disk:pd-balanced-gb-month",
    ]);
    // The machine row plus one GPU gives back the Billing Catalog's a2-highgpu-1g total.
    const hourly = (key: string) => findPrice(key, "europe-west4")?.usd ?? Number.NaN;
    expect(hourly("gcp:compute:a2-highgpu-1g") + hourly("gcp:compute:gpu:nvidia-tesla-a100")).toBeCloseTo(3.747972, 4);
    const ultra = pool("ultra", 1, 1, "a2-ultragpu-8g");
    const ultraGpus = priceNodePool(ultra, context([ultra], "europe-west4")).find((l) => l.priceKey.includes("a100-80gb"));
    expect(ultraGpus?.quantity.min).toBe(8 * HOURS_PER_MONTH);
    expect(hourly("gcp:compute:a2-ultragpu-8g") + 8 * hourly("gcp:compute:gpu:nvidia-a100-80gb")).toBeCloseTo(44.647348, 3);
    // A3: the H100 rate from the A3 totals, which the 1-GPU and 8-GPU machines agree on.
    const a3 = pool("a3", 1, 1, "a3-highgpu-8g");
    expect(checked(priceNodePool(a3, context([a3], "europe-west4")), eu).map((l) => l.priceKey)).toContain(
      "gcp:compute:gpu:nvidia-h100-80gb",
    );
    // In us-central1 the rate gives back both Billing Catalog totals: a3-highgpu-8g and -1g.
    const central = (key: string) => findPrice(key, "us-central1")?.usd ?? Number.NaN;
    expect(central("gcp:compute:a3-highgpu-8g") + 8 * central("gcp:compute:gpu:nvidia-h100-80gb")).toBeCloseTo(88.49, 2);
    expect(central("gcp:compute:a3-highgpu-1g") + central("gcp:compute:gpu:nvidia-h100-80gb")).toBeCloseTo(11.0613, 3);
  });

  it("GIVEN a pool with per-zone bounds WHEN priced THEN they are multiplied by its zones", () => {
    const p = planResource("gcp:container/nodePool:NodePool", "p", {
      autoscaling: { minNodeCount: 1, maxNodeCount: 2 },
      nodeLocations: ["us-central1-a", "us-central1-b", "us-central1-c"],
      nodeConfig: { machineType: "e2-standard-2" },
    });
    expect(priceNodePool(p, context([p]))[0]?.quantity).toEqual({ min: 3 * HOURS_PER_MONTH, max: 6 * HOURS_PER_MONTH });
  });

  it("GIVEN a zonal cluster WHEN priced THEN the fee's assumption names the free-tier credit", () => {
    const c = planResource("gcp:container/cluster:Cluster", "c", { location: "us-central1-a", removeDefaultNodePool: true });
    expect(priceCluster(c, context([c]))[0]?.assumption).toMatch(/^zonal cluster.*\$74\.40/);
  });
});
