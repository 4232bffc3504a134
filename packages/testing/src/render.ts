import type { Plan, PlanResource } from "./plan";

/**
 * The plan as a tree in the manner of `pulumi preview`: type and name, each resource indented
 * under its parent, children in registration-independent (URN) order.
 */
export function renderTree(plan: Plan): string {
  const children = new Map<string, PlanResource[]>();
  const roots: PlanResource[] = [];
  const urns = new Set(plan.resources.map((r) => r.urn));
  for (const r of plan.resources) {
    if (r.parent && urns.has(r.parent)) {
      const list = children.get(r.parent) ?? [];
      list.push(r);
      children.set(r.parent, list);
    } else {
      roots.push(r);
    }
  }
  const rows: [string, string][] = [];
  const walk = (r: PlanResource, prefix: string, branch: string) => {
    rows.push([`${prefix}${branch}${r.type}`, r.name]);
    const kids = children.get(r.urn) ?? [];
    const childPrefix = prefix + (branch === "" ? "" : branch === "└─ " ? "   " : "│  ");
    for (const [i, k] of kids.entries()) walk(k, childPrefix, i === kids.length - 1 ? "└─ " : "├─ ");
  };
  for (const r of roots) walk(r, "", "");
  const width = Math.max(4, ...rows.map(([t]) => t.length)) + 2;
  const lines = [`${"Type".padEnd(width)}Name`, ...rows.map(([t, n]) => `${t.padEnd(width)}${n}`)];
  return lines.join("\n");
}

/** Resource counts per type, most frequent first, then by type. */
export function countByType(plan: Plan): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of plan.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
