import type { PolicyResource } from "@pulumi/policy";
import { stackRule } from "./rule";
import { describe, isProdStack } from "./stack";

// The check behind each cloud's `mlops-<cloud>-<service>-prod-cluster-protected` rule: in
// production, a Kubernetes cluster outlives a mistaken delete, and a GPU pool (capacity that can
// take weeks to get back) is not deleted or replaced by accident.

interface ClusterTypes {
  name: string;
  cluster: string;
  pool: string;
  /** Whether a pool of `pool` type runs GPU nodes. */
  isGpuPool: (props: Record<string, unknown>) => boolean;
}

export function prodClusterRule(t: ClusterTypes) {
  return stackRule({
    name: t.name,
    description: "In production stacks, Kubernetes clusters have protect or retainOnDelete, and GPU node pools have protect.",
    severity: "high",
    frameworks: { nist: ["CP-10", "CM-3"] },
    remediation: [
      "Set retainOnDelete (or protect) on the cluster and protect on each GPU pool; TrainingCluster does so in the prod profile.",
      "To change a protected pool on purpose, unprotect it first (pulumi state unprotect), then run the change.",
    ],
    configSchema: {
      properties: {
        prodStackPattern: { type: "string", default: "prod$", description: "Regular expression matched against the stack name." },
      },
    },
    validateStack: (args, report) => {
      if (!isProdStack(args.getConfig<{ prodStackPattern: string }>().prodStackPattern)) args.notApplicable("not a production stack");
      const retained = (r: PolicyResource) => r.opts.protect || (r.opts as { retainOnDelete?: boolean }).retainOnDelete === true;
      for (const r of args.resources) {
        if (r.type === t.cluster && !retained(r)) report(`${describe(r)} has neither protect nor retainOnDelete.`, r.urn);
        if (r.type === t.pool && t.isGpuPool(r.props) && !r.opts.protect) {
          report(`${describe(r)} is a GPU pool without protect: a change that replaces it goes through unasked.`, r.urn);
        }
      }
    },
  });
}
