import type * as pulumi from "@pulumi/pulumi";
import type { FeatureStorePlan } from "../plan";
import type { GcpFeatureStorePlan } from "../plan-gcp";
import type { OVERRIDE_ROLES } from "../spec";

/** What every step of the GCP backend takes. */
export interface Step {
  plan: FeatureStorePlan;
  gcp: GcpFeatureStorePlan;
  project: pulumi.Output<string>;
  labels: Record<string, string>;
  opts: pulumi.CustomResourceOptions;
  /** Stateful resources: kept on destroy in prod. */
  keepOpts: pulumi.CustomResourceOptions;
  /** The spec's overrides for one child role merged over its arguments. */
  role: <T extends object>(args: T, role: (typeof OVERRIDE_ROLES)["gcp"][number]) => T;
}
