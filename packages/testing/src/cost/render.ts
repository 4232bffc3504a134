import { USAGE_DESCRIPTIONS, USAGE_KEYS } from "./assumptions";
import { quantity, unitUsd, usdRange } from "./format";
import type { ComponentCost, CostReport, PricedLine, ResourceCost } from "./report";

/** Resources shown one by one in the text and markdown reports; `--json` has them all. */
export const TOP_RESOURCES = 10;

const DISCLAIMER = "list prices on demand, before free tiers, discounts and taxes: an estimate, not a bill";

function title(r: CostReport): string {
  return `${r.project}/${r.stack} (${r.cloud}, ${r.region})`;
}

function lineText(l: PricedLine): string {
  const why = l.assumption ? ` (${l.assumption})` : "";
  return `${l.item}: ${quantity(l.quantity)} ${l.unit} × ${unitUsd(l.unitUsd)} = ${usdRange(l.monthlyUsd)} ${l.kind}${why}`;
}

function pricesRead(r: CostReport): string {
  return r.pricesRead.length > 0 ? `prices read ${r.pricesRead.join(", ")}` : "no price used";
}

/** `natGb=100` and its meaning, per assumption. */
function assumptionRows(r: CostReport): [string, string][] {
  return USAGE_KEYS.map((k) => [`${k}=${r.assumptions[k]}`, USAGE_DESCRIPTIONS[k]]);
}

/**
 * `3 resources NOT PRICED, not counted; 2 priced in part, the rest not counted`: a resource priced
 * in part is in the totals for what it can be priced for, so it is not said to be left out.
 */
function unpricedCount(r: CostReport): string {
  const partly = r.unpriced.filter((u) => u.partly).length;
  const wholly = r.unpriced.length - partly;
  const parts = [
    wholly > 0 ? `${wholly} ${wholly === 1 ? "resource" : "resources"} NOT PRICED, not counted` : "",
    partly > 0 ? `${partly} priced in part, the rest not counted` : "",
  ];
  return parts.filter(Boolean).join("; ");
}

/** `40 resources, 7 of them priced in part`. */
function unpricedHeading(r: CostReport): string {
  const n = r.unpriced.length;
  const partly = r.unpriced.filter((u) => u.partly).length;
  return `${n} ${n === 1 ? "resource" : "resources"}${partly > 0 ? `, ${partly} of them priced in part` : ""}`;
}

/** A component's `(2 free, 1 NOT PRICED, 3 priced in part)`, empty when all of it is priced. */
function componentCounts(c: ComponentCost): string {
  const partly = c.partly ?? 0;
  const wholly = c.unpriced - partly;
  const counts = [
    c.free > 0 ? `${c.free} free` : "",
    wholly > 0 ? `${wholly} NOT PRICED` : "",
    partly > 0 ? `${partly} priced in part` : "",
  ];
  const text = counts.filter(Boolean).join(", ");
  return text ? `  (${text})` : "";
}

