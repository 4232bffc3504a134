import {
  allAliases,
  diffPlans,
  isStateful,
  type Plan,
  type PlanDiff,
  type PlanResource,
  REPLACE_INPUTS,
  renderDiffText,
} from "@mlops-kit/testing";

/**
 * URN snapshots of the reference stacks: one line per resource, its URN, and for a stateful resource
 * the values of the inputs that would replace it. Lines starting `# accepted:` record a deletion or
 * replacement of a stateful resource someone agreed to, with why; the file is reviewed in the pull
 * request like code.
 */

export const REGENERATE = "UPDATE_URNS=1 npx vitest run test/urns";
const ACCEPTED = "# accepted: ";

const ALIASES = "aliases ";

function lastType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/**
 * The snapshot lines of a plan (sorted by URN; the stack itself left out). A resource moved under
 * an alias ends with `aliases [...]`: every old URN the engine may take it for, its parents'
 * aliases multiplied out (a line has no parent to inherit from). Aliases to another type (the SDK's
 * own, for types it renamed) are left out: no snapshot holds the old types.
 */
export function snapshotLines(plan: Plan): string[] {
  const aliases = allAliases(plan.resources);
  return plan.resources
    .filter((r) => r.type !== "pulumi:pulumi:Stack")
    .map((r) => {
      const keys = isStateful(r.type) ? (REPLACE_INPUTS[r.type]?.inputs ?? []).filter((k) => k !== "*" && r.inputs[k] !== undefined) : [];
      const moved = (aliases.get(r.urn) ?? []).filter((u) => lastType(u) === r.type);
      const parts = [r.urn];
      if (keys.length > 0) parts.push(JSON.stringify(Object.fromEntries(keys.map((k) => [k, r.inputs[k]]))));
      if (moved.length > 0) parts.push(`${ALIASES}${JSON.stringify(moved)}`);
      return parts.join("  ");
    })
    .sort();
}

export interface Snapshot {
  lines: string[];
  /** Accepted losses: `<urn> <kind>` -> the reason line. */
  accepted: Map<string, string>;
}

export function parseSnapshot(text: string): Snapshot {
  const all = text.split("\n").filter((l) => l.trim() !== "");
  const accepted = new Map<string, string>();
  for (const l of all.filter((x) => x.startsWith(ACCEPTED))) {
    const [urn = "", kind = ""] = l.slice(ACCEPTED.length).split(" ");
    accepted.set(`${urn} ${kind}`, l);
  }
  return { lines: all.filter((l) => !l.startsWith("#")), accepted };
}

/** A plan of the snapshot's lines, for the diff engine: URN, type, name and the recorded inputs. */
export function planOfLines(stack: string, lines: string[]): Plan {
  const resources = lines.map((line): PlanResource => {
    const [urn = "", ...rest] = line.split("  ");
    const json = rest.find((p) => p.startsWith("{"));
    const moved = rest.find((p) => p.startsWith(ALIASES));
    const qualified = urn.split("::")[2] ?? "";
    return {
      urn,
      type: qualified.slice(qualified.lastIndexOf("$") + 1),
      name: urn.slice(urn.lastIndexOf("::") + 2),
      custom: !qualified.slice(qualified.lastIndexOf("$") + 1).startsWith("mlops:"),
      dependsOn: [],
      dependencies: [],
      propertyDependencies: {},
      inputs: json ? (JSON.parse(json) as Record<string, unknown>) : {},
      protect: false,
      retainOnDelete: false,
      ...(moved ? { aliases: JSON.parse(moved.slice(ALIASES.length)) as string[] } : {}),
    };
  });
  return { version: 1, project: "", stack, resources, outputs: {} };
}

export interface Verdict {
  diff: PlanDiff;
  /** Stateful deletions or replacements with no accepted line. */
  unaccepted: string[];
}

/** What changed since the snapshot, and which losses nobody accepted. */
export function judge(stack: string, snapshot: Snapshot, current: string[]): Verdict {
  const diff = diffPlans(planOfLines(stack, snapshot.lines), planOfLines(stack, current));
  const unaccepted = diff.dataLoss
    .map((l) => `${diff.changes.find((c) => c.urn === l.urn)?.previousUrn ?? l.urn} ${l.kind}`)
    .filter((key) => !snapshot.accepted.has(key));
  return { diff, unaccepted };
}

/** The file for `lines`: the header, the accepted lines kept and the new ones with `reason`. */
export function renderSnapshot(
  stack: string,
  lines: string[],
  snapshot: Snapshot,
  unaccepted: string[],
  reason: string | undefined,
): string {
  const accepted = [...snapshot.accepted.values(), ...unaccepted.map((key) => `${ACCEPTED}${key} — ${reason ?? ""}`)];
  return `${[
    `# URNs of stack ${stack}; a stateful resource carries the inputs that would replace it.`,
    `# Regenerate: ${REGENERATE} (a stateful resource deleted or replaced also needs URNS_REASON="why").`,
    ...accepted,
    ...lines,
  ].join("\n")}\n`;
}

/** The failure message: the change in the engine's words and what to do. */
export function explain(stack: string, verdict: Verdict): string {
  const head = verdict.unaccepted.length
    ? `stack ${stack} deletes or replaces stateful resources: ${verdict.unaccepted.join(", ")}.\nAdd an alias if it is a rename; if the loss is intended, run URNS_REASON="why" ${REGENERATE}`
    : `the URNs of stack ${stack} changed: run ${REGENERATE} and commit test/urns/${stack}.txt`;
  return `${head}\n\n${renderDiffText(verdict.diff)}`;
}
