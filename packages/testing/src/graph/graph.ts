import type { Plan, PlanResource } from "../plan";
import { flowLabel } from "./flows";
import { GRAPH_VERSION, type GraphEdge, type GraphNode, type PlatformGraph } from "./types";

/** The type tokens of mlops-kit's components. */
const COMPONENT_TYPE = /^mlops:index:(\w+)$/;

/** The components of a plan and which feeds which: A → B when a resource under B depends on one under A. */
export function platformGraph(plan: Plan): PlatformGraph {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const owner = ownerOf(byUrn);
  const components = plan.resources.filter((r) => COMPONENT_TYPE.test(r.type));
  const ids = nodeIds(components);
  const counts = new Map<string, number>();
  for (const r of plan.resources) {
    const c = r.custom ? owner(r) : undefined;
    if (c) counts.set(c.urn, (counts.get(c.urn) ?? 0) + 1);
  }
  const wiring = collectWiring(plan.resources, byUrn, owner);
  const nodes = dependedOnFirst(components, wiring).map((c): GraphNode => {
    const enclosing = c.parent ? byUrn.get(c.parent) : undefined;
    const parent = enclosing ? owner(enclosing) : undefined;
    return {
      id: ids.get(c.urn) ?? "",
      urn: c.urn,
      kind: COMPONENT_TYPE.exec(c.type)?.[1] ?? c.type,
      name: c.name,
      resources: counts.get(c.urn) ?? 0,
      ...(parent ? { parent: ids.get(parent.urn) ?? "" } : {}),
    };
  });
  const order = new Map(nodes.map((n, i) => [n.urn, i]));
  const edges = [...wiring.values()]
    .sort((a, b) => (order.get(a.from.urn) ?? 0) - (order.get(b.from.urn) ?? 0) || (order.get(a.to.urn) ?? 0) - (order.get(b.to.urn) ?? 0))
    .map((w): GraphEdge => {
      const properties = [...w.properties].sort();
      const kind = COMPONENT_TYPE.exec(w.from.type)?.[1] ?? w.from.type;
      return { from: ids.get(w.from.urn) ?? "", to: ids.get(w.to.urn) ?? "", label: flowLabel(kind, properties), properties };
    });
  return { version: GRAPH_VERSION, project: plan.project, stack: plan.stack, nodes, edges };
}

/** The nearest enclosing component of a resource (itself, when it is one). */
function ownerOf(byUrn: Map<string, PlanResource>): (r: PlanResource) => PlanResource | undefined {
  const memo = new Map<string, PlanResource | undefined>();
  const find = (r: PlanResource): PlanResource | undefined => {
    if (memo.has(r.urn)) return memo.get(r.urn);
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    const found = COMPONENT_TYPE.test(r.type) ? r : parent ? find(parent) : undefined;
    memo.set(r.urn, found);
    return found;
  };
  return find;
}

interface Wiring {
  from: PlanResource;
  to: PlanResource;
  properties: Set<string>;
}

/** Every dependency that crosses from one component to another, with the inputs that carry it. */
function collectWiring(
  resources: readonly PlanResource[],
  byUrn: Map<string, PlanResource>,
  owner: (r: PlanResource) => PlanResource | undefined,
): Map<string, Wiring> {
  const wiring = new Map<string, Wiring>();
  const add = (r: PlanResource, dependency: string, property: string) => {
    const to = owner(r);
    const target = byUrn.get(dependency);
    const from = target ? owner(target) : undefined;
    // A dependency inside one component is its own business; the stack's own resources are not drawn.
    if (!from || !to || from === to) return;
    const key = `${from.urn}\n${to.urn}`;
    const w = wiring.get(key) ?? { from, to, properties: new Set<string>() };
    w.properties.add(property);
    wiring.set(key, w);
  };
  for (const r of resources) {
    const kind = r.type.split(":").pop() ?? r.type;
    const viaInputs = new Set<string>();
    for (const [property, urns] of Object.entries(r.propertyDependencies)) {
      for (const urn of urns) {
        viaInputs.add(urn);
        add(r, urn, `${kind}.${property}`);
      }
    }
    // What the engine waits for beyond the inputs: the resource's own dependsOn.
    for (const urn of r.dependencies) if (!viaInputs.has(urn)) add(r, urn, "dependsOn");
  }
  return wiring;
}

/** Components in an order a reader follows: each after those it depends on, ties in plan order; a cycle is broken in plan order. */
function dependedOnFirst(components: readonly PlanResource[], wiring: Map<string, Wiring>): PlanResource[] {
  const incoming = new Map(components.map((c) => [c.urn, new Set<string>()]));
  for (const w of wiring.values()) incoming.get(w.to.urn)?.add(w.from.urn);
  const placed = new Set<string>();
  const out: PlanResource[] = [];
  while (out.length < components.length) {
    const left = components.filter((c) => !placed.has(c.urn));
    const ready = left.find((c) => [...(incoming.get(c.urn) ?? [])].every((u) => placed.has(u))) ?? left[0];
    if (!ready) break;
    placed.add(ready.urn);
    out.push(ready);
  }
  return out;
}

/** Mermaid ids from names: letters, digits and `_` only, prefixed (a bare `end` or a leading `o`/`x` would be syntax), made unique. */
function nodeIds(components: readonly PlanResource[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const c of components) {
    const base = `c_${c.name.replace(/[^A-Za-z0-9]/g, "_")}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    ids.set(c.urn, id);
  }
  return ids;
}
