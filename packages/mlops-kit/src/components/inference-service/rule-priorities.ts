import { SpecError } from "../../core/errors";
import { AZURE_RULE_BAND, type InferenceServicePlan, TYPE } from "./plan";

// Azure refuses a second rule with the priority of another in the same network security group
// (SecurityRuleConflict), and every service on a network adds its rules to the same two groups.
// A hash of the name alone collides (two services of ten share a slot about one time in seven):
// services of one program on one network take slots from this registry instead.

/** Priorities taken on each network of this program: the first of a service's two, by service. */
const taken = new WeakMap<object, Map<string, number>>();

/**
 * The plan with the first of the two priorities (`p`, `p + 1`) the service's rules take on Azure
 * (other clouds' plans pass through). Called before the service registers anything. A pinned priority is
 * taken as is and must not overlap another service's pair; otherwise the service takes its
 * hashed slot, or the next free slot of the band after it. `network` identifies the network
 * within the program (undefined when it is known only once it resolves: then the hashed or
 * pinned slot is used as is).
 */
export function withRulePriority(plan: InferenceServicePlan, network: object | undefined): InferenceServicePlan {
  if (plan.cloud !== "azure" || network === undefined) return plan;
  return { ...plan, azure: { ...plan.azure, rulePriority: allocateRulePriority(plan, network) } };
}

function allocateRulePriority(plan: InferenceServicePlan, network: object): number {
  const wanted = plan.azure.rulePriority;
  let services = taken.get(network);
  if (!services) {
    services = new Map();
    taken.set(network, services);
  }
  const clashWith = (p: number) => [...services.entries()].find(([, q]) => Math.abs(p - q) < 2)?.[0];
  let priority = wanted;
  if (plan.azure.rulePriorityPinned) {
    const other = clashWith(wanted);
    if (other !== undefined) {
      throw new SpecError(TYPE, plan.name, [
        {
          path: "azure.rulePriority",
          message: `(${wanted}) overlaps the rules of InferenceService "${other}" (${services.get(other)} and the next) on the same network; each service takes two priorities`,
        },
      ]);
    }
  } else {
    const { first, slots, width } = AZURE_RULE_BAND;
    const start = Math.floor((wanted - first) / width);
    const free = Array.from({ length: slots }, (_, i) => first + ((start + i) % slots) * width).find((p) => clashWith(p) === undefined);
    if (free === undefined) {
      throw new SpecError(TYPE, plan.name, [
        { path: "azure.rulePriority", message: `no free slot is left in ${first}-${first + slots * width - 1} on this network: set one` },
      ]);
    }
    priority = free;
  }
  services.set(plan.name, priority);
  return priority;
}
