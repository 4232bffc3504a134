import type { PolicyReport, PolicyViolation } from "../policy";
import type { PolicyChange, PolicyDelta } from "./types";

/** A violation's identity across two plans: the policy and the resource (by URN), not its wording. */
const key = (v: PolicyViolation) => `${v.policyPack}\u0000${v.policyName}\u0000${v.urn ?? ""}`;

function change(v: PolicyViolation): PolicyChange {
  return {
    policyName: v.policyName,
    enforcementLevel: v.enforcementLevel,
    ...(v.urn ? { urn: v.urn } : {}),
    ...(v.name ? { name: v.name } : {}),
    message: (v.detail || v.description).split("\n")[0] ?? "",
  };
}

/** The violations the head has that the base had not (added), and the reverse (removed). */
export function policyDelta(base: PolicyReport, head: PolicyReport): PolicyDelta {
  const before = new Set(base.violations.map(key));
  const after = new Set(head.violations.map(key));
  return {
    added: head.violations.filter((v) => !before.has(key(v))).map(change),
    removed: base.violations.filter((v) => !after.has(key(v))).map(change),
  };
}
