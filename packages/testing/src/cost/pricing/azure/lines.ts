import type { PlanResource } from "../../../plan";
import { HOURS_PER_MONTH } from "../../types";
import { FACTS } from "./sources";

// What every Azure pricer shares: reading a resource's inputs and building lines. Whether the
// table has a line's price is the estimator's to check: an item without one is listed as not priced.

/** A property path of the inputs (`"sku.name"`), or undefined when any step is missing. */
export function input(resource: PlanResource, path: string): unknown {
  let at: unknown = resource.inputs;
  for (const key of path.split(".")) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export function inputString(resource: PlanResource, path: string): string | undefined {
  const v = input(resource, path);
  return typeof v === "string" ? v : undefined;
}

/** A number input; Azure takes some counts as strings ("1"), read those too. */
export function inputNumber(resource: PlanResource, path: string): number | undefined {
  const v = input(resource, path);
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Hours a month for `count` of something billed by the hour. */
export const hours = (count: number) => count * HOURS_PER_MONTH;

/** The description of a resource in an error: its type's last part and name. */
export const describe = (r: PlanResource) => `${r.type.split(":").pop()} ${r.name}`;

/** Months as a fraction of the billing month, for units billed by the day. */
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** An ISO 8601 duration (`PT5M`, `PT1H`, `P90D`, `P1Y`) in minutes; undefined when it is not one of those forms. */
export function isoMinutes(duration: string): number | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!m || duration === "P" || duration.endsWith("T")) return undefined;
  const [years, months, days, h, min] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return ((years * 365 + months * (365 / 12) + days) * 24 + h) * 60 + min;
}

/** The Premium SSD tier a disk of `sizeGiB` is billed at: the smallest that holds it. */
export function premiumTier(sizeGiB: number): string | undefined {
  return FACTS.premiumSsdTiers.find(([, gib]) => gib >= sizeGiB)?.[0];
}
