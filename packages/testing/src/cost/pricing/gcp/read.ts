import type { PlanResource } from "../../../plan";
import type { PricingContext } from "../../types";

// Reading a plan resource's inputs, which are plain JSON as the engine received them.

export type Inputs = Record<string, unknown>;

export const isRecord = (v: unknown): v is Inputs => typeof v === "object" && v !== null && !Array.isArray(v);

export function field(from: unknown, ...path: string[]): unknown {
  let at: unknown = from;
  for (const p of path) at = isRecord(at) ? at[p] : undefined;
  return at;
}

export const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The resources of `type` that `r` names in input `property` (its property dependencies). */
export function referenced(ctx: PricingContext, r: PlanResource, property: string, type: string): PlanResource[] {
  return (r.propertyDependencies[property] ?? [])
    .map((urn) => ctx.byUrn(urn))
    .filter((d): d is PlanResource => d !== undefined && d.type === type);
}

/** The resources of `type` in the plan that name `r` in input `property`. */
export function referencing(ctx: PricingContext, r: PlanResource, type: string, property: string): PlanResource[] {
  return ctx.plan.resources.filter((x) => x.type === type && (x.propertyDependencies[property] ?? []).includes(r.urn));
}

/** A GCP region name (`us-central1`) rather than a zone (`us-central1-a`). */
export const isRegion = (location: string) => /^[a-z]+-[a-z]+\d+$/.test(location);
