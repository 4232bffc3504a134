import type { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { reportAdvisory } from "./rule";
import { describe, isProdStack } from "./stack";

export function deletionSafetySchema(statefulTypes: string[]) {
  return {
    properties: {
      statefulTypes: {
        type: "array" as const,
        items: { type: "string" as const },
        default: statefulTypes,
        description: "Resource types that hold data and must survive a delete or replace in production.",
      },
      prodStackPattern: { type: "string" as const, default: "prod$", description: "Regular expression matched against the stack name." },
    },
  };
}

/**
 * In a production stack, every resource of a stateful type has `protect` or `retainOnDelete` (or
 * `safe(r)`, a cloud-side protection). Pulumi's analyzer protocol carries `protect` but not
 * `retainOnDelete`: when the option is not visible (under the Pulumi CLI), a resource without
 * `protect` is reported as advisory, since the rule cannot tell; `mlops check` sees both.
 */
export function checkDeletionSafety(
  args: StackValidationArgs,
  report: ReportViolation,
  safe: (r: PolicyResource) => boolean = () => false,
): void {
  const { statefulTypes, prodStackPattern } = args.getConfig<{ statefulTypes: string[]; prodStackPattern: string }>();
  if (!isProdStack(prodStackPattern)) args.notApplicable("not a production stack");
  const types = new Set(statefulTypes);
  for (const r of args.resources.filter((x) => types.has(x.type))) {
    if (r.opts.protect || safe(r)) continue;
    const retain = (r.opts as { retainOnDelete?: boolean }).retainOnDelete;
    if (retain === true) continue;
    if (retain === undefined) {
      reportAdvisory(
        report,
        `${describe(r)} is not protected; whether it has retainOnDelete cannot be seen here (the Pulumi CLI does not pass it to policy packs): check with \`mlops check\`, or set protect.`,
        r.urn,
      );
    } else {
      report(`${describe(r)} has neither protect nor retainOnDelete: deleting or replacing it destroys its data.`, r.urn);
    }
  }
}
