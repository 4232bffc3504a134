/**
 * The deploy critical path of a plan: the longest chain of resources, each waiting for the one
 * before it, weighted by how long each typically takes to create.
 */

/** What the critical path needs of a plan resource (a subset of the plan JSON's resources). */
export interface GraphResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  /** Everything the engine waits for before creating this resource. */
  dependencies: string[];
  inputs?: Record<string, unknown>;
}

export interface PathLink {
  urn: string;
  type: string;
  name: string;
  /** Typical creation time of this resource, seconds. */
  seconds: number;
  /** When it can start and when it is done, counted from the start of the deployment. */
  start: number;
  finish: number;
}

export interface CriticalPath {
  /** Estimated wall time of a deployment that creates everything, seconds. */
  totalSeconds: number;
  /** The chain that sets it, first to last. */
  path: PathLink[];
  /** The slowest single resource on the path. */
  slowest: PathLink;
  /** totalSeconds / slowest.seconds: 1 means the path is its slowest resource and nothing else. */
  ratio: number;
}

/**
 * Longest weighted path through the resources' dependencies (the engine creates a resource as
 * soon as everything it depends on exists, with unbounded parallelism). A dependency on a
 * component stands for every custom resource under it, as the engine treats it.
 */
export function criticalPath(resources: GraphResource[], secondsOf: (r: GraphResource) => number): CriticalPath {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const children = new Map<string, GraphResource[]>();
  for (const r of resources) {
    if (!r.parent) continue;
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const customUnder = (urn: string, out: string[] = []): string[] => {
    for (const c of children.get(urn) ?? []) {
      if (c.custom) out.push(c.urn);
      customUnder(c.urn, out);
    }
    return out;
  };
  const waitsFor = (r: GraphResource): string[] => {
    const deps = new Set<string>();
    for (const d of r.dependencies) {
      const target = byUrn.get(d);
      if (!target) continue;
      if (target.custom) deps.add(d);
      else for (const u of customUnder(d)) deps.add(u);
    }
    deps.delete(r.urn);
    return [...deps];
  };

  const finish = new Map<string, { start: number; finish: number; via: string | undefined }>();
  const visiting = new Set<string>();
  const visit = (urn: string): number => {
    const done = finish.get(urn);
    if (done) return done.finish;
    if (visiting.has(urn)) throw new Error(`dependency cycle through ${urn}`);
    visiting.add(urn);
    const r = byUrn.get(urn);
    if (!r) throw new Error(`unknown resource ${urn}`);
    let start = 0;
    let via: string | undefined;
    // Ties go to the dependency listed first (URN order), so the path is deterministic.
    for (const d of waitsFor(r).sort()) {
      const f = visit(d);
      if (f > start) {
        start = f;
        via = d;
      }
    }
    const end = start + secondsOf(r);
    finish.set(urn, { start, finish: end, via });
    visiting.delete(urn);
    return end;
  };

  let last: string | undefined;
  let total = 0;
  for (const r of resources) {
    if (!r.custom) continue;
    const f = visit(r.urn);
    if (f > total) {
      total = f;
      last = r.urn;
    }
  }
  const path: PathLink[] = [];
  for (let urn = last; urn !== undefined; urn = finish.get(urn)?.via) {
    const r = byUrn.get(urn);
    const t = finish.get(urn);
    if (!r || !t) break;
    path.unshift({ urn, type: r.type, name: r.name, seconds: t.finish - t.start, start: t.start, finish: t.finish });
  }
  const first = path[0];
  if (!first) throw new Error("the plan has no custom resources");
  const slowest = path.reduce((a, b) => (b.seconds > a.seconds ? b : a), first);
  return { totalSeconds: total, path, slowest, ratio: total / slowest.seconds };
}
