import type { PlanResource } from "../plan";

/** Names at least this similar (0..1) are taken for one resource renamed, when the type matches. */
const MIN_SIMILARITY = 0.6;

/**
 * Pairs deleted and created resources that are one resource whose URN changed (renamed, or moved
 * under another parent): same type, and the same name or the most similar name above MIN_SIMILARITY.
 * What is left is a real delete or create.
 */
export function pairRenames(deleted: PlanResource[], created: PlanResource[]) {
  const renames: [PlanResource, PlanResource][] = [];
  const free = new Set(created);
  const deletes: PlanResource[] = [];
  for (const d of deleted) {
    let best: PlanResource | undefined;
    let bestScore = 0;
    for (const c of free) {
      if (c.type !== d.type) continue;
      const score = c.name === d.name ? 2 : similarity(c.name, d.name);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best && bestScore >= MIN_SIMILARITY && !siblingsOfOneSeries(d, best)) {
      renames.push([d, best]);
      free.delete(best);
    } else {
      deletes.push(d);
    }
  }
  return { renames, deletes, creates: [...free] };
}

/**
 * `platform-private-2` removed and `platform-private-3` added under one parent are two resources of
 * a numbered series, not a rename: a rename keeps the parent or the name.
 */
function siblingsOfOneSeries(a: PlanResource, b: PlanResource): boolean {
  return a.name !== b.name && a.parent === b.parent && a.name.replace(/\d+$/, "") === b.name.replace(/\d+$/, "");
}

/** 1 - the edit distance over the longer length. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return 1 - (row[b.length] ?? 0) / Math.max(a.length, b.length);
}