/** Why resources are free, most common first: one reason per line, the reasons being long. */
function freeReasons(r: CostReport): [string, number][] {
  return Object.entries(r.free.byReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function freeHeading(r: CostReport): string {
  return `Free: ${r.free.count} ${r.free.count === 1 ? "resource" : "resources"}`;
}

/** The terminal report: per component, the top resources, what is not priced, the assumptions. */
export function renderCostText(r: CostReport): string {
  const lines = [`Stack ${title(r)}: monthly estimate in US dollars, offline`, `${DISCLAIMER}; ${pricesRead(r)}`, ""];
  const width = Math.max(9, ...r.components.map((c) => c.component.length)) + 2;
  const head = (a: string, b: string, c: string, d: string) => `  ${a.padEnd(width)}${b.padEnd(20)}${c.padEnd(20)}${d}`;
  lines.push(head("Component", "fixed", "usage", "total"));
  for (const c of r.components)
    lines.push(`${head(c.component, usdRange(c.fixed), usdRange(c.usage), usdRange(c.total))}${componentCounts(c)}`);
  const notCounted = r.unpriced.length > 0 ? `  (${unpricedCount(r)})` : "";
  lines.push(`${head("Total", usdRange(r.fixed), usdRange(r.usage), usdRange(r.total))}${notCounted}`, "");
  lines.push(`Top resources (${Math.min(TOP_RESOURCES, r.resources.length)} of ${r.resources.length} priced, by upper bound)`);
  for (const res of r.resources.slice(0, TOP_RESOURCES)) {
    lines.push(`  ${usdRange(res.total).padEnd(20)}${res.name}  ${res.type}  [${res.component}]`);
    for (const l of res.lines) lines.push(`      ${lineText(l)}`);
    for (const item of res.notPriced ?? []) lines.push(`      NOT PRICED, not counted: ${item}`);
  }
  lines.push("");
  if (r.unpriced.length > 0) {
    lines.push(`Not counted in the totals (${unpricedHeading(r)}):`);
    for (const u of r.unpriced) lines.push(`  ${u.type}  ${u.name}  [${u.component}]: ${u.reason}`);
  } else {
    lines.push("Not priced: none");
  }
  lines.push(`${freeHeading(r)}${r.free.count > 0 ? ", by reason:" : ""}`);
  for (const [why, n] of freeReasons(r)) lines.push(`  ${String(n).padStart(4)}  ${why}`);
  lines.push("", "Assumptions (override with --assume key=value):");
  for (const [kv, meaning] of assumptionRows(r)) lines.push(`  ${kv.padEnd(28)}${meaning}`);
  return `${lines.join("\n")}\n`;
}

/** The markdown "Not priced" cell: `3`, or `3 (1 in part)`. */
const notPricedCell = (c: ComponentCost) => (c.partly ? `${c.unpriced} (${c.partly} in part)` : String(c.unpriced));

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function markdownResource(res: ResourceCost): string {
  const items = [
    ...res.lines.map((l) => cell(lineText(l))),
    ...(res.notPriced ?? []).map((i) => `NOT PRICED, not counted: ${cell(i)}`),
  ].join("<br>");
  return `| \`${res.name}\` | \`${res.type}\` | ${usdRange(res.total)} | ${items} |`;
}

/** Markdown for a pull request or a wiki page. */
export function renderCostMarkdown(r: CostReport): string {
  const lines = [
    `### mlops cost: ${title(r)}`,
    "",
    `**Monthly: fixed ${usdRange(r.fixed)}, usage ${usdRange(r.usage)}, total ${usdRange(r.total)}** (${DISCLAIMER}; ${pricesRead(r)})`,
    "",
    "| Component | Fixed | Usage | Total | Not priced |",
    "|---|--:|--:|--:|--:|",
    ...r.components.map(
      (c) => `| ${cell(c.component)} | ${usdRange(c.fixed)} | ${usdRange(c.usage)} | ${usdRange(c.total)} | ${notPricedCell(c)} |`,
    ),
    "",
    "<details><summary>Top resources</summary>",
    "",
    "| Resource | Type | Monthly | Items |",
    "|---|---|--:|---|",
    ...r.resources.slice(0, TOP_RESOURCES).map(markdownResource),
    "",
    "</details>",
    "",
  ];
  if (r.unpriced.length > 0) {
    lines.push(`#### Not counted in the totals (${unpricedHeading(r)})`, "");
    for (const u of r.unpriced) lines.push(`- \`${u.type}\` \`${u.name}\`: ${cell(u.reason)}`);
    lines.push("");
  }
  if (r.free.count > 0) {
    lines.push(`<details><summary>${freeHeading(r)}</summary>`, "");
    for (const [why, n] of freeReasons(r)) lines.push(`- ${n}: ${cell(why)}`);
    lines.push("", "</details>", "");
  } else {
    lines.push(`${freeHeading(r)}.`, "");
  }
  lines.push(
    `Assumptions: ${assumptionRows(r)
      .map(([kv]) => `\`${kv}\``)
      .join(", ")} (override with \`--assume key=value\`).`,
  );
  return `${lines.join("\n")}\n`;
}

/** `mlops cost --json`: the report itself (version 1), amounts unrounded. */
export function renderCostJson(r: CostReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
