import type { Plan } from "../plan";
import { showValue } from "./inputs";
import { ChangeKind, type ComponentSummary, type ResourceChange } from "./types";

/** What a summariser is given: one component and the changes of the resources under it. */
export interface ComponentChanges {
  type: string;
  name: string;
  /** The component's own create or delete, when it has one. */
  kind?: ChangeKind;
  changes: ResourceChange[];
  /** Changes a summariser has said all there is about: the generic lines leave them out. */
  covered: Set<ResourceChange>;
}

/** Lines in the component's own terms; the generic lines cover what it does not mention. */
export type Summariser = (c: ComponentChanges) => string[];

const VERB: Record<ChangeKind, string> = { create: "added", update: "updated", replace: "replaced", delete: "removed" };

/** `aws:ec2/subnet:Subnet` -> `subnet`, `azure-native:network:NatGateway` -> `NAT gateway`. */
export function kindOf(type: string): string {
  const last = type.slice(type.lastIndexOf(":") + 1);
  return last
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/\b(Nat|Ip|Ssl|Url|Iam|Waf|Dns|Kms|Vpc)\b/g, (w) => w.toUpperCase())
    .replace(/^([A-Z])([a-z])/, (_, a: string, b: string) => a.toLowerCase() + b)
    .replace(/ ([A-Z])([a-z])/g, (_, a: string, b: string) => ` ${a.toLowerCase()}${b}`);
}

/** One line per change: `subnet platform-private-2 added`, `launch template model-api-lt replaced (cidrBlock)`. */
export function genericLine(c: ResourceChange): string {
  const why = c.kind === ChangeKind.Replace ? c.inputs.filter((i) => i.forcesReplace).map((i) => i.path) : [];
  const updated = c.kind === ChangeKind.Update ? c.inputs.map((i) => i.path).slice(0, 3) : [];
  const detail = [...why, ...updated];
  const renamed = c.previousUrn ? " (renamed: add an alias)" : "";
  return `${kindOf(c.type)} ${c.name} ${VERB[c.kind]}${detail.length ? ` (${detail.join(", ")})` : ""}${renamed}`;
}

/** `label before→after` for a changed scalar input, else undefined. */
export function changedValue(component: ComponentChanges, type: string, path: string, label: string): string | undefined {
  for (const c of component.changes) {
    if (c.type !== type) continue;
    const input = c.inputs.find((i) => i.path === path);
    if (c.kind === ChangeKind.Update && c.inputs.every((i) => i.path.startsWith(path.replace(/\.[^.]*$/, "")))) component.covered.add(c);
    if (input) return `${label} ${showValue(input.before).replace(/"/g, "")}→${showValue(input.after).replace(/"/g, "")}`;
  }
  return undefined;
}

/** The summarisers, by component type token; a new component registers its own here. */
export const SUMMARISERS: Record<string, Summariser> = {};

/** Adds (or replaces) the summariser of a component type. */
export function registerSummariser(type: string, summarise: Summariser): void {
  SUMMARISERS[type] = summarise;
}

/** The generic summary: each changed child in one line, data-losing ones first. */
export function genericSummary(c: ComponentChanges): string[] {
  if (c.kind === ChangeKind.Create) return [`new: ${c.changes.filter((x) => x.custom).length} resources added`];
  if (c.kind === ChangeKind.Delete) return [`removed with its ${c.changes.filter((x) => x.custom).length} resources`];
  return c.changes.filter((x) => x.custom).map(genericLine);
}

/** Groups the changes by their component and asks each component type's summariser for its lines. */
export function summariseComponents(changes: ResourceChange[], base: Plan, head: Plan): ComponentSummary[] {
  const components = new Map<string, { type: string; name: string }>();
  for (const r of [...base.resources, ...head.resources])
    if (r.type.startsWith("mlops:")) components.set(r.urn, { type: r.type, name: r.name });
  const out: ComponentSummary[] = [];
  for (const [urn, { type, name }] of [...components].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const own = changes.find((c) => c.urn === urn);
    const children = changes.filter((c) => c.component === urn);
    if (!own && children.length === 0) continue;
    const input: ComponentChanges = { type, name, ...(own ? { kind: own.kind } : {}), changes: children, covered: new Set() };
    const specific = input.kind ? [] : (SUMMARISERS[type]?.(input) ?? []);
    const rest = { ...input, changes: children.filter((c) => !input.covered.has(c)) };
    out.push({
      urn,
      type,
      name,
      ...(own ? { kind: own.kind } : {}),
      lines: [...specific, ...genericSummary(rest)],
    });
  }
  return out;
}
