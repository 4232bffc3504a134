import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The house rules on size (CONTRIBUTING.md): a function reads as named steps, a file holds one
// seam. Past these limits, split along a real seam instead of raising them.

const ROOT = path.resolve(__dirname, "..");
const MAX_FUNCTION_LINES = 80;
const MAX_FILE_LINES = 450;

/**
 * Sources allowed past a limit because they are data, not logic (a table read top to bottom), each
 * with the reason. Keys are paths from the repository root.
 */
const DATA_TABLES: Readonly<Record<string, string>> = {
  "packages/testing/src/diff/replace-inputs.ts":
    "one row per resource type the components create (inputs that force replacement, with the provider source), read top to bottom",
};

/** Non-test TypeScript sources under packages/<package>/src. */
function packageSources(): string[] {
  const packages = path.join(ROOT, "packages");
  return fs
    .readdirSync(packages)
    .map((p) => path.join(packages, p, "src"))
    .filter((src) => fs.existsSync(src))
    .flatMap((src) =>
      fs
        .readdirSync(src, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts") && !f.includes("node_modules"))
        .map((f) => path.join(src, f)),
    );
}

interface Measured {
  file: string;
  lines: number;
  /** Functions, methods, constructors, accessors and arrow functions with a body: `where` and lines, nested ones too. */
  functions: { where: string; lines: number }[];
}

function measure(file: string): Measured {
  const text = fs.readFileSync(file, "utf8");
  const rel = path.relative(ROOT, file);
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const functions: Measured["functions"] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const start = lineOf(node.getStart(sf));
      const name = "name" in node && node.name && ts.isIdentifier(node.name) ? node.name.text : "(anonymous)";
      functions.push({ where: `${rel}:${start} ${name}`, lines: lineOf(node.getEnd()) - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { file: rel, lines: text.split("\n").length, functions };
}

describe("house rules on size", () => {
  const measured = packageSources().map(measure);

  it("GIVEN the package sources WHEN read THEN there are sources and functions to measure", () => {
    expect(measured.length).toBeGreaterThan(50);
    expect(measured.flatMap((m) => m.functions).length).toBeGreaterThan(200);
  });

  it(`GIVEN every non-test source in packages/*/src WHEN measured THEN no function is longer than ${MAX_FUNCTION_LINES} lines`, () => {
    const long = measured
      .filter((m) => DATA_TABLES[m.file] === undefined)
      .flatMap((m) => m.functions)
      .filter((f) => f.lines > MAX_FUNCTION_LINES)
      .map((f) => `${f.where} (${f.lines} lines)`);
    expect(long).toEqual([]);
  });

  it(`GIVEN every non-test source in packages/*/src WHEN measured THEN no file is longer than ${MAX_FILE_LINES} lines`, () => {
    const long = measured
      .filter((m) => DATA_TABLES[m.file] === undefined && m.lines > MAX_FILE_LINES)
      .map((m) => `${m.file} (${m.lines} lines)`);
    expect(long).toEqual([]);
  });

  it("GIVEN the allow-list of data tables WHEN checked THEN each entry names an existing source that needs it", () => {
    const stale = Object.keys(DATA_TABLES).filter((file) => {
      const m = measured.find((x) => x.file === file);
      return m === undefined || (m.lines <= MAX_FILE_LINES && m.functions.every((f) => f.lines <= MAX_FUNCTION_LINES));
    });
    expect(stale).toEqual([]);
  });

  it("GIVEN a function of 81 lines WHEN measured THEN it is counted at 81 (the rule can fail)", () => {
    const dir = fs.mkdtempSync(path.join(ROOT, "test", ".house-"));
    try {
      const file = path.join(dir, "long.ts");
      fs.writeFileSync(file, `export function long(): number {\n${"  void 0;\n".repeat(79)}}\n`);
      expect(measure(file).functions).toEqual([{ where: expect.stringMatching(/long\.ts:1 long$/), lines: 81 }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
