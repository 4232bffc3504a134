/**
 * What `estimateCost` returns: the contract of `mlops cost --json` (`version` 1). Amounts are US
 * dollars a month, unrounded; only the renderers round.
 */
import type { CostKind, PricedCloud, UsageAssumptions } from "./types";

export const COST_REPORT_VERSION = 1 as const;

/** The label of resources that sit under no mlops-kit component. */
export const STACK_GROUP = "(stack)";

/** Monthly US dollars at the lower and upper scaling bounds. */
export interface UsdRange {
  min: number;
  max: number;
}

/** Fixed and usage-driven amounts, and their sum. */
export interface CostTotals {
  fixed: UsdRange;
  usage: UsdRange;
  total: UsdRange;
}

/** One billed item of one resource, with the price it was multiplied by. */
export interface PricedLine {
  item: string;
  kind: CostKind;
  priceKey: string;
  quantity: UsdRange;
  /** What one unit is (`hour`, `GB`, ...), from the price row. */
  unit: string;
  /** US dollars per unit for the region. */
  unitUsd: number;
  monthlyUsd: UsdRange;
  assumption?: string;
  /** The page the price was read from, and the day. */
  source: string;
  read: string;
}

export interface ResourceCost extends CostTotals {
  urn: string;
  type: string;
  name: string;
  /** The component's label (`MlopsVpc platform`) or `(stack)`. */
  component: string;
  lines: PricedLine[];
  /** Items of the resource the tables do not price (it is also listed under `unpriced`): not counted. */
  notPriced?: string[];
}

export interface UnpricedResource {
  urn: string;
  type: string;
  name: string;
  component: string;
  /** Why it has no price: no pricer for the type, no price row for the region, or the pricer's own reason. */
  reason: string;
  /**
   * Priced in part: its other items are under `resources` and in the totals; the items named in
   * `reason` are not. Absent when nothing of the resource is counted.
   */
  partly?: true;
}

export interface ComponentCost extends CostTotals {
  /** `MlopsVpc platform`, or `(stack)`. */
  component: string;
  /** The component's URN; absent for `(stack)`. */
  urn?: string;
  /** Resources priced in full. `priced + free + unpriced` is every custom resource of the component. */
  priced: number;
  free: number;
  /** Resources listed under `unpriced`, wholly or in part: as many as that list holds for the component. */
  unpriced: number;
  /**
   * How many of `unpriced` are priced in part (their priced items are in the amounts above).
   * Absent when none is.
   */
  partly?: number;
}

export interface CostReport extends CostTotals {
  version: typeof COST_REPORT_VERSION;
  project: string;
  stack: string;
  cloud: PricedCloud;
  region: string;
  currency: "USD";
  /** The assumptions the usage lines were computed with. */
  assumptions: UsageAssumptions;
  /** Each distinct assumption a line named, in the order first met. */
  assumptionsUsed: string[];
  /** The days the prices used were read, sorted. */
  pricesRead: string[];
  /** Per component, the most expensive (upper bound) first. */
  components: ComponentCost[];
  /** Priced resources, wholly or in part (`notPriced` then names what is left out), the most expensive (upper bound) first. */
  resources: ResourceCost[];
  /** Resources the tables do not price, wholly or in part: listed, never counted as zero. */
  unpriced: UnpricedResource[];
  /** Resources that cost nothing by themselves, counted by reason. */
  free: { count: number; byReason: Record<string, number> };
}

export const zeroRange = (): UsdRange => ({ min: 0, max: 0 });
export const zeroTotals = (): CostTotals => ({ fixed: zeroRange(), usage: zeroRange(), total: zeroRange() });

/** Adds `b` into `a` (fixed, usage and total). */
export function addTotals(a: CostTotals, b: CostTotals): void {
  for (const k of ["fixed", "usage", "total"] as const) {
    a[k].min += b[k].min;
    a[k].max += b[k].max;
  }
}
