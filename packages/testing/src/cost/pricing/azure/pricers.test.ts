import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "../../../plan";
import { synthProject } from "../../../project";
import { estimateCost } from "../../estimate";
import { type CostLine, type PricingContext, UnpricedError, type UsageAssumptions } from "../../types";
import { PRICING } from "..";
import { AZURE_PRICING } from ".";
import { SPOT_ASSUMPTION } from "./compute";
import { AZURE_PRICES, AZURE_TABLE, UNSOURCED_PRICES } from "./prices";
import { AZURE_REGIONS } from "./sources";

const ROOT = path.resolve(__dirname, "../../../../../..");

// Distinct values, so a line that reads the wrong assumption shows.
const USAGE: UsageAssumptions = {
  natGb: 11,
  loadBalancerGb: 12,
  requestsMillions: 13,
  logGb: 14,
  storageGb: 15,
  registryGb: 516,
  endpointGb: 17,
  buildMinutes: 18,
  featureRequestsMillions: 19,
  onlineStoreGb: 20,
  trainingHours: 21,
};

const STACKS = { "azure-dev": "eastus2", "azure-prod": "westeurope" } as const;
const plans: Record<string, Plan> = {};

beforeAll(async () => {
  for (const stack of Object.keys(STACKS)) plans[stack] = (await synthProject(ROOT, stack)).plan;
}, 240_000);

function context(stack: keyof typeof STACKS, region: string = STACKS[stack]): PricingContext {
  const plan = plans[stack] as Plan;
  return { cloud: "azure", region, plan, usage: USAGE, byUrn: (urn) => plan.resources.find((r) => r.urn === urn) };
}

function find(stack: keyof typeof STACKS, type: string, name: string): PlanResource {
  const r = plans[stack]?.resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`${stack} has no ${type} ${name}`);
  return r;
}

function price(stack: keyof typeof STACKS, type: string, name: string, region?: string): CostLine[] {
  const pricer = AZURE_PRICING.pricers[type];
  if (!pricer) throw new Error(`no pricer for ${type}`);
  const ctx = context(stack, region);
  return checked(pricer(find(stack, type, name), ctx), ctx);
}

/** A pricer's lines, or the `UnpricedError` the estimator's report would give for the items the table lacks. */
function checked(lines: CostLine[], ctx: Pick<PricingContext, "region">): CostLine[] {
  const missing = AZURE_TABLE.missingFrom(lines, ctx.region);
  if (missing.length > 0) throw new UnpricedError(missing.join("; "));
  return lines;
}

const usd = (key: string, region: string) => AZURE_PRICES.find((r) => r.key === key && r.region === region)?.usd ?? Number.NaN;

describe("GIVEN the Azure pricing", () => {
  it("WHEN the pricing table is read THEN Azure is registered", () => {
    expect(PRICING.azure).toBe(AZURE_PRICING);
  });

  it.each(Object.keys(STACKS))("WHEN stack %s is planned THEN every custom resource type is priced or free, never both", (stack) => {
    const types = [...new Set((plans[stack] as Plan).resources.filter((r) => r.custom).map((r) => r.type))];
    expect(types.length).toBeGreaterThan(40);
    expect(types.filter((t) => !AZURE_PRICING.pricers[t] && !AZURE_PRICING.free[t])).toEqual([]);
    expect(Object.keys(AZURE_PRICING.pricers).filter((t) => AZURE_PRICING.free[t] !== undefined)).toEqual([]);
  });

  it.each(Object.keys(STACKS))(
    "WHEN every resource of %s is priced in both regions THEN each line's key has a row there, or the pricer says why not",
    (stack) => {
      const missing: string[] = [];
      let lines = 0;
      for (const region of AZURE_REGIONS) {
        for (const r of (plans[stack] as Plan).resources) {
          const pricer = AZURE_PRICING.pricers[r.type];
          if (!pricer) continue;
          try {
            for (const l of pricer(r, context(stack as keyof typeof STACKS, region))) {
              lines++;
              if (!AZURE_PRICES.some((p) => p.key === l.priceKey && p.region === region)) missing.push(`${l.priceKey} ${region}`);
            }
          } catch (e) {
            if (!(e instanceof UnpricedError)) throw e;
            // Only a price known to be unsourced may leave a resource unpriced.
            expect(UNSOURCED_PRICES.some((u) => u.region === region && e.reason.includes(u.key.replace("azure:vm:", "")))).toBe(true);
          }
        }
      }
      expect(lines).toBeGreaterThan(50);
      expect(missing).toEqual([]);
    },
  );
});

