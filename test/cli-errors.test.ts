import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mlops, ROOT, tempProject } from "./helpers";

const dirs: string[] = [];
const project = (program: string, config = "config: {}\n") => {
  const dir = tempProject(program, config);
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const PULUMI = `import * as pulumi from ${JSON.stringify(path.join(ROOT, "node_modules/@pulumi/pulumi"))};\n`;
const PACK = path.join(ROOT, "policies/security");

describe("mlops: mistakes in the user's own program are errors in their terms, with the place in their source", () => {
  it.each([
    [
      "a TypeError, lines after type declarations (source-mapped)",
      "interface A { x: number }\ninterface B { y: number }\nconst o: A | undefined = undefined as A | undefined;\nconsole.log((o as A).x);\n",
      (dir: string) => `error: Cannot read properties of undefined (reading 'x')\n    at ${dir}/index.ts:4:22\n`,
    ],
    ["throw null", "throw null;\n", () => "error: the program threw null\n"],
    ['throw "text"', 'throw "no model";\n', () => 'error: the program threw "no model"\n'],
    ["a syntax error", "const a = 1;\nconst b = ;\n", (dir: string) => `error: Unexpected ";"\n    at ${dir}/index.ts:2:11\n`],
    [
      "a missing required setting",
      `${PULUMI}new pulumi.Config().require("model");\n`,
      (dir: string) =>
        expect.stringMatching(
          new RegExp(`^error: Missing required configuration variable 'temp:model'[\\s\\S]*\\n    at ${dir}/index.ts:2:\\d+\\n$`),
        ),
    ],
    [
      "an empty resource name",
      `${PULUMI}\nnew pulumi.ComponentResource("test:index:Thing", "");\n`,
      (dir: string) => `error: Missing resource name argument (for URN creation)\n    at ${dir}/index.ts:3:1\n`,
    ],
    [
      "two components with the same name",
      `${PULUMI}new pulumi.ComponentResource("test:index:Thing", "twin");\nnew pulumi.ComponentResource("test:index:Thing", "twin");\n`,
      () => "error: Duplicate resource URN 'urn:pulumi:dev::temp::test:index:Thing::twin'; try giving it a unique name\n",
    ],
  ])("GIVEN %s THEN exit 1 and `error:` with no stack trace", (_what, program, expected) => {
    const dir = project(program);
    const r = mlops(["plan", "--stack", "dev", "--cwd", dir]);
    expect(r.stderr).toEqual(expected(dir));
    expect(r.code).toBe(1);
  });

  it("GIVEN --out into a directory that does not exist THEN exit 1 naming it, before planning", () => {
    const out = path.join(ROOT, "no-such-dir", "plan.json");
    const r = mlops(["plan", "--stack", "aws-dev", "--out", out]);
    expect(r.stderr).toBe(`error: --out ${out}: the directory ${path.dirname(out)} does not exist\n`);
    expect(r.code).toBe(1);
  });
});

describe("mlops: a program that never finishes", () => {
  const STUCK = `${PULUMI}new pulumi.CustomResource("test:index:Thing", "stuck", { value: new Promise(() => undefined) });\n`;

  it.each([
    ["plan", []],
    ["check", ["--pack", PACK]],
  ])("GIVEN %s --timeout 1 THEN exit 1 naming the resource still waiting", (command, extra) => {
    const dir = project(STUCK);
    const started = Date.now();
    const r = mlops([command, "--stack", "dev", "--cwd", dir, "--timeout", "1", ...extra]);
    expect(r.stderr).toContain('error: the program did not finish within 1 seconds; still waiting: test:index:Thing "stuck"');
    expect(r.stdout).toBe("");
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("GIVEN a program whose promises can never settle (nothing left to run) THEN exit 1, never 0", () => {
    const dir = project("export default async () => { await new Promise(() => undefined); };\n");
    const r = mlops(["plan", "--stack", "dev", "--cwd", dir, "--timeout", "2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: /);
  });

  it.each([["0"], ["-1"], ["soon"]])("GIVEN --timeout %s THEN a usage error", (value) => {
    const r = mlops(["plan", "--stack", "aws-dev", `--timeout=${value}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--timeout must be a number of seconds above 0");
  });
});
