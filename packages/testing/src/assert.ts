import type { Plan, PlanResource } from "./plan";

/** Every resource of a type, in plan (URN) order. */
export function resourcesOfType(plan: Plan, type: string): PlanResource[] {
  return plan.resources.filter((r) => r.type === type);
}

/** The one resource of a type and logical name; throws with what there is when it is missing. */
export function resource(plan: Plan, type: string, name: string): PlanResource {
  const found = plan.resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = resourcesOfType(plan, type).map((r) => r.name);
    throw new Error(`no ${type} named "${name}" in the plan; ${type} names: ${names.join(", ") || "none"}`);
  }
  return found;
}

/** The component resource of a type (e.g. `mlops:index:MlopsVpc`) with that name. */
export function component(plan: Plan, type: string, name: string): PlanResource {
  return resource(plan, type, name);
}

/** Every resource whose parent chain reaches `ancestorUrn`. */
export function descendantsOf(plan: Plan, ancestorUrn: string): PlanResource[] {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  return plan.resources.filter((r) => {
    let p = r.parent;
    while (p) {
      if (p === ancestorUrn) return true;
      p = byUrn.get(p)?.parent;
    }
    return false;
  });
}
