import type { PlanResource } from "../../../plan";
import { type CostLine, HOURS_PER_MONTH, type Pricer, type PricingContext } from "../../types";
import { groupCount, poolCount, TYPES, type VmCount } from "./compute";
import { costLine, KEYS } from "./prices";
import { list, referencing, str } from "./read";

// Cloud NAT, the global external Application Load Balancer and Cloud DNS.

/** Cloud NAT bills a gateway per VM using it, up to 32 VMs; past that, a flat hourly rate. */
export const NAT_VM_CAP = 32;

/** Every VM of the plan (instance groups and GKE node pools), at its scaling bounds. */
export function planVms(ctx: PricingContext): VmCount {
  const counts = ctx.plan.resources.flatMap((r) => {
    if (r.type === TYPES.group) return [groupCount(ctx, r)];
    if (r.type === TYPES.nodePool) return [poolCount(ctx, r)];
    return [];
  });
  return {
    min: counts.reduce((s, c) => s + c.min, 0),
    max: counts.reduce((s, c) => s + c.max, 0),
    from: "every instance group and node pool of the stack",
  };
}

function gatewayLines(vms: VmCount): CostLine[] {
  const counted = `assumes every VM of the stack gets a NAT assignment: ${vms.min}..${vms.max} VMs (${vms.from})`;
  const perVm = (n: number) => (n <= NAT_VM_CAP ? n * HOURS_PER_MONTH : 0);
  const flat = (n: number) => (n > NAT_VM_CAP ? HOURS_PER_MONTH : 0);
  const lines: CostLine[] = [];
  if (vms.min <= NAT_VM_CAP) {
    lines.push(
      costLine({
        item: "NAT gateway VM-hours",
        kind: "fixed",
        key: KEYS.natVmHour,
        min: perVm(vms.min),
        max: perVm(vms.max),
        assumption: counted,
      }),
    );
  }
  if (vms.max > NAT_VM_CAP) {
    lines.push(
      costLine({
        item: `NAT gateway hours (over ${NAT_VM_CAP} VMs)`,
        kind: "fixed",
        key: KEYS.natCapHour,
        min: flat(vms.min),
        max: flat(vms.max),
        assumption: counted,
      }),
    );
  }
  return lines;
}

/** A Cloud NAT gateway: per-VM gateway hours, its external addresses, and the data it processes. */
export const priceRouterNat: Pricer = (nat, ctx) => {
  const manual = str(nat.inputs.natIpAllocateOption) === "MANUAL_ONLY";
  const ips = manual ? list(nat.inputs.natIps).length : 1;
  return [
    ...gatewayLines(planVms(ctx)),
    costLine({
      item: "NAT external IP hours",
      kind: "fixed",
      key: KEYS.natIpHour,
      min: ips * HOURS_PER_MONTH,
      max: ips * HOURS_PER_MONTH,
      assumption: manual
        ? `${ips} reserved addresses (natIps)`
        : "one address allocated automatically (AUTO_ONLY adds more only as ports run out)",
    }),
    costLine({
      item: "NAT data processed",
      kind: "usage",
      key: KEYS.natDataGb,
      min: ctx.usage.natGb,
      max: ctx.usage.natGb,
      assumption: `natGb=${ctx.usage.natGb} GiB a month through the gateway`,
    }),
  ];
};

const FORWARDING_RULE = "gcp:compute/globalForwardingRule:GlobalForwardingRule";
const FIRST_RULES = 5;

/**
 * Global forwarding rules are billed per project: the first five together at one hourly rate, each
 * further one at its own. The stack's rules in URN order: the first carries the five's charge.
 */
export const priceGlobalForwardingRule: Pricer = (rule, ctx) => {
  const rules = ctx.plan.resources.filter((r) => r.type === FORWARDING_RULE).map((r) => r.urn);
  const rank = [...rules].sort().indexOf(rule.urn);
  if (rank > 0 && rank < FIRST_RULES) return [];
  const first = rank <= 0;
  return [
    costLine({
      item: first ? "Forwarding rules (first five, billed together)" : "Forwarding rule hours",
      kind: "fixed",
      key: first ? KEYS.ruleFirstFiveHour : KEYS.ruleExtraHour,
      min: HOURS_PER_MONTH,
      max: HOURS_PER_MONTH,
      assumption: first
        ? `covers the stack's first ${Math.min(rules.length, FIRST_RULES)} global forwarding rules; assumes the project has no others`
        : `rule ${rank + 1} of the stack's ${rules.length}`,
    }),
  ];
};

/** A load balancer's backend service: the data the load balancer processes for it. */
export const priceBackendService: Pricer = (_service, ctx) => [
  costLine({
    item: "Load balancer data processed",
    kind: "usage",
    key: KEYS.lbDataGb,
    min: ctx.usage.loadBalancerGb,
    max: ctx.usage.loadBalancerGb,
    assumption: `loadBalancerGb=${ctx.usage.loadBalancerGb} GiB a month, both directions`,
  }),
];

/**
 * A reserved global address: not charged while a forwarding rule uses it (the load balancer's
 * frontend), billed at the unused rate otherwise.
 */
export const priceGlobalAddress: Pricer = (address, ctx) => {
  if (referencing(ctx, address, FORWARDING_RULE, "ipAddress").length > 0) return [];
  return [
    costLine({
      item: "Reserved external IP address hours (unused)",
      kind: "fixed",
      key: KEYS.addressHour,
      min: HOURS_PER_MONTH,
      max: HOURS_PER_MONTH,
      assumption: "no forwarding rule of the stack uses it, so it is billed as reserved but unused",
    }),
  ];
};

/** A Cloud Armor policy: billed per policy, rule and request. */
export const priceSecurityPolicy: Pricer = () => [
  costLine({
    item: "Cloud Armor policy",
    kind: "fixed",
    key: KEYS.armorPolicyMonth,
    min: 1,
    max: 1,
  }),
];

/** A Cloud DNS managed zone, public or private: a monthly charge per zone. */
export const priceManagedZone: Pricer = (zone: PlanResource) => [
  costLine({
    item: `Managed zone (${str(zone.inputs.visibility) ?? "public"})`,
    kind: "fixed",
    key: KEYS.dnsZoneMonth,
    min: 1,
    max: 1,
  }),
];
