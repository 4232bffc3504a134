import type { Plan, PlanResource } from "../plan";
import { PriceTable } from "./price-table";
import { freeEverywhere } from "./pricing/kubernetes";
import {
  addTotals,
  COST_REPORT_VERSION,
  type ComponentCost,
  type CostReport,
  type CostTotals,
  type PricedLine,
  type ResourceCost,
  STACK_GROUP,
  zeroTotals,
} from "./report";
import {
  type CloudPricing,
  type CostLine,
  type PricedCloud,
  type PriceRow,
  type PricingContext,
  UnpricedError,
  type UsageAssumptions,
} from "./types";

export interface EstimateOptions {
  cloud: PricedCloud;
  region: string;
  usage: UsageAssumptions;
  pricing: CloudPricing;
}

const COMPONENT_TYPE_PREFIX = "mlops:index:";

const CLOUD_LABEL: Record<PricedCloud, string> = { aws: "AWS", gcp: "GCP", azure: "Azure" };

/** What became of one resource: priced, free, or listed as unpriced. */
type Outcome =
  /** `missing`: items whose price row the table lacks, each with why; the rest is counted. */
  | { kind: "priced"; lines: PricedLine[]; missing: string[] }
  | { kind: "free"; reason: string }
  | { kind: "unpriced"; reason: string }
  | { kind: "skipped" };

/**
 * The monthly estimate of a plan: each custom resource priced by its cloud's pricer and the price
 * rows for the region, grouped under its nearest mlops-kit component. A resource the tables cannot
 * price is listed with the reason rather than counted as zero.
 */
export function estimateCost(plan: Plan, options: EstimateOptions): CostReport {
  if (options.pricing.cloud !== options.cloud) throw new Error(`estimateCost: ${options.cloud} given ${options.pricing.cloud}'s pricing`);
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const ctx: PricingContext = { cloud: options.cloud, region: options.region, plan, usage: options.usage, byUrn: (u) => byUrn.get(u) };
  const table = new PriceTable({
    cloud: options.cloud,
    label: CLOUD_LABEL[options.cloud],
    regions: [options.region],
    rows: options.pricing.prices,
    missing: options.pricing.missing ?? [],
  });
  const components = new Map<string, ComponentCost>();
  const report: CostReport = {
    version: COST_REPORT_VERSION,
    project: plan.project,
    stack: plan.stack,
    cloud: options.cloud,
    region: options.region,
    currency: "USD",
    assumptions: { ...options.usage },
    assumptionsUsed: [],
    pricesRead: [],
    ...zeroTotals(),
    components: [],
    resources: [],
    unpriced: [],
    free: { count: 0, byReason: {} },
  };
  for (const resource of plan.resources) {
    const outcome = price(resource, options.pricing, ctx, table);
    if (outcome.kind === "skipped") continue;
    const group = componentOf(resource, byUrn);
    const key = group.urn ?? STACK_GROUP;
    const component = components.get(key) ?? newComponent(group.label, group.urn);
    components.set(key, component);
    record(report, component, resource, outcome);
  }
  report.components = [...components.values()].sort(byMaxThenName((c) => c.component));
  report.resources.sort(byMaxThenName((r) => r.name));
  report.pricesRead = [...new Set(report.resources.flatMap((r) => r.lines.map((l) => l.read)))].sort();
  report.assumptionsUsed = [...new Set(report.resources.flatMap((r) => r.lines.flatMap((l) => l.assumption ?? [])))];
  return report;
}

function newComponent(label: string, urn: string | undefined): ComponentCost {
  return { component: label, ...(urn ? { urn } : {}), ...zeroTotals(), priced: 0, free: 0, unpriced: 0 };
}

function record(report: CostReport, component: ComponentCost, r: PlanResource, outcome: Exclude<Outcome, { kind: "skipped" }>): void {
  switch (outcome.kind) {
    case "free":
      component.free++;
      report.free.count++;
      report.free.byReason[outcome.reason] = (report.free.byReason[outcome.reason] ?? 0) + 1;
      return;
    case "unpriced":
      component.unpriced++;
      report.unpriced.push({ urn: r.urn, type: r.type, name: r.name, component: component.component, reason: outcome.reason });
      return;
    case "priced": {
      const cost: ResourceCost = {
        urn: r.urn,
        type: r.type,
        name: r.name,
        component: component.component,
        ...totalsOf(outcome.lines),
        lines: outcome.lines,
        ...(outcome.missing.length > 0 ? { notPriced: outcome.missing } : {}),
      };
      addTotals(component, cost);
      addTotals(report, cost);
      report.resources.push(cost);
      if (outcome.missing.length === 0) {
        component.priced++;
        return;
      }
      // Counted for what is priced, and listed for what is not: a total is never short silently.
      component.unpriced++;
      component.partly = (component.partly ?? 0) + 1;
      const reason = `priced in part; not counted: ${outcome.missing.join("; ")}`;
      report.unpriced.push({ urn: r.urn, type: r.type, name: r.name, component: component.component, reason, partly: true });
    }
  }
}

