import { usdChange, usdRange } from "./format";
import type { CostReport, CostTotals, UnpricedResource, UsdRange } from "./report";
import type { PricedCloud } from "./types";

/** Fixed and usage amounts of one side of a change. */
export interface CostSide {
  fixed: UsdRange;
  usage: UsdRange;
}

export interface ComponentCostChange {
  /** `MlopsVpc platform`, or `(stack)`. */
  component: string;
  base: CostSide;
  head: CostSide;
  change: CostSide;
}

/** The monthly cost of a change: `PlanDiff.cost`, in US dollars, unrounded. */
export interface CostDelta {
  cloud: PricedCloud;
  region: string;
  currency: "USD";
  base: CostSide;
  head: CostSide;
  /** Head minus base, bound by bound. */
  change: CostSide;
  /** Components whose amounts differ, the largest change (upper bound, either way) first. */
  components: ComponentCostChange[];
  /**
   * Resources of the head that leave out something the base counted: not priced in the base at
   * all, or priced there in full, or in part with fewer items left out. A resource that stays as
   * unpriced as it was, or gains coverage (unpriced to priced in part), is not new.
   */
  newUnpriced: UnpricedResource[];
  /** How many resources of the head are listed as not priced, wholly or in part. */
  unpricedInHead: number;
  /** How many of `unpricedInHead` are priced in part: their priced items are in `head`. */
  partlyInHead: number;
  /** The days the prices used were read. */
  pricesRead: string[];
}

const side = (t: CostTotals | undefined): CostSide => ({
  fixed: { min: t?.fixed.min ?? 0, max: t?.fixed.max ?? 0 },
  usage: { min: t?.usage.min ?? 0, max: t?.usage.max ?? 0 },
});

const minus = (a: UsdRange, b: UsdRange): UsdRange => ({ min: a.min - b.min, max: a.max - b.max });
const changeOf = (head: CostSide, base: CostSide): CostSide => ({
  fixed: minus(head.fixed, base.fixed),
  usage: minus(head.usage, base.usage),
});

// Sums of floats differ in the last bits when nothing changed: below a hundredth of a cent is no change.
const EPSILON = 1e-4;
const isZero = (c: CostSide) => [c.fixed.min, c.fixed.max, c.usage.min, c.usage.max].every((x) => Math.abs(x) < EPSILON);
const largest = (c: CostSide) => Math.max(Math.abs(c.fixed.max + c.usage.max), Math.abs(c.fixed.min + c.usage.min));

/**
 * What a change does to the monthly estimate: both estimates must be of one cloud and region.
 * `movedFrom` maps a head URN to the base URN an alias keeps it as, so a moved resource the tables
 * could not price before is not reported as newly unpriced.
 */
export function costDelta(base: CostReport, head: CostReport, movedFrom: ReadonlyMap<string, string> = new Map()): CostDelta {
  const baseByComponent = new Map(base.components.map((c) => [c.component, c]));
  const headByComponent = new Map(head.components.map((c) => [c.component, c]));
  const names = [...new Set([...baseByComponent.keys(), ...headByComponent.keys()])];
  const components = names
    .map((component) => {
      const b = side(baseByComponent.get(component));
      const h = side(headByComponent.get(component));
      return { component, base: b, head: h, change: changeOf(h, b) };
    })
    .filter((c) => !isZero(c.change))
    .sort((a, b) => largest(b.change) - largest(a.change) || a.component.localeCompare(b.component));
  const b = side(base);
  const h = side(head);
  return {
    cloud: head.cloud,
    region: head.region,
    currency: "USD",
    base: b,
    head: h,
    change: changeOf(h, b),
    components,
    newUnpriced: newlyUnpriced(base, head, movedFrom),
    unpricedInHead: head.unpriced.length,
    partlyInHead: head.unpriced.filter((u) => u.partly).length,
    pricesRead: [...new Set([...base.pricesRead, ...head.pricesRead])].sort(),
  };
}

/** What a report leaves out of a resource: `all` when it is wholly unpriced, else the items not priced. */
function leftOut(report: CostReport): Map<string, "all" | ReadonlySet<string>> {
  const out = new Map<string, "all" | ReadonlySet<string>>();
  for (const u of report.unpriced) if (!u.partly) out.set(u.urn, "all");
  for (const r of report.resources) if (r.notPriced) out.set(r.urn, new Set(r.notPriced));
  return out;
}

/**
 * The head's unpriced resources that leave out more than the base did for the same resource (its
 * base URN through `movedFrom`): listed once each, whether wholly or in part.
 */
function newlyUnpriced(base: CostReport, head: CostReport, movedFrom: ReadonlyMap<string, string>): UnpricedResource[] {
  const before = leftOut(base);
  const now = leftOut(head);
  return head.unpriced.filter((u) => {
    const was = before.get(movedFrom.get(u.urn) ?? u.urn);
    const is = now.get(u.urn);
    if (was === "all" || is === undefined) return was === undefined;
    if (was === undefined || is === "all") return true;
    return [...is].some((item) => !was.has(item));
  });
}

/** Components listed in a comment; the JSON has them all. */
const COMPONENT_ROWS = 8;

/** The short table near the top of a diff comment. */
export function costDeltaMarkdown(d: CostDelta): string[] {
  const row = (label: string, s: CostSide, c: CostSide) =>
    `| ${label} | ${usdRange(s.fixed)} | ${usdChange(c.fixed)} | ${usdRange(s.usage)} | ${usdChange(c.usage)} |`;
  const lines = [
    `#### Monthly cost (${d.cloud}, ${d.region}, USD list prices, an estimate)`,
    "",
    "| | Fixed | Δ fixed | Usage | Δ usage |",
    "|---|--:|--:|--:|--:|",
    row("**stack**", d.head, d.change),
  ];
  for (const c of d.components.slice(0, COMPONENT_ROWS)) lines.push(row(c.component.replace(/\|/g, "\\|"), c.head, c.change));
  if (d.components.length > COMPONENT_ROWS) lines.push(`| _${d.components.length - COMPONENT_ROWS} more components_ | | | | |`);
  lines.push("");
  if (d.newUnpriced.length > 0) {
    const shown = d.newUnpriced.slice(0, COMPONENT_ROWS).map((u) => `\`${u.name}\` (${u.reason.replace(/\|/g, "\\|")})`);
    const more = d.newUnpriced.length > COMPONENT_ROWS ? `, and ${d.newUnpriced.length - COMPONENT_ROWS} more` : "";
    lines.push(`Not priced, new: ${shown.join(", ")}${more}.`, "");
  }
  return lines;
}

/** The cost lines of `mlops diff`'s terminal output. */
export function costDeltaText(d: CostDelta): string[] {
  const lines = [
    `Monthly cost (${d.cloud}, ${d.region}, USD list prices, an estimate): fixed ${usdRange(d.head.fixed)} (${usdChange(d.change.fixed)}), usage ${usdRange(d.head.usage)} (${usdChange(d.change.usage)})`,
  ];
  for (const c of d.components) lines.push(`  ${c.component}: fixed ${usdChange(c.change.fixed)}, usage ${usdChange(c.change.usage)}`);
  for (const u of d.newUnpriced) lines.push(`  not priced, new: ${u.type} ${u.name}: ${u.reason}`);
  lines.push("");
  return lines;
}
