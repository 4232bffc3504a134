import type { CostKind, CostLine } from "./types";

/** One billed item as the pricers describe it; the estimator looks `key` up in the cloud's table. */
export interface LineSpec {
  item: string;
  kind: CostKind;
  /** The price row's key. */
  key: string;
  /** Units a month at the lower scaling bound. */
  min: number;
  /** Units a month at the upper bound; `min` when it does not scale. */
  max?: number;
  assumption?: string;
}

/** A cost line; one the table has no row for is listed by the estimator as not priced. */
export function costLine(spec: LineSpec): CostLine {
  return {
    item: spec.item,
    kind: spec.kind,
    priceKey: spec.key,
    quantity: { min: spec.min, max: spec.max ?? spec.min },
    ...(spec.assumption !== undefined ? { assumption: spec.assumption } : {}),
  };
}
