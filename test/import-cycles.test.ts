import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

/** Relative imports of a source (type-only ones included: they are circles for a reader too). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*|declare module\s+)["'](\.{1,2}\/[^"']*)["']/g)].map(
    (m) => m[1] as string,
  );
  const dir = path.dirname(file);
  return specs.flatMap((s) => {
    const base = path.resolve(dir, s);
    const found = [`${base}.ts`, path.join(base, "index.ts"), base].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
    return found ? [found] : [];
  });
}

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.includes("node_modules"))
    .map((f) => path.join(dir, f));
}

/** Strongly connected components of more than one module (or a module importing itself): Tarjan. */
function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}

describe("import circles", () => {
  it("GIVEN a graph with a circle THEN it is found, and a tree has none", () => {
    expect(
      findCycles(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", ["a"]],
          ["d", ["a"]],
        ]),
      ),
    ).toEqual([["a", "b", "c"]]);
    expect(
      findCycles(
        new Map([
          ["a", ["b", "c"]],
          ["b", ["c"]],
          ["c", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("GIVEN every package's sources THEN no module imports itself back, through any path", () => {
    const files = fs.readdirSync(path.join(ROOT, "packages")).flatMap((p) => {
      const src = path.join(ROOT, "packages", p, "src");
      return fs.existsSync(src) ? sources(src) : [];
    });
    expect(files.length).toBeGreaterThan(50);
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    // the component modules are read, so the scan sees real edges
    expect([...graph.values()].flat().length).toBeGreaterThan(100);
    expect(findCycles(graph).map((c) => c.map((f) => path.relative(ROOT, f)))).toEqual([]);
  });
});
