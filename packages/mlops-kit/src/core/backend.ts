import type * as pulumi from "@pulumi/pulumi";

/** What a component hands its backend besides the plan. */
export interface ProvisionContext {
  /** The component: parent of every child resource. */
  parent: pulumi.ComponentResource;
  /** Resource options every child gets (the parent, and nothing that would serialize the graph). */
  opts: pulumi.CustomResourceOptions;
}

/** A spec's overrides for one cloud, keyed by child role (`R`, the component's roles on that cloud). */
export type Overrides<R extends string> = Partial<Record<R, Record<string, unknown>>>;

/**
 * Merges a spec's pass-through overrides for one child (by role) over the arguments we chose.
 * Shallow on purpose: an override replaces a whole property, which is what users can predict.
 * The role is typed by the component's role list, so a misspelt role is a compile error rather
 * than an override silently ignored.
 */
export function withOverrides<T extends object, R extends string>(args: T, overrides: Overrides<R>, role: NoInfer<R>): T {
  const extra = overrides[role];
  return extra ? ({ ...args, ...extra } as T) : args;
}

/**
 * Arguments passed through to a child resource (overrides). Deliberately `any`: the child's own
 * SDK types it, and Pulumi's schema inference maps `any` to its `Any` type (it rejects `unknown`).
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type PassThroughArgs = Record<string, any>;
