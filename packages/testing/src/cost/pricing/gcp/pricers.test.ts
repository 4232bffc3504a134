import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "../../../plan";
import { synthProject } from "../../../project";
import { type CostLine, HOURS_PER_MONTH, type PricingContext, UnpricedError, type UsageAssumptions } from "../../types";
import { PRICING } from "../index";
import { GCP_PRICING } from "./index";
import { findPrice, GCP_TABLE } from "./prices";

// The GCP pricers on the reference stacks, planned offline as `mlops plan` plans them.

const ROOT = path.resolve(__dirname, "../../../../../..");

const USAGE: UsageAssumptions = {
  natGb: 100,
  loadBalancerGb: 50,
  requestsMillions: 2,
  logGb: 10,
  storageGb: 20,
  registryGb: 5,
  endpointGb: 0,
  buildMinutes: 300,
  featureRequestsMillions: 1,
  onlineStoreGb: 1,
  trainingHours: 40,
};

const plans: Record<string, { plan: Plan; region: string }> = {};
beforeAll(async () => {
  plans.dev = { plan: (await synthProject(ROOT, "gcp-dev")).plan, region: "us-central1" };
  plans.prod = { plan: (await synthProject(ROOT, "gcp-prod")).plan, region: "europe-west4" };
}, 240_000);

function context(stack: "dev" | "prod"): PricingContext {
  const { plan, region } = plans[stack] ?? { plan: undefined, region: "" };
  if (!plan) throw new Error(`${stack} was not planned`);
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  return { cloud: "gcp", region, plan, usage: USAGE, byUrn: (urn) => byUrn.get(urn) };
}

function only(ctx: PricingContext, type: string, name?: string): PlanResource {
  const found = ctx.plan.resources.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1) throw new Error(`${found.length} ${type} ${name ?? ""} in the plan`);
  return found[0] as PlanResource;
}

function price(ctx: PricingContext, r: PlanResource): CostLine[] {
  const pricer = GCP_PRICING.pricers[r.type];
  if (!pricer) throw new Error(`no pricer for ${r.type}`);
  return checked(pricer(r, ctx), ctx);
}

/** A pricer's lines, or the `UnpricedError` the estimator's report would give for the items the table lacks. */
function checked(lines: CostLine[], ctx: Pick<PricingContext, "region">): CostLine[] {
  const missing = GCP_TABLE.missingFrom(lines, ctx.region);
  if (missing.length > 0) throw new UnpricedError(missing.join("; "));
  return lines;
}

/** The fixed monthly cost at the lower bounds: what the stack costs standing idle. */
function idleMonthly(ctx: PricingContext): number {
  let total = 0;
  for (const r of ctx.plan.resources.filter((x) => x.custom && GCP_PRICING.pricers[x.type])) {
    try {
      for (const l of price(ctx, r).filter((x) => x.kind === "fixed"))
        total += l.quantity.min * (findPrice(l.priceKey, ctx.region)?.usd ?? 0);
    } catch (e) {
      if (!(e instanceof UnpricedError)) throw e;
    }
  }
  return total;
}

describe.each(["dev", "prod"] as const)("GCP pricing of gcp-%s", (stack) => {
  it("GIVEN the planned stack WHEN its custom resource types are listed THEN each is priced or free, never both", () => {
    const types = new Set(
      context(stack)
        .plan.resources.filter((r) => r.custom)
        .map((r) => r.type),
    );
    expect(types.size).toBeGreaterThan(40);
    for (const type of types) {
      const priced = GCP_PRICING.pricers[type] !== undefined;
      const free = GCP_PRICING.free[type] !== undefined;
      expect(priced !== free, `${type}: priced=${priced} free=${free}`).toBe(true);
    }
  });

  it("GIVEN every priced resource WHEN priced THEN it gives lines priced in the stack's region or an UnpricedError, nothing else", () => {
    const ctx = context(stack);
    const priced = ctx.plan.resources.filter((r) => r.custom && GCP_PRICING.pricers[r.type]);
    expect(priced.length).toBeGreaterThan(20);
    let lines = 0;
    for (const r of priced) {
      try {
        for (const l of price(ctx, r)) {
          lines++;
          expect(findPrice(l.priceKey, ctx.region), `${r.name}: ${l.priceKey}`).toBeDefined();
          expect(l.quantity.min, `${r.name}: ${l.item}`).toBeLessThanOrEqual(l.quantity.max);
          if (l.kind === "usage") expect(l.assumption, `${r.name}: ${l.item}`).toMatch(/=/);
        }
      } catch (e) {
        expect(e, r.urn).toBeInstanceOf(UnpricedError);
      }
    }
    expect(lines).toBeGreaterThan(15);
  });

  it("GIVEN the Cloud Armor policy WHEN priced THEN it is unpriced, saying why", () => {
    const ctx = context(stack);
    expect(() => price(ctx, only(ctx, "gcp:compute/securityPolicy:SecurityPolicy"))).toThrow(/Cloud Armor/);
  });
});