function price(r: PlanResource, pricing: CloudPricing, ctx: PricingContext, table: PriceTable): Outcome {
  // Components are groupings, and a resource read with `.get()` is billed to whoever manages it.
  if (!r.custom) return { kind: "skipped" };
  if (r.readId !== undefined) return { kind: "free", reason: "read with .get(), billed to the stack that manages it" };
  const free = freeEverywhere(r.type) ?? pricing.free[r.type];
  if (free !== undefined) return { kind: "free", reason: free };
  const pricer = pricing.pricers[r.type];
  if (!pricer) return { kind: "unpriced", reason: `no pricer for ${r.type}` };
  let lines: CostLine[];
  try {
    lines = pricer(r, ctx);
  } catch (err) {
    if (err instanceof UnpricedError) return { kind: "unpriced", reason: err.reason };
    throw new Error(`pricing ${r.type} ${r.name}: ${(err as Error).message}`, { cause: err });
  }
  if (lines.length === 0) return { kind: "free", reason: `${r.type}: nothing billed in this configuration` };
  for (const line of lines) checkQuantity(line, r);
  // An item of no quantity costs nothing whatever its price (NAT data at natGb=0): not a gap.
  const missing = table.missingFrom(
    lines.filter((l) => l.quantity.max > 0),
    ctx.region,
  );
  const priced = lines.flatMap((line) => {
    const row = table.find(line.priceKey, ctx.region);
    return row ? [priceLine(line, row)] : [];
  });
  if (priced.length === 0 && missing.length === 0) return { kind: "free", reason: `${r.type}: nothing billed at these assumptions` };
  if (priced.length === 0) return { kind: "unpriced", reason: missing.join("; ") };
  return { kind: "priced", lines: priced, missing };
}

/**
 * A quantity the pricer got wrong would be multiplied silently: it is a defect, said as one, whether
 * or not the table prices the line (a line without a row is priced once its row is added).
 */
function checkQuantity(line: CostLine, r: PlanResource): void {
  const { min, max } = line.quantity;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && min <= max)) {
    throw new Error(`pricing ${r.type} ${r.name}: "${line.item}" has quantity ${min}..${max}; expected 0 <= min <= max`);
  }
}

function priceLine(line: CostLine, row: PriceRow): PricedLine {
  const { min, max } = line.quantity;
  return {
    item: line.item,
    kind: line.kind,
    priceKey: line.priceKey,
    quantity: { min, max },
    unit: row.unit,
    unitUsd: row.usd,
    monthlyUsd: { min: min * row.usd, max: max * row.usd },
    ...(line.assumption !== undefined ? { assumption: line.assumption } : {}),
    source: row.source,
    read: row.read,
  };
}

function totalsOf(lines: readonly PricedLine[]): CostTotals {
  const t = zeroTotals();
  for (const l of lines) {
    t[l.kind].min += l.monthlyUsd.min;
    t[l.kind].max += l.monthlyUsd.max;
    t.total.min += l.monthlyUsd.min;
    t.total.max += l.monthlyUsd.max;
  }
  return t;
}

/** The nearest mlops-kit component above a resource, as `Type name`, or `(stack)`. */
function componentOf(r: PlanResource, byUrn: Map<string, PlanResource>): { label: string; urn?: string } {
  const seen = new Set<string>();
  let parent = r.parent ? byUrn.get(r.parent) : undefined;
  while (parent && !seen.has(parent.urn)) {
    if (parent.type.startsWith(COMPONENT_TYPE_PREFIX)) {
      return { label: `${parent.type.slice(COMPONENT_TYPE_PREFIX.length)} ${parent.name}`, urn: parent.urn };
    }
    seen.add(parent.urn);
    parent = parent.parent ? byUrn.get(parent.parent) : undefined;
  }
  return { label: STACK_GROUP };
}

function byMaxThenName<T extends CostTotals>(name: (x: T) => string) {
  return (a: T, b: T) => b.total.max - a.total.max || name(a).localeCompare(name(b));
}