describe("GIVEN the azure-dev stack in eastus2", () => {
  it("WHEN its NAT gateway is priced THEN it is gateway hours (fixed) and natGb processed (usage)", () => {
    expect(price("azure-dev", "azure-native:network:NatGateway", "platform-nat")).toEqual([
      { item: "NAT gateway hours", kind: "fixed", priceKey: "azure:nat:gateway-hour", quantity: { min: 730, max: 730 } },
      {
        item: "NAT gateway data processed",
        kind: "usage",
        priceKey: "azure:nat:data-gb",
        quantity: { min: 11, max: 11 },
        assumption: "11 GB processed a month (natGb)",
      },
    ]);
  });

  it("WHEN its Application Gateway is priced THEN the WAF_v2 hours are fixed and capacity units follow the instance bounds", () => {
    const [hoursLine, units] = price("azure-dev", "azure-native:network:ApplicationGateway", "model-api-gateway");
    expect(hoursLine).toEqual({
      item: "Application Gateway WAF_v2 hours",
      kind: "fixed",
      priceKey: "azure:appgw:waf-v2-hour",
      quantity: { min: 730, max: 730 },
    });
    expect(units?.priceKey).toBe("azure:appgw:waf-v2-capacity-unit-hour");
    // Dev reserves no instances (AZURE_GATEWAY_CAPACITY): nothing idle; 10 instances × 10 units at most.
    expect(units?.quantity).toEqual({ min: 0, max: 73_000 });
    expect(units?.assumption).toMatch(/^10 capacity units reserved per instance, 0 to 10 instances/);
  });

  it("WHEN its scale set is priced THEN instances and OS disks run from the autoscale minimum to its maximum", () => {
    expect(price("azure-dev", "azure-native:compute:VirtualMachineScaleSet", "model-api-scale-set")).toEqual([
      {
        item: "Standard_D2s_v5 instance hours (model-api-scale-set)",
        kind: "fixed",
        priceKey: "azure:vm:Standard_D2s_v5",
        quantity: { min: 730, max: 3 * 730 },
      },
      { item: "P6 LRS OS disks (model-api-scale-set)", kind: "fixed", priceKey: "azure:disk:P6-LRS", quantity: { min: 1, max: 3 } },
    ]);
  });

  it("WHEN its scale set or a pool leaves the OS disk to the defaults THEN it is unpriced, not priced without a disk", () => {
    const ctx = context("azure-dev");
    const set = find("azure-dev", "azure-native:compute:VirtualMachineScaleSet", "model-api-scale-set");
    const profile = set.inputs.virtualMachineProfile as { storageProfile: { osDisk: Record<string, unknown> } };
    const bareSet = {
      ...set,
      inputs: { ...set.inputs, virtualMachineProfile: { ...profile, storageProfile: { osDisk: { createOption: "FromImage" } } } },
    };
    expect(() => AZURE_PRICING.pricers[set.type]?.(bareSet, ctx)).toThrow(UnpricedError);
    const pool = find("azure-dev", "azure-native:containerservice:AgentPool", "training-gpu");
    for (const inputs of [{ osDiskSizeGB: undefined }, { osDiskType: undefined }]) {
      expect(() => AZURE_PRICING.pricers[pool.type]?.({ ...pool, inputs: { ...pool.inputs, ...inputs } }, ctx)).toThrow(
        /leaves osDiskType or osDiskSizeGB to AKS's default/,
      );
    }
  });

  it("WHEN its GPU pool, which scales from zero on spot, is priced THEN nothing is idle and trainingHours run at the upper bound", () => {
    const [vm, disk] = price("azure-dev", "azure-native:containerservice:AgentPool", "training-gpu");
    expect(vm).toMatchObject({ kind: "usage", priceKey: "azure:vm:Standard_NC4as_T4_v3", quantity: { min: 0, max: 2 * 21 } });
    expect(vm?.assumption).toContain("runs 21 h a month at its upper bound of 2 node(s) (trainingHours)");
    expect(vm?.assumption).toContain(SPOT_ASSUMPTION);
    expect(disk).toMatchObject({ kind: "usage", priceKey: "azure:disk:P15-LRS", quantity: { min: 0, max: (2 * 21) / 730 } });
  });

  it("WHEN its AKS cluster is priced THEN the Free tier adds nothing and the system pool is two D2s_v5 nodes with P10 disks", () => {
    expect(
      price("azure-dev", "azure-native:containerservice:ManagedCluster", "training").map((l) => [l.priceKey, l.kind, l.quantity]),
    ).toEqual([
      ["azure:vm:Standard_D2s_v5", "fixed", { min: 1460, max: 1460 }],
      ["azure:disk:P10-LRS", "fixed", { min: 2, max: 2 }],
    ]);
  });

  it("WHEN its availability test is priced THEN it is five locations every 300 s for a month", () => {
    const [runs] = price("azure-dev", "azure-native:applicationinsights:WebTest", "observability-model-api-uptime");
    expect(runs).toMatchObject({ kind: "fixed", priceKey: "azure:monitor:standard-web-test-execution", quantity: { min: 5 * 12 * 730 } });
  });

  it("WHEN its registry is priced THEN Premium unit days are fixed and only storage past the included 500 GB is usage", () => {
    const [unit, storage] = price("azure-dev", "azure-native:containerregistry:Registry", "models-images");
    expect(unit).toMatchObject({ kind: "fixed", priceKey: "azure:acr:premium-day", quantity: { min: 730 / 24 } });
    expect(storage).toMatchObject({ kind: "usage", priceKey: "azure:acr:storage-gb-month", quantity: { min: 16, max: 16 } });
  });

  it("WHEN its Redis errors alert, filtered on ErrorType, is priced THEN one series at least and up to ten, said in the line", () => {
    expect(price("azure-dev", "azure-native:monitor:MetricAlert", "observability-features-onlineErrorRate")).toEqual([
      {
        item: "Metric alert time series monitored",
        kind: "fixed",
        priceKey: "azure:monitor:metric-alert-time-series-month",
        quantity: { min: 1, max: 10 },
        assumption:
          "1 time series; 1 criterion filtered on a dimension, priced at 1 to 10 series; the first 10 a month are free and not deducted",
      },
    ]);
  });

  it("WHEN the fixed lines at their minimum are added up THEN the idle month is the sum computed by hand from the rows", () => {
    const ctx = context("azure-dev");
    let idle = 0;
    for (const r of (plans["azure-dev"] as Plan).resources) {
      for (const l of AZURE_PRICING.pricers[r.type]?.(r, ctx) ?? [])
        if (l.kind === "fixed") idle += l.quantity.min * usd(l.priceKey, "eastus2");
    }
    // Gateway 262.80, AKS nodes 140.16 + disks 35.84, Redis C1 100.74, 12 private endpoints 87.60,
    // scale set 70.08 + disk 9.28, ACR Premium 50.69, NAT 32.85, availability test 21.90, 2 IPs 7.30,
    // 4 log alerts 6.00, 8 zones 4.00, key rotation 0.34, 7 metric alerts at one series each 0.70
    // (the service's 3, and the GPU pool's, the online store's two and the syncs' alerts).
    expect(idle).toBeCloseTo(830.28, 1);
  });
});