describe("GCP pricing: exact lines of gcp-dev (us-central1)", () => {
  it("GIVEN the registered clouds WHEN read THEN gcp is GCP_PRICING", () => {
    expect(PRICING.gcp).toBe(GCP_PRICING);
  });

  it("GIVEN the inference instance group WHEN priced THEN it runs 1..3 e2-standard-2 around the clock with their 50 GB boot disks", () => {
    const ctx = context("dev");
    const lines = price(ctx, only(ctx, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager"));
    expect(lines).toEqual([
      {
        item: "e2-standard-2 instance hours",
        kind: "fixed",
        priceKey: "gcp:compute:e2-standard-2",
        quantity: { min: HOURS_PER_MONTH, max: 3 * HOURS_PER_MONTH },
        assumption: "1..3 around the clock (the autoscaler's minReplicas..maxReplicas)",
      },
      {
        item: "pd-balanced boot disk",
        kind: "fixed",
        priceKey: "gcp:compute:disk:pd-balanced-gb-month",
        quantity: { min: 50, max: 150 },
        assumption: "50 GB per VM, while the VM exists; 1..3 around the clock (the autoscaler's minReplicas..maxReplicas)",
      },
    ]);
  });

  it("GIVEN the GPU node pool scaling from zero WHEN priced THEN machine and T4 hours are usage, 0 at rest and 2 nodes for trainingHours at most", () => {
    const ctx = context("dev");
    const lines = price(ctx, only(ctx, "gcp:container/nodePool:NodePool", "training-gpu"));
    expect(lines.map((l) => [l.item, l.kind, l.priceKey, l.quantity])).toEqual([
      ["n1-standard-8 instance hours", "usage", "gcp:compute:n1-standard-8", { min: 0, max: 2 * USAGE.trainingHours }],
      ["nvidia-tesla-t4 GPU hours", "usage", "gcp:compute:gpu:nvidia-tesla-t4", { min: 0, max: 2 * USAGE.trainingHours }],
      [
        "pd-balanced boot disk",
        "usage",
        "gcp:compute:disk:pd-balanced-gb-month",
        { min: 0, max: (2 * USAGE.trainingHours * 200) / HOURS_PER_MONTH },
      ],
    ]);
    for (const l of lines.slice(0, 2)) expect(l.assumption).toMatch(/trainingHours=40.*spot VMs priced at on-demand/);
  });

  it("GIVEN the system node pool and the cluster WHEN priced THEN two e2-standard-2 nodes and the regional management fee", () => {
    const ctx = context("dev");
    const pool = price(ctx, only(ctx, "gcp:container/nodePool:NodePool", "training-system"));
    expect(pool.map((l) => [l.priceKey, l.kind, l.quantity])).toEqual([
      ["gcp:compute:e2-standard-2", "fixed", { min: 1460, max: 1460 }],
      ["gcp:compute:disk:pd-balanced-gb-month", "fixed", { min: 200, max: 200 }],
    ]);
    const cluster = price(ctx, only(ctx, "gcp:container/cluster:Cluster"));
    expect(cluster).toEqual([
      {
        item: "GKE cluster management fee",
        kind: "fixed",
        priceKey: "gcp:gke:cluster-management-hour",
        quantity: { min: HOURS_PER_MONTH, max: HOURS_PER_MONTH },
        assumption: "regional cluster: the GKE free-tier credit does not apply to it",
      },
    ]);
  });

  it("GIVEN the NAT gateway WHEN priced THEN 3..7 VMs' gateway hours, one address and natGb processed", () => {
    const ctx = context("dev");
    const lines = price(ctx, only(ctx, "gcp:compute/routerNat:RouterNat"));
    expect(lines.map((l) => [l.priceKey, l.kind, l.quantity])).toEqual([
      ["gcp:nat:gateway-vm-hour", "fixed", { min: 3 * HOURS_PER_MONTH, max: 7 * HOURS_PER_MONTH }],
      ["gcp:nat:ip-hour", "fixed", { min: HOURS_PER_MONTH, max: HOURS_PER_MONTH }],
      ["gcp:nat:data-processed-gb", "usage", { min: 100, max: 100 }],
    ]);
  });

  it("GIVEN the load balancer WHEN priced THEN the first forwarding rule carries the five-rule charge, the second none, and data is usage", () => {
    const ctx = context("dev");
    const http = price(ctx, only(ctx, "gcp:compute/globalForwardingRule:GlobalForwardingRule", "model-api-http"));
    const https = price(ctx, only(ctx, "gcp:compute/globalForwardingRule:GlobalForwardingRule", "model-api-https"));
    expect(http.map((l) => [l.priceKey, l.quantity])).toEqual([["gcp:lb:forwarding-rules-first-5-hour", { min: 730, max: 730 }]]);
    expect(https).toEqual([]);
    const backend = price(ctx, only(ctx, "gcp:compute/backendService:BackendService"));
    expect(backend.map((l) => [l.priceKey, l.kind, l.quantity])).toEqual([["gcp:lb:data-processed-gb", "usage", { min: 50, max: 50 }]]);
  });

  it("GIVEN the load balancer's address WHEN priced THEN nothing: a forwarding rule uses it", () => {
    const ctx = context("dev");
    expect(price(ctx, only(ctx, "gcp:compute/globalAddress:GlobalAddress"))).toEqual([]);
  });

  it("GIVEN the BigQuery dataset WHEN priced THEN storageGb of active logical storage at the us-central1 rate", () => {
    const ctx = context("dev");
    const lines = price(ctx, only(ctx, "gcp:bigquery/dataset:Dataset"));
    expect(lines.map((l) => [l.priceKey, l.kind, l.quantity])).toEqual([
      ["gcp:bigquery:active-logical-storage-gb-month", "usage", { min: 20, max: 20 }],
    ]);
    expect(findPrice("gcp:bigquery:active-logical-storage-gb-month", "us-central1")?.usd).toBe(0.023);
  });

  it("GIVEN the alert policies WHEN looked up THEN they are free until alerting is billed, and there are some", () => {
    const ctx = context("dev");
    expect(ctx.plan.resources.filter((r) => r.type === "gcp:monitoring/alertPolicy:AlertPolicy").length).toBeGreaterThan(0);
    expect(GCP_PRICING.free["gcp:monitoring/alertPolicy:AlertPolicy"]).toMatch(/September 1, 2027/);
  });

  it("GIVEN the Optimized online store WHEN priced THEN one node around the clock at the us-central1 rate; its views stay unpriced", () => {
    const ctx = context("dev");
    const lines = price(ctx, only(ctx, "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore"));
    expect(lines.map((l) => [l.priceKey, l.kind, l.quantity])).toEqual([
      ["gcp:vertex:feature-online-store-optimized-node-hour", "fixed", { min: HOURS_PER_MONTH, max: HOURS_PER_MONTH }],
    ]);
    expect(findPrice("gcp:vertex:feature-online-store-optimized-node-hour", "us-central1")?.usd).toBe(0.3);
    const views = ctx.plan.resources.filter((r) => r.type === "gcp:vertex/aiFeatureOnlineStoreFeatureview:AiFeatureOnlineStoreFeatureview");
    expect(views.length).toBe(2);
    for (const v of views) expect(() => price(ctx, v)).toThrow(/no feature view SKU/);
  });

  it("GIVEN the whole dev stack WHEN its fixed lines are summed at the lower bounds THEN the idle month is $490.32", () => {
    // 1 + 2 e2-standard-2 (2190 h x 0.06701) + their boot disks (50 + 2 x 100 GiB x 0.10) + GKE fee (730 x 0.10)
    // + NAT (2190 VM-h x 0.0014 + 730 x 0.005) + forwarding rules (730 x 0.025) + 3 DNS zones (0.20)
    // + 3 KMS keys of 5 versions a year in (15 x 0.06) + 1 scheduler job (0.10) + one Optimized online store node (730 x 0.30 = 219.00).
    expect(idleMonthly(context("dev"))).toBeCloseTo(490.32, 2);
  });
});

describe("GCP pricing: exact lines of gcp-prod (europe-west4)", () => {
  it("GIVEN the T4 inference group WHEN priced THEN n1-standard-8 and T4 hours for 2..10 instances", () => {
    const ctx = context("prod");
    const lines = price(ctx, only(ctx, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager"));
    expect(lines.map((l) => [l.priceKey, l.kind, l.quantity])).toEqual([
      ["gcp:compute:n1-standard-8", "fixed", { min: 1460, max: 7300 }],
      ["gcp:compute:gpu:nvidia-tesla-t4", "fixed", { min: 1460, max: 7300 }],
      ["gcp:compute:disk:pd-balanced-gb-month", "fixed", { min: 400, max: 2000 }],
    ]);
    expect(findPrice("gcp:compute:disk:pd-balanced-gb-month", "europe-west4")?.usd).toBe(0.11);
  });

  it("GIVEN the backend service in europe-west4 WHEN priced THEN loadBalancerGb at the Netherlands rate", () => {
    const ctx = context("prod");
    const lines = price(ctx, only(ctx, "gcp:compute/backendService:BackendService"));
    expect(lines.map((l) => [l.priceKey, l.kind, l.quantity])).toEqual([["gcp:lb:data-processed-gb", "usage", { min: 50, max: 50 }]]);
    expect(findPrice("gcp:lb:data-processed-gb", "europe-west4")?.usd).toBe(0.009);
  });

  it("GIVEN the BigQuery dataset in europe-west4 WHEN priced THEN it is unpriced: only the us-central1 rate was read", () => {
    const ctx = context("prod");
    expect(() => price(ctx, only(ctx, "gcp:bigquery/dataset:Dataset"))).toThrow(/BigQuery storage in europe-west4/);
  });

  it("GIVEN the Optimized online store in europe-west4 WHEN priced THEN it is unpriced: only the us-central1 rate was read", () => {
    const ctx = context("prod");
    expect(() => price(ctx, only(ctx, "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore"))).toThrow(
      /Optimized online serving in europe-west4/,
    );
  });

  it("GIVEN the whole prod stack WHEN its fixed lines are summed at the lower bounds THEN the idle month is $1,487.49", () => {
    // 2 n1-standard-8 + 2 T4 (1460 h x (0.41834 + 0.3675)) + their boot disks (2 x 200 GiB x 0.11)
    // + 3 e2-standard-2 (2190 h x 0.07377) + their boot disks (3 x 100 GiB x 0.11) + GKE fee (730 x 0.10)
    // + NAT (3650 VM-h x 0.0014 + 730 x 0.005) + forwarding rules (730 x 0.025) + 3 DNS zones (0.20)
    // + 3 KMS keys of 5 versions (15 x 0.06) + 1 scheduler job (0.10); the address is free, used by the forwarding rules.
    expect(idleMonthly(context("prod"))).toBeCloseTo(1487.49, 1);
  });

  it("GIVEN the prod keys rotating every 90 days WHEN priced THEN five versions a year in (the first and four rotations), none destroyed", () => {
    const ctx = context("prod");
    const keys = ctx.plan.resources.filter((r) => r.type === "gcp:kms/cryptoKey:CryptoKey");
    expect(keys.length).toBe(3);
    for (const key of keys) {
      expect(price(ctx, key).map((l) => [l.priceKey, l.quantity.min, l.quantity.max])).toEqual([
        ["gcp:kms:software-key-version-month", 5, 5],
      ]);
    }
    const still = { ...only(ctx, "gcp:kms/cryptoKey:CryptoKey", keys[0]?.name), inputs: {} };
    expect(price(ctx, still).map((l) => l.quantity.max)).toEqual([1]);
    const monthly = { ...still, inputs: { rotationPeriod: "2592000s" } };
    expect(price(ctx, monthly).map((l) => l.quantity.max)).toEqual([13]);
    expect(() => price(ctx, { ...still, inputs: { rotationPeriod: "90d" } })).toThrow(UnpricedError);
  });

  it("GIVEN the prod log buckets WHEN priced THEN flow logs are vended and 365-day retention adds 335 days of storage", () => {
    const ctx = context("prod");
    const flows = price(ctx, only(ctx, "gcp:logging/projectBucketConfig:ProjectBucketConfig", "platform-flow-logs"));
    expect(flows.map((l) => [l.priceKey, l.quantity.min])).toEqual([
      ["gcp:logging:vended-network-logs-gb", 10],
      ["gcp:logging:retention-gb-month", (10 * 335) / 30],
    ]);
    const access = price(ctx, only(ctx, "gcp:logging/projectBucketConfig:ProjectBucketConfig", "model-api-access-logs"));
    expect(access[0]?.priceKey).toBe("gcp:logging:storage-gb");
  });
});
