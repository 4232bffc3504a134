import type { CostDelta } from "../cost/delta";

/** The diff of two plans of one stack: the contract of `mlops diff --json` (`version` 1). */
export const PLAN_DIFF_VERSION = 1 as const;

export const ChangeKind = {
  Create: "create",
  Update: "update",
  Replace: "replace",
  Delete: "delete",
} as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];

export interface InputChange {
  /** Dotted input path, array items as `[i]`. */
  path: string;
  before?: unknown;
  after?: unknown;
  /** True when the provider replaces the resource for this change (the replace-inputs table). */
  forcesReplace: boolean;
}

export interface ResourceChange {
  kind: ChangeKind;
  /** The head's URN (the base's for a delete). */
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** For a rename: the URN in the base. */
  previousUrn?: string;
  /** For a resource kept under an alias (its URN changed, the engine takes it for the old one): the URN in the base. */
  aliasOf?: string;
  /** Why it is replaced, one sentence each. */
  reasons: string[];
  inputs: InputChange[];
  stateful: boolean;
  /** The resource options of the copy that would be deleted (base) or kept (head). */
  protect: boolean;
  retainOnDelete: boolean;
  /** URN of the nearest mlops-kit component above it, when there is one. */
  component?: string;
}

export interface DataLoss {
  urn: string;
  type: string;
  name: string;
  kind: ChangeKind;
  /** What stops it: `protect` (the engine refuses the delete), `retainOnDelete` (the cloud resource is kept, orphaned), or nothing. */
  stoppedBy: "protect" | "retainOnDelete" | "nothing";
  /** One sentence for the reviewer. */
  note: string;
}

export interface ComponentSummary {
  urn: string;
  type: string;
  name: string;
  kind?: ChangeKind;
  /** The summary in the component's own terms. */
  lines: string[];
}

export interface PolicyChange {
  policyName: string;
  enforcementLevel: string;
  urn?: string;
  name?: string;
  message: string;
}

export interface PolicyDelta {
  added: PolicyChange[];
  removed: PolicyChange[];
}

export interface PlanDiff {
  version: typeof PLAN_DIFF_VERSION;
  project: string;
  stack: string;
  /** `aliased`: resources whose URN changed that an alias keeps (counted in `same` or their change too). */
  counts: Record<ChangeKind, number> & { same: number; aliased: number; before: number; after: number };
  /** Stateful resources deleted or replaced: read these first. */
  dataLoss: DataLoss[];
  components: ComponentSummary[];
  /** Every changed resource, data loss first, then by URN. */
  changes: ResourceChange[];
  /** Violations the change adds or removes, when the packs ran. */
  policy?: PolicyDelta;
  /** What the change does to the monthly estimate, when the stack's cloud and region are priced. */
  cost?: CostDelta;
  /** Why there is no `cost` (say, no price table for the cloud yet), in one line. */
  costNote?: string;
}
