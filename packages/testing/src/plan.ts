/**
 * The plan JSON: what a Pulumi program would register, captured offline.
 * This shape is the contract of `mlops plan --json`; change it only with a new `version`.
 */
export const PLAN_VERSION = 1 as const;

/** Rendered in place of every secret value (inputs, outputs and secure config). */
export const SECRET_PLACEHOLDER = "[secret]";

/** Rendered in place of a value that is unknown until the resource is created. */
export const UNKNOWN = Object.freeze({ __pulumiUnknown: true as const });

export interface PlanResource {
  /** The URN as the real engine forms it (parent types qualify child types; the Stack does not). */
  urn: string;
  /** The resource type token, e.g. `aws:ec2/vpc:Vpc` or `mlops:index:MlopsVpc`. */
  type: string;
  /** The logical name given to the constructor. */
  name: string;
  /** True for provider-managed (custom) resources, false for components and the stack. */
  custom: boolean;
  /** URN of the parent resource; absent only for the stack itself. */
  parent?: string;
  /** Explicit provider reference (`<provider urn>::<id>`); absent when the default provider is used. */
  provider?: string;
  /** URNs named in the resource's own `dependsOn` option. */
  dependsOn: string[];
  /** The engine's view: every resource this one waits for (`dependsOn` plus those its inputs reference). */
  dependencies: string[];
  /** Per input property, the URNs its value came from. */
  propertyDependencies: Record<string, string[]>;
  /** Inputs as sent to the engine, secrets masked. Provider defaults are not applied. */
  inputs: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  /** Set for resources read with `.get()` rather than managed: the id that was read. */
  readId?: string;
  /**
   * The resource's own aliases as URNs, when it has any (the ones inherited from a parent's alias
   * depend on the old state: see `matchAliases`). Aliases the SDK adds for a type's API versions are left out.
   */
  aliases?: string[];
}

export interface Plan {
  version: typeof PLAN_VERSION;
  project: string;
  stack: string;
  /** The value of `mlops:cloud` when the stack sets it. */
  cloud?: string;
  resources: PlanResource[];
  /** Stack outputs, secrets masked. */
  outputs: Record<string, unknown>;
}
