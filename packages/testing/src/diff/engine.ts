import { matchAliases } from "../aliases";
import type { Plan, PlanResource } from "../plan";
import { forcesReplace, inputChanges } from "./inputs";
import { pairRenames } from "./renames";
import { isStateful, REPLACE_INPUTS, type ReplaceRule } from "./replace-inputs";
import { summariseComponents } from "./summary";
import "./summarisers";
import { ChangeKind, type DataLoss, PLAN_DIFF_VERSION, type PlanDiff, type ResourceChange } from "./types";

export interface DiffOptions {
  /** The replace-forcing inputs per type (default: REPLACE_INPUTS). */
  replaceInputs?: Readonly<Record<string, ReplaceRule>>;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * Compares two plans of one stack by URN, as the engine would: a URN only in the head is created,
 * only in the base deleted (or renamed, paired with its new URN, which the engine also replaces);
 * a changed input is an update, or a replacement when the provider cannot update it in place. Pure.
 */
export function diffPlans(base: Plan, head: Plan, options: DiffOptions = {}): PlanDiff {
  const rules = options.replaceInputs ?? REPLACE_INPUTS;
  const before = byUrn(base);
  const after = byUrn(head);
  // A head resource the engine takes for a base one by an alias is that resource, moved: compared
  // by inputs like one whose URN stayed, never deleted and created.
  const aliased = matchAliases([...before.values()], [...after.values()]);
  const kept = new Set(aliased.values());
  const changes: ResourceChange[] = [];
  for (const [urn, h] of after) {
    const old = aliased.get(urn);
    const b = before.get(old ?? urn);
    if (b) {
      const change = compare(b, h, rules[h.type]);
      if (change && old) change.aliasOf = old;
      if (change) changes.push(change);
    }
  }
  const deleted = [...before.values()].filter((r) => !after.has(r.urn) && !kept.has(r.urn));
  const created = [...after.values()].filter((r) => !before.has(r.urn) && !aliased.has(r.urn));
  const { renames, deletes, creates } = pairRenames(deleted, created);
  for (const [b, h] of renames) changes.push(renamed(b, h));
  for (const b of deletes) changes.push(changeOf(ChangeKind.Delete, b));
  for (const h of creates) changes.push(changeOf(ChangeKind.Create, h));
  propagateReplacements(changes, after, rules);
  for (const c of changes) c.component = componentOf(c.kind === ChangeKind.Delete ? before : after, c.urn);
  const dataLoss = changes.flatMap((c) => lossOf(c) ?? []);
  const lossUrns = new Set(dataLoss.map((d) => d.urn));
  changes.sort((x, y) => Number(lossUrns.has(y.urn)) - Number(lossUrns.has(x.urn)) || compareText(x.urn, y.urn));
  const changed = new Set(changes.map((c) => c.urn));
  const count = (k: ChangeKind) => changes.filter((c) => c.kind === k).length;
  return {
    version: PLAN_DIFF_VERSION,
    project: head.project,
    stack: head.stack,
    counts: {
      create: count(ChangeKind.Create),
      update: count(ChangeKind.Update),
      replace: count(ChangeKind.Replace),
      delete: count(ChangeKind.Delete),
      same: [...after.keys()].filter((u) => (before.has(u) || aliased.has(u)) && !changed.has(u)).length,
      aliased: aliased.size,
      before: before.size,
      after: after.size,
    },
    dataLoss,
    components: summariseComponents(changes, base, head),
    changes,
  };
}

function byUrn(plan: Plan): Map<string, PlanResource> {
  return new Map(plan.resources.filter((r) => r.type !== STACK_TYPE).map((r) => [r.urn, r]));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function changeOf(kind: ChangeKind, r: PlanResource): ResourceChange {
  return {
    kind,
    urn: r.urn,
    type: r.type,
    name: r.name,
    custom: r.custom,
    reasons: [],
    inputs: [],
    stateful: isStateful(r.type),
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
  };
}

/** The same URN on both sides: nothing, an update, or a replacement naming the inputs that force it. */
function compare(b: PlanResource, h: PlanResource, rule: ReplaceRule | undefined): ResourceChange | undefined {
  if (!h.custom) return undefined; // a component's own inputs are not sent to any provider
  const inputs = inputChanges(b.inputs, h.inputs, rule);
  if (inputs.length === 0) return undefined;
  const forcing = inputs.filter((i) => i.forcesReplace);
  const change = changeOf(forcing.length > 0 ? ChangeKind.Replace : ChangeKind.Update, h);
  change.inputs = inputs;
  // A replacement deletes the base's copy: its options decide what is lost.
  change.protect = b.protect;
  change.retainOnDelete = b.retainOnDelete;
  change.reasons = forcing.map((i) => `\`${i.path}\` changed; the provider cannot update it in place (${rule?.source ?? "no source"})`);
  return change;
}

/** A URN change: the engine sees a delete and a create, so the resource is replaced unless an alias links them. */
function renamed(b: PlanResource, h: PlanResource): ResourceChange {
  const change = changeOf(ChangeKind.Replace, h);
  change.previousUrn = b.urn;
  change.protect = b.protect;
  change.retainOnDelete = b.retainOnDelete;
  change.inputs = inputChanges(b.inputs, h.inputs, undefined);
  const what = b.name !== h.name ? `renamed from ${b.name}` : b.parent !== h.parent ? "moved to another parent" : "URN changed";
  change.reasons = [`${what}: would replace; add an alias (\`aliases: [{ name: "${b.name}" }]\` or the old parent) to keep it`];
  return change;
}

/**
 * A replaced resource gets a new id; a resource whose replace-forcing input comes from it is replaced
 * too, though its input looks the same in both plans (the id is only known after apply). One whose
 * other inputs come from it is updated with the new id.
 */
function propagateReplacements(
  changes: ResourceChange[],
  head: Map<string, PlanResource>,
  rules: Readonly<Record<string, ReplaceRule>>,
): void {
  const byUrn = new Map(changes.map((c) => [c.urn, c]));
  const record = (r: PlanResource, kind: ChangeKind, reason: string) => {
    const change = byUrn.get(r.urn) ?? changeOf(kind, r);
    if (!byUrn.has(r.urn)) {
      changes.push(change);
      byUrn.set(r.urn, change);
    }
    if (kind === ChangeKind.Replace) change.kind = kind;
    change.reasons.push(reason);
  };
  let grew = true;
  while (grew) {
    grew = false;
    const replaced = new Set(changes.filter((c) => c.kind === ChangeKind.Replace).map((c) => c.urn));
    for (const r of head.values()) {
      const existing = byUrn.get(r.urn);
      if (!r.custom || existing?.kind === ChangeKind.Replace || existing?.kind === ChangeKind.Create) continue;
      const inputs = Object.entries(r.propertyDependencies).flatMap(([input, from]) => {
        const source = from.find((u) => replaced.has(u));
        return source ? [{ input, source, forces: forcesReplace(rules[r.type], input) }] : [];
      });
      const forcing = inputs.find((i) => i.forces);
      if (forcing) {
        record(
          r,
          ChangeKind.Replace,
          `\`${forcing.input}\` comes from ${nameOf(forcing.source)}, which is replaced (a new id), and forces replacement`,
        );
        grew = true;
      } else {
        for (const i of inputs.filter((x) => !existing?.reasons.some((reason) => reason.startsWith(`\`${x.input}\` takes`)))) {
          record(r, ChangeKind.Update, `\`${i.input}\` takes the new id of ${nameOf(i.source)}, which is replaced`);
        }
      }
    }
  }
}

function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The nearest mlops-kit component above a resource (or the resource itself when it is one). */
function componentOf(resources: Map<string, PlanResource>, urn: string): string | undefined {
  let r = resources.get(urn);
  r = r?.parent ? resources.get(r.parent) : undefined;
  while (r) {
    if (r.type.startsWith("mlops:")) return r.urn;
    r = r.parent ? resources.get(r.parent) : undefined;
  }
  return undefined;
}

function lossOf(c: ResourceChange): DataLoss | undefined {
  if (!c.stateful || (c.kind !== ChangeKind.Delete && c.kind !== ChangeKind.Replace)) return undefined;
  const stoppedBy = c.protect ? "protect" : c.retainOnDelete ? "retainOnDelete" : "nothing";
  const note = {
    protect: "protected: `pulumi up` stops before deleting it; unprotect only if the loss is intended",
    retainOnDelete: "retainOnDelete: Pulumi forgets it and the cloud keeps it (an orphan to clean up or import)",
    nothing: "nothing stops it: its data is deleted; set `protect` (or `retainOnDelete`) to stop it, or add an alias if it was renamed",
  }[stoppedBy];
  return { urn: c.urn, type: c.type, name: c.name, kind: c.kind, stoppedBy, note };
}