describe("GIVEN the azure-prod stack in westeurope", () => {
  it("WHEN its GPU scale set is priced THEN NC4as_T4_v3 instances and P15 disks run from the autoscale minimum to its maximum", () => {
    expect(price("azure-prod", "azure-native:compute:VirtualMachineScaleSet", "model-api-scale-set")).toEqual([
      {
        item: "Standard_NC4as_T4_v3 instance hours (model-api-scale-set)",
        kind: "fixed",
        priceKey: "azure:vm:Standard_NC4as_T4_v3",
        quantity: { min: 2 * 730, max: 10 * 730 },
      },
      { item: "P15 LRS OS disks (model-api-scale-set)", kind: "fixed", priceKey: "azure:disk:P15-LRS", quantity: { min: 2, max: 10 } },
    ]);
    expect(usd("azure:vm:Standard_NC4as_T4_v3", "westeurope")).toBe(0.658);
  });

  it("WHEN its GPU pool, which scales from zero, is priced THEN it has a West Europe price and nothing is idle", () => {
    const [vm] = price("azure-prod", "azure-native:containerservice:AgentPool", "training-gpu");
    expect(vm).toMatchObject({ kind: "usage", priceKey: "azure:vm:Standard_NC4as_T4_v3", quantity: { min: 0 } });
    expect(vm?.quantity.max).toBeGreaterThan(0);
  });

  it("WHEN it is priced in a region the table does not hold THEN each item names the key and the region", () => {
    expect(() => price("azure-prod", "azure-native:compute:VirtualMachineScaleSet", "model-api-scale-set", "northeurope")).toThrow(
      "Standard_NC4as_T4_v3 instance hours (model-api-scale-set) (azure:vm:Standard_NC4as_T4_v3: no northeurope price in the Azure table (no source for it was read)); P15 LRS OS disks (model-api-scale-set) (azure:disk:P15-LRS: no northeurope price in the Azure table (no source for it was read))",
    );
  });

  it("WHEN the fixed lines at their minimum are added up THEN the idle month is the sum computed by hand from the rows", () => {
    const ctx = context("azure-prod");
    let idle = 0;
    for (const r of (plans["azure-prod"] as Plan).resources) {
      for (const l of AZURE_PRICING.pricers[r.type]?.(r, ctx) ?? [])
        if (l.kind === "fixed") idle += l.quantity.min * usd(l.priceKey, "westeurope");
    }
    // Scale set 960.68 + disks 83.62, gateway 341.64 + 20 capacity units 210.24, Redis P1 405.15,
    // AKS Standard tier 73.00 + nodes 251.85 + disks 65.04, 12 private endpoints 87.60, ACR Premium 50.69,
    // NAT 32.85, availability test 28.25, 2 IPs 7.30, 4 log alerts 6.00, 8 zones 4.00,
    // key rotation 0.34, 7 metric alerts at one series each 0.70.
    expect(idle).toBeCloseTo(2608.95, 1);
  });

  it("WHEN its AKS cluster is priced THEN the Standard tier's hours and three D2s_v5 nodes are fixed", () => {
    expect(
      price("azure-prod", "azure-native:containerservice:ManagedCluster", "training").map((l) => [l.priceKey, l.quantity.min]),
    ).toEqual([
      ["azure:aks:standard-tier-hour", 730],
      ["azure:vm:Standard_D2s_v5", 3 * 730],
      ["azure:disk:P10-LRS", 3],
    ]);
  });

  it("WHEN its AKS cluster is on the Premium tier THEN its nodes are still counted and the tier's hours listed as not priced", () => {
    const aks = find("azure-prod", "azure-native:containerservice:ManagedCluster", "training");
    const premium = { ...aks, inputs: { ...aks.inputs, sku: { name: "Base", tier: "Premium" } } };
    const plan = { ...(plans["azure-prod"] as Plan), resources: [premium] };
    const report = estimateCost(plan, { cloud: "azure", region: "westeurope", usage: USAGE, pricing: AZURE_PRICING });
    expect(report.resources[0]?.lines.map((l) => l.priceKey)).toEqual(["azure:vm:Standard_D2s_v5", "azure:disk:P10-LRS"]);
    expect(report.unpriced).toMatchObject([
      {
        name: "training",
        partly: true,
        reason:
          "priced in part; not counted: AKS Premium tier (long-term support) hours (azure:aks:premium-tier-hour: no westeurope price in the Azure table (no source for it was read))",
      },
    ]);
  });

  it("WHEN its log workspace keeps 365 days THEN retention past the free 31 days is billed on the data older than that", () => {
    const [ingest, retention] = price("azure-prod", "azure-native:operationalinsights:Workspace", "model-api-logs");
    expect(ingest).toMatchObject({ kind: "usage", priceKey: "azure:loganalytics:ingestion-gb", quantity: { min: 14 } });
    expect(retention?.priceKey).toBe("azure:loganalytics:retention-gb-month");
    expect(retention?.quantity.min).toBeCloseTo((14 / (730 / 24)) * (365 - 31), 6);
  });
});
