import type { CapturedAlias } from "./capture";
import type { PlanResource } from "./plan";

// Aliases as the Pulumi engine resolves them (pkg/resource/deploy/step_generator.go in
// pulumi/pulumi: collapseAliasToUrn, inheritedChildAlias, generateAliases). A resource's own aliases
// become URNs when it registers; a child also inherits, from the old URN its parent was matched by,
// an alias under that old parent. The inheritance depends on what the old state holds, so the plan
// records each resource's own aliases and the diff resolves the rest against the base.

const STACK_TYPE = "pulumi:pulumi:Stack";

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, the type qualified by the parent's unless the parent is the stack. */
export function makeUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
  const parentType = parentUrn ? qualifiedType(parentUrn) : "";
  const qualified = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The last type of a URN's qualified type. */
export function typeOfUrn(urn: string): string {
  const q = qualifiedType(urn);
  return q.slice(q.lastIndexOf("$") + 1);
}

export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** One of a resource's own aliases as a URN: unset fields take the resource's (engine: collapseAliasToUrn). */
export function collapseAlias(
  alias: CapturedAlias,
  resource: { type: string; name: string; parent?: string | undefined },
  project: string,
  stack: string,
): string {
  if (alias.urn) return alias.urn;
  let parent = alias.parentUrn ?? resource.parent;
  if (alias.noParent || (parent && qualifiedType(parent) === STACK_TYPE)) parent = undefined;
  return makeUrn(alias.stack ?? stack, alias.project ?? project, parent, alias.type ?? resource.type, alias.name ?? resource.name);
}

/**
 * The alias a child inherits from the old URN its parent matched: the same child under the old
 * parent, its name's parent-name prefix swapped for the old parent's name (engine: inheritedChildAlias).
 */
export function inheritedChildAlias(childType: string, childName: string, parentName: string, parentAlias: string): string {
  const name = childName.startsWith(parentName) ? nameOfUrn(parentAlias) + childName.slice(parentName.length) : childName;
  const [, stack = "", project = ""] = /^urn:pulumi:([^:]*)::([^:]*)::/.exec(parentAlias) ?? [];
  return `urn:pulumi:${stack}::${project}::${qualifiedType(parentAlias)}$${childType}::${name}`;
}

/** Parents before children: the engine registers (and matches) a parent first. */
function parentsFirst(resources: readonly PlanResource[]): PlanResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const depth = (r: PlanResource): number => {
    let d = 0;
    for (let p = r.parent ? byUrn.get(r.parent) : undefined; p; p = p.parent ? byUrn.get(p.parent) : undefined) d++;
    return d;
  };
  const depths = new Map(resources.map((r) => [r, depth(r)]));
  return [...resources].sort((a, b) => (depths.get(a) ?? 0) - (depths.get(b) ?? 0));
}

/** The URNs the engine would try for `r` once its parent matched `parentOld` (engine: generateAliases). */
function candidates(r: PlanResource, parentOld: string | undefined): string[] {
  const own = r.aliases ?? [];
  if (!parentOld || !r.parent) return own;
  const parentName = nameOfUrn(r.parent);
  return [
    ...own,
    inheritedChildAlias(r.type, r.name, parentName, parentOld),
    ...own.map((a) => inheritedChildAlias(typeOfUrn(a), nameOfUrn(a), parentName, parentOld)),
  ];
}

/**
 * Which head resources the engine would take for which base resources by an alias: head URN ->
 * base URN. A resource whose URN is in the base is itself; an alias naming a URN the head also
 * registers, or one another resource already claimed, matches nothing (the engine refuses both).
 */
export function matchAliases(base: readonly PlanResource[], head: readonly PlanResource[]): Map<string, string> {
  const before = new Set(base.map((r) => r.urn));
  const now = new Set(head.map((r) => r.urn));
  const matched = new Map<string, string>();
  const claimed = new Set<string>();
  for (const r of parentsFirst(head)) {
    if (before.has(r.urn)) continue;
    const parentOld = r.parent ? matched.get(r.parent) : undefined;
    const old = candidates(r, parentOld).find((u) => before.has(u) && !now.has(u) && !claimed.has(u));
    if (old) {
      matched.set(r.urn, old);
      claimed.add(old);
    }
  }
  return matched;
}

/**
 * Every URN the engine could take each resource for, parents' aliases multiplied out (the URN
 * snapshots record these: a snapshot line has no parent to inherit from).
 */
export function allAliases(resources: readonly PlanResource[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of parentsFirst(resources)) {
    const parentAliases = r.parent ? (out.get(r.parent) ?? []) : [];
    const set = new Set(r.aliases ?? []);
    for (const p of parentAliases) for (const c of candidates(r, p)) set.add(c);
    if (set.size > 0) out.set(r.urn, [...set].sort());
  }
  return out;
}
