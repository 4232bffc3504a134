/**
 * The idle-cost row: what a dev stack costs a month with nobody using it (the fixed part at the
 * lower scaling bounds) against a hand-written minimal equivalent, both priced by `mlops cost`'s
 * estimator, and the items that make up the difference.
 */
import type { CostReport } from "../../packages/testing/src/cost/report";

export interface IdleSide {
  /** Fixed monthly USD at the lower scaling bounds: the bill of a platform nobody uses. */
  idleUsd: number;
  /** The same at the upper bounds. */
  fixedMaxUsd: number;
  resources: number;
  /** Resources the tables could not price (not in idleUsd), by type. */
  unpriced: Record<string, number>;
}

export interface IdleItem {
  item: string;
  ours: number;
  minimal: number;
  difference: number;
}

export interface IdleComparison {
  ours: IdleSide;
  minimal: IdleSide;
  /** ours / minimal. */
  ratio: number;
  /** The dev stack's idle cost per component, largest first. */
  byComponent: { component: string; idleUsd: number }[];
  /** Billed items (`NAT gateway hours`, ...) by how much they add over the minimal program, largest first. */
  items: IdleItem[];
}

function side(r: CostReport): IdleSide {
  const unpriced: Record<string, number> = {};
  for (const u of r.unpriced) unpriced[u.type] = (unpriced[u.type] ?? 0) + 1;
  return { idleUsd: r.fixed.min, fixedMaxUsd: r.fixed.max, resources: r.resources.length, unpriced };
}

/** Fixed monthly USD at the lower bounds, per billed item. */
function idleByItem(r: CostReport): Map<string, number> {
  const items = new Map<string, number>();
  for (const res of r.resources)
    for (const l of res.lines) if (l.kind === "fixed") items.set(l.item, (items.get(l.item) ?? 0) + l.monthlyUsd.min);
  return items;
}

export function compareIdle(ours: CostReport, minimal: CostReport, top = 8): IdleComparison {
  const a = idleByItem(ours);
  const b = idleByItem(minimal);
  const items = [...new Set([...a.keys(), ...b.keys()])]
    .map((item) => ({ item, ours: a.get(item) ?? 0, minimal: b.get(item) ?? 0, difference: (a.get(item) ?? 0) - (b.get(item) ?? 0) }))
    .filter((i) => Math.abs(i.difference) >= 0.005)
    .sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference) || x.item.localeCompare(y.item))
    .slice(0, top);
  return {
    ours: side(ours),
    minimal: side(minimal),
    ratio: minimal.fixed.min > 0 ? ours.fixed.min / minimal.fixed.min : Number.NaN,
    byComponent: ours.components
      .map((c) => ({ component: c.component, idleUsd: c.fixed.min }))
      .filter((c) => c.idleUsd > 0)
      .sort((x, y) => y.idleUsd - x.idleUsd || x.component.localeCompare(y.component)),
    items,
  };
}
