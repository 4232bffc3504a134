import type { PolicyResource } from "@pulumi/policy";
import { ifKnown } from "./values";

// The Pulumi CLI starts a policy pack with the stack's name and configuration in its environment
// (PULUMI_STACK, PULUMI_CONFIG: keys `namespace:key`); `mlops check` sets the same variables.

/** The name of the stack being checked; empty when unknown. */
export function stackName(): string {
  return process.env.PULUMI_STACK ?? process.env.PULUMI_NODEJS_STACK ?? "";
}

/** A value of the stack's configuration (`mlops:profile`), as text. */
export function stackConfig(key: string): string | undefined {
  const raw = process.env.PULUMI_CONFIG;
  if (!raw) return undefined;
  try {
    const config = JSON.parse(raw) as Record<string, unknown>;
    const value = config[key];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Production: the stack setting `mlops:profile` is `prod`, or the stack's name matches `namePattern`. */
export function isProdStack(namePattern = "prod$"): boolean {
  return stackConfig("mlops:profile") === "prod" || new RegExp(namePattern).test(stackName());
}

/** Resources of `candidates` whose property `property` was computed from `target` (e.g. a flow log's `vpcId`). */
export function referencing(target: PolicyResource, candidates: PolicyResource[], property: string): PolicyResource[] {
  return candidates.filter((c) => (c.propertyDependencies[property] ?? []).some((d) => d.urn === target.urn));
}

/** A resource as a reader knows it: type and name. */
export function describe(r: { type: string; name: string }): string {
  return `${r.type} "${r.name}"`;
}

/**
 * Resources of `candidates` that configure `target` through `property`: computed from it (a
 * property dependency), or naming it literally (`bucket: "my-bucket"` equal to the target's own
 * `nameKey` input).
 */
export function configuring(target: PolicyResource, candidates: PolicyResource[], property: string, nameKey: string): PolicyResource[] {
  const name = ifKnown(() => target.props[nameKey]);
  return candidates.filter(
    (c) =>
      (c.propertyDependencies[property] ?? []).some((d) => d.urn === target.urn) ||
      (typeof name === "string" && name !== "" && ifKnown(() => c.props[property]) === name),
  );
}
