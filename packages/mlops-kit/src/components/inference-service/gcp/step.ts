import type * as pulumi from "@pulumi/pulumi";
import type { ServiceInputs } from "../contract";
import type { InferenceServicePlan } from "../plan";
import type { OVERRIDE_ROLES } from "../spec";

/** What every step of the GCP backend needs: the plan, the inputs, the region, labels and options. */
export interface Step {
  plan: InferenceServicePlan;
  inputs: ServiceInputs;
  region: pulumi.Output<string>;
  labels: Record<string, string>;
  opts: pulumi.CustomResourceOptions;
  /** Merges `gcp.overrides[role]` over a child's arguments. */
  role: <T extends object>(args: T, name: (typeof OVERRIDE_ROLES)["gcp"][number]) => T;
}
