import type { PlanResource } from "../../../plan";
import { costLine } from "../../line";
import { type CostLine, HOURS_PER_MONTH, type PricingContext, UnpricedError } from "../../types";

// The small pieces every AWS pricer is built from: a fixed or usage line, the inputs read off a
// plan resource. Whether the table has a row for a line's key is the estimator's to check: an item
// without one is listed as not priced.

export { HOURS_PER_MONTH };

/** `costLine` by position, as the AWS pricers read best: a fixed line, and a usage line with its assumption. */
export function fixed(item: string, key: string, min: number, max = min, assumption?: string): CostLine {
  return costLine({ item, kind: "fixed", key, min, max, ...(assumption ? { assumption } : {}) });
}

export function usage(item: string, key: string, min: number, max: number, assumption: string): CostLine {
  return costLine({ item, kind: "usage", key, min, max, assumption });
}

/** A resource billed whenever it exists: one unit a month, or hours around the clock. */
export function monthly(item: string, key: string, count = 1): CostLine {
  return fixed(item, key, count);
}
export function allHours(item: string, key: string, count = 1): CostLine {
  return fixed(item, key, HOURS_PER_MONTH * count);
}

/** A numeric input, or an `UnpricedError` naming it (an unknown value cannot be multiplied). */
export function numberInput(r: PlanResource, path: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  throw new UnpricedError(`${r.type} ${r.name}: ${path} is not a known number (${JSON.stringify(value)})`);
}

export function stringInput(r: PlanResource, path: string, value: unknown): string {
  if (typeof value === "string" && value !== "") return value;
  throw new UnpricedError(`${r.type} ${r.name}: ${path} is not a known string (${JSON.stringify(value)})`);
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The resource an input of `r` names, found through the plan's property dependencies. */
export function related(r: PlanResource, input: string, ctx: PricingContext): PlanResource | undefined {
  const urn = r.propertyDependencies[input]?.[0];
  return urn ? ctx.byUrn(urn) : undefined;
}

/** Throws for a resource the table has no price for, with the reason the estimator lists. */
export function unpriced(reason: string): () => never {
  return () => {
    throw new UnpricedError(reason);
  };
}
