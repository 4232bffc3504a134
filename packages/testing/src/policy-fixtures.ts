import type { Plan, PlanResource } from "./plan";
import { type EvaluateOptions, evaluatePolicies, type PolicyReport } from "./policy";
import { type PolicyLike, policyPack } from "./policy-pack";

// ---- Fixtures -------------------------------------------------------------------------------------

const REF = Symbol("planRef");
interface PlanRef {
  [REF]: true;
  target: PlanResource;
  value: unknown;
}

/** An input computed from another resource: its value, and a property dependency on that resource. */
export function ref(target: PlanResource, value: unknown = `${target.name}-id`): unknown {
  return { [REF]: true, target, value } satisfies PlanRef;
}

function isRef(v: unknown): v is PlanRef {
  return typeof v === "object" && v !== null && REF in v;
}

/**
 * A hand-made plan resource for policy tests. Top-level inputs made with {@link ref} become
 * property dependencies (and dependencies) on the resource they name.
 */
export function planResource(
  type: string,
  name: string,
  inputs: Record<string, unknown> = {},
  extra: Partial<Omit<PlanResource, "type" | "name" | "inputs">> & { stack?: string; project?: string } = {},
): PlanResource {
  const { stack = "test", project = "test", ...rest } = extra;
  const propertyDependencies: Record<string, string[]> = {};
  const plainInputs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (isRef(v)) {
      propertyDependencies[k] = [v.target.urn];
      plainInputs[k] = v.value;
    } else {
      plainInputs[k] = v;
    }
  }
  const custom = !type.startsWith("mlops:") && type !== "pulumi:pulumi:Stack";
  return {
    urn: `urn:pulumi:${stack}::${project}::${type}::${name}`,
    type,
    name,
    custom,
    dependsOn: [],
    dependencies: [...new Set(Object.values(propertyDependencies).flat())].sort(),
    propertyDependencies,
    inputs: plainInputs,
    protect: false,
    retainOnDelete: false,
    ...rest,
  };
}

/** A plan of hand-made resources. */
export function planOf(resources: PlanResource[], meta: { stack?: string; project?: string; cloud?: string } = {}): Plan {
  return {
    version: 1,
    project: meta.project ?? "test",
    stack: meta.stack ?? "test",
    ...(meta.cloud ? { cloud: meta.cloud } : {}),
    resources: [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)),
    outputs: {},
  };
}

/**
 * Runs policies on hand-made resources (or a plan) and returns what they report, for tests of
 * single rules: `await findings(rule, [subnet])` -> `["mapPublicIpOnLaunch is true: ..."]`.
 */
export async function checkPolicies(
  policies: PolicyLike | PolicyLike[],
  resources: PlanResource[] | Plan,
  options: EvaluateOptions & { stack?: string } = {},
): Promise<PolicyReport> {
  const { stack, ...evaluate } = options;
  const plan = Array.isArray(resources) ? planOf(resources, stack ? { stack } : {}) : resources;
  return evaluatePolicies(plan, [policyPack("test", Array.isArray(policies) ? policies : [policies])], evaluate);
}

/** The details of the violations {@link checkPolicies} finds, in order. */
export async function findings(
  policies: PolicyLike | PolicyLike[],
  resources: PlanResource[] | Plan,
  options: EvaluateOptions & { stack?: string } = {},
): Promise<string[]> {
  return (await checkPolicies(policies, resources, options)).violations.map((v) => v.detail);
}
