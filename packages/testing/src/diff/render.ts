import { costDeltaMarkdown, costDeltaText } from "../cost/delta";
import { showValue } from "./inputs";
import { kindOf } from "./summary";
import type { ChangeKind, PlanDiff, ResourceChange } from "./types";

/** A PR comment's budget: GitHub refuses bodies over 65,536 characters; room is left for a header. */
export const DIFF_MARKDOWN_LIMIT = 60_000;

/** Lines per component in a comment: a component whose every child changed still reads as a summary. */
const COMPONENT_LINES = 8;

const SYMBOL: Record<ChangeKind, string> = { create: "+", update: "~", replace: "+-", delete: "-" };

function headline(d: PlanDiff): string {
  const c = d.counts;
  const aliased = c.aliased > 0 ? `; ${c.aliased} moved, kept by aliases` : "";
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete (${c.before} → ${c.after} resources${aliased})`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function inputLine(c: ResourceChange): string[] {
  return c.inputs.map(
    (i) => `\`${i.path}\`: ${showValue(i.before)} → ${showValue(i.after)}${i.forcesReplace ? " (forces replacement)" : ""}`,
  );
}

/** The data-loss table, components and policy delta: the part never trimmed. */
function markdownHead(d: PlanDiff): string[] {
  const lines = [`### mlops diff: ${d.project}/${d.stack}`, "", `**${headline(d)}**`, ""];
  if (d.dataLoss.length > 0) {
    lines.push("#### ⚠️ Data loss", "", "| Change | Resource | Type | Stopped by |", "|---|---|---|---|");
    for (const l of d.dataLoss) lines.push(`| ${l.kind} | \`${l.name}\` | \`${l.type}\` | ${cell(l.note)} |`);
    lines.push("");
  }
  if (d.cost) lines.push(...costDeltaMarkdown(d.cost));
  else if (d.costNote) lines.push(`_Monthly cost: ${d.costNote}._`, "");
  if (d.components.length > 0) {
    lines.push("#### Components", "");
    for (const c of d.components) {
      lines.push(`- **${c.type.replace(/^mlops:index:/, "")} ${c.name}**${c.kind ? ` (${c.kind})` : ""}`);
      for (const l of c.lines.slice(0, COMPONENT_LINES)) lines.push(`  - ${l}`);
      if (c.lines.length > COMPONENT_LINES) lines.push(`  - _${c.lines.length - COMPONENT_LINES} more lines: see the resources below_`);
    }
    lines.push("");
  }
  if (d.policy && (d.policy.added.length > 0 || d.policy.removed.length > 0)) {
    lines.push("#### Policy", "");
    for (const v of d.policy.added)
      lines.push(`- ❌ new ${v.enforcementLevel} \`${v.policyName}\` on \`${v.name ?? "the stack"}\`: ${cell(v.message)}`);
    for (const v of d.policy.removed) lines.push(`- ✅ fixed ${v.enforcementLevel} \`${v.policyName}\` on \`${v.name ?? "the stack"}\``);
    lines.push("");
  } else if (d.policy) {
    lines.push("Policy: no violation added or removed.", "");
  }
  return lines;
}

function markdownChange(c: ResourceChange): string[] {
  const lines = [`- \`${SYMBOL[c.kind]}\` ${c.kind} **${c.name}** \`${c.type}\``];
  for (const r of c.reasons) lines.push(`  - why: ${cell(r)}`);
  for (const l of inputLine(c)) lines.push(`  - ${cell(l)}`);
  return lines;
}

/**
 * Markdown for a pull request comment, at most `limit` characters: the summary, data loss,
 * components and policy always; resource details as far as they fit, then a note of what was left out.
 */
export function renderDiffMarkdown(d: PlanDiff, limit = DIFF_MARKDOWN_LIMIT): string {
  const head = markdownHead(d);
  if (d.changes.length === 0) return `${[...head, "No changes."].join("\n")}\n`;
  const open = ["<details><summary>Resources</summary>", ""];
  const close = ["", "</details>"];
  let text = [...head, ...open].join("\n");
  const budget = (left: number) => limit - close.join("\n").length - 200 - left;
  let shown = 0;
  for (const c of d.changes) {
    const block = `\n${markdownChange(c).join("\n")}`;
    if (text.length + block.length > budget(0)) break;
    text += block;
    shown++;
  }
  if (shown < d.changes.length) {
    text += `\n\n_${d.changes.length - shown} more changed resources not shown (the comment is kept under ${limit.toLocaleString("en-US")} characters); \`mlops diff --json\` lists them all._`;
  }
  const out = `${text}${close.join("\n")}\n`;
  // The head alone can pass the limit only with thousands of components; cut it hard then.
  return out.length <= limit ? out : `${out.slice(0, limit - 80)}\n\n_… cut at ${limit} characters._\n`;
}

/** Plain text for a terminal. */
export function renderDiffText(d: PlanDiff): string {
  const lines = [`Stack ${d.project}/${d.stack} — offline diff, nothing deployed`, headline(d), ""];
  if (d.dataLoss.length > 0) {
    lines.push("DATA LOSS");
    for (const l of d.dataLoss) lines.push(`  ${l.kind.padEnd(8)} ${kindOf(l.type)} ${l.name}: ${l.note}`);
    lines.push("");
  }
  if (d.cost) lines.push(...costDeltaText(d.cost));
  else if (d.costNote) lines.push(`Monthly cost: ${d.costNote}`, "");
  for (const c of d.components) {
    lines.push(`${c.type.replace(/^mlops:index:/, "")} ${c.name}${c.kind ? ` (${c.kind})` : ""}`);
    for (const l of c.lines) lines.push(`  ${l}`);
  }
  if (d.components.length > 0) lines.push("");
  if (d.policy) {
    for (const v of d.policy.added)
      lines.push(`policy: new ${v.enforcementLevel} ${v.policyName} on ${v.name ?? "the stack"}: ${v.message}`);
    for (const v of d.policy.removed) lines.push(`policy: fixed ${v.enforcementLevel} ${v.policyName} on ${v.name ?? "the stack"}`);
    if (d.policy.added.length + d.policy.removed.length === 0) lines.push("policy: no violation added or removed");
    lines.push("");
  }
  for (const c of d.changes) {
    lines.push(`${SYMBOL[c.kind].padEnd(2)} ${c.kind.padEnd(7)} ${c.type}  ${c.name}`);
    for (const r of c.reasons) lines.push(`             why: ${r}`);
    for (const l of inputLine(c)) lines.push(`             ${l}`);
  }
  if (d.changes.length === 0) lines.push("No changes.");
  return `${lines.join("\n")}\n`;
}
