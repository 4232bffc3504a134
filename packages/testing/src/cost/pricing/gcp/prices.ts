import { type CostKind, type CostLine, type PriceRow, type PricingContext, UnpricedError } from "../../types";
import { computeRows, GPU_UNPRICED, gpuKey } from "./compute-prices";
import { SERVICE_UNPRICED, serviceRows } from "./service-prices";
import { GCP_REGIONS } from "./sources";

export { BUILT_IN_GPUS, GPU_HOURLY_USD, gpuKey, MACHINE_HOURLY_USD, machineKey, NOT_OFFERED } from "./compute-prices";
export { KEYS } from "./service-prices";
export { GCP_REGIONS, READ_ON, SOURCES, SPOT_ASSUMPTION } from "./sources";

const ROW_REGIONS: readonly string[] = [...GCP_REGIONS, "global"];

/** Every GCP price row: machine types, GPUs and the services' items. */
export const GCP_PRICES: readonly PriceRow[] = [...computeRows(), ...serviceRows()];

/** What is wrong with a row: it must say where its number was read, when, and for which region. */
export function rowProblems(row: PriceRow): string[] {
  const problems: string[] = [];
  if (row.source.trim().length === 0) problems.push("source: empty");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.read)) problems.push(`read: "${row.read}" is not YYYY-MM-DD`);
  if (!ROW_REGIONS.includes(row.region)) problems.push(`region: ${row.region} is not a reference region or global`);
  if (row.unit.trim().length === 0) problems.push("unit: empty");
  if (!(row.usd > 0)) problems.push(`usd: ${row.usd} is not a positive price`);
  return problems;
}

/** A price key that has no row in a region (or in any, `global`), with why. */
export interface Unpriced {
  key: string;
  region: string;
  reason: string;
}

export const GCP_UNPRICED: readonly Unpriced[] = [
  ...GPU_UNPRICED.map((g) => ({ key: gpuKey(g.accelerator), region: g.region, reason: g.reason })),
  ...SERVICE_UNPRICED,
];

/** The row pricing `key` in `region`: the region's own, else the `global` one. */
export function findPrice(key: string, region: string): PriceRow | undefined {
  return GCP_PRICES.find((r) => r.key === key && r.region === region) ?? GCP_PRICES.find((r) => r.key === key && r.region === "global");
}

/** Why `key` has no price in `region`. */
export function unpricedReason(key: string, region: string): string {
  const known = GCP_UNPRICED.find((u) => u.key === key && (u.region === region || u.region === "global"));
  return known?.reason ?? `no GCP price row for ${key} in ${region}`;
}

/** Throws `UnpricedError` (naming the resource) unless `key` has a price in the stack's region. */
export function requirePrice(key: string, ctx: Pick<PricingContext, "region">, what: string): PriceRow {
  const found = findPrice(key, ctx.region);
  if (!found) throw new UnpricedError(`${what}: ${unpricedReason(key, ctx.region)}`);
  return found;
}

export interface LineSpec {
  item: string;
  kind: CostKind;
  key: string;
  min: number;
  max: number;
  assumption?: string;
}

/** A cost line whose price key is known to have a row in the stack's region (else `UnpricedError`). */
export function costLine(ctx: Pick<PricingContext, "region">, what: string, spec: LineSpec): CostLine {
  requirePrice(spec.key, ctx, what);
  return {
    item: spec.item,
    kind: spec.kind,
    priceKey: spec.key,
    quantity: { min: spec.min, max: spec.max },
    ...(spec.assumption !== undefined ? { assumption: spec.assumption } : {}),
  };
}
