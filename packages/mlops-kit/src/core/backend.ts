import type * as pulumi from "@pulumi/pulumi";

/** What a component hands its backend besides the plan. */
export interface ProvisionContext {
  /** The component: parent of every child resource. */
  parent: pulumi.ComponentResource;
  /** Resource options every child gets (the parent, and nothing that would serialize the graph). */
  opts: pulumi.CustomResourceOptions;
}

/**
 * Merges a spec's pass-through overrides for one child (by role) over the arguments we chose.
 * Shallow on purpose: an override replaces a whole property, which is what users can predict.
 */
export function withOverrides<T extends object>(args: T, overrides: Record<string, Record<string, unknown>>, role: string): T {
  const extra = overrides[role];
  return extra ? ({ ...args, ...extra } as T) : args;
}

/**
 * Arguments passed through to a child resource (overrides). Deliberately `any`: the child's own
 * SDK types it, and Pulumi's schema inference maps `any` to its `Any` type (it rejects `unknown`).
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type PassThroughArgs = Record<string, any>;
