import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REGISTER = path.resolve(__dirname, "..", "register.js");

/** Runs a script in a fresh Node process (the test runner's own has the hook already). */
function node(script: string, cwd: string): { stdout: string; stderr: string; status: number | null } {
  return spawnSync(process.execPath, ["-e", script], { cwd, encoding: "utf8", env: { ...process.env, TMPDIR: cwd } });
}

describe("the TypeScript hook (@mlops-kit/testing/register)", () => {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-register-"));
    fs.writeFileSync(
      path.join(dir, "program.ts"),
      [
        'import { helper } from "./helper";',
        "export interface Shape { size: number }",
        "const shape: Shape = { size: helper(20) };",
        "export default shape.size satisfies number;",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(dir, "helper.ts"), "export const helper = (n: number): number => n + 1;\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("GIVEN a TypeScript program with imports and types WHEN required THEN it runs as CommonJS", () => {
    const r = node(`require(${JSON.stringify(REGISTER)}); console.log(require("./program").default);`, dir);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("21");
  });

  it("GIVEN the hook THEN JavaScript modules keep Node's own loader and source maps stay off", () => {
    const r = node(
      [
        'const Module = require("node:module");',
        'const js = Module._extensions[".js"];',
        `require(${JSON.stringify(REGISTER)});`,
        'console.log(JSON.stringify([Module._extensions[".js"] === js, process.sourceMapsEnabled ?? false]));',
      ].join("\n"),
      dir,
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([true, false]);
  });

  it("GIVEN a file compiled once THEN the next process reads it from the cache, and a changed file is compiled again", () => {
    const cacheFiles = () => {
      const root =
        fs
          .readdirSync(dir)
          .filter((d) => d.startsWith("mlops-kit-ts-"))
          .map((d) => path.join(dir, d))[0] ?? "";
      return fs.existsSync(root) ? fs.readdirSync(root).flatMap((v) => fs.readdirSync(path.join(root, v))) : [];
    };
    const run = () => node(`require(${JSON.stringify(REGISTER)}); console.log(require("./helper").helper(1));`, dir);
    expect(run().stdout.trim()).toBe("2");
    const cached = cacheFiles().length;
    expect(cached).toBeGreaterThan(0);
    expect(run().stdout.trim()).toBe("2");
    expect(cacheFiles().length).toBe(cached);
    fs.writeFileSync(path.join(dir, "helper.ts"), "export const helper = (n: number): number => n + 2;\n");
    expect(run().stdout.trim()).toBe("3");
    expect(cacheFiles().length).toBe(cached + 1);
  });

  it("GIVEN a cache directory others can write to THEN it is not used, and the program still runs", () => {
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-register-shared-"));
    try {
      fs.copyFileSync(path.join(dir, "helper.ts"), path.join(shared, "helper.ts"));
      const uid = process.getuid?.() ?? os.userInfo().username;
      const planted = path.join(shared, `mlops-kit-ts-${uid}`);
      fs.mkdirSync(planted);
      fs.chmodSync(planted, 0o777);
      const r = node(`require(${JSON.stringify(REGISTER)}); console.log(require("./helper").helper(1));`, shared);
      expect(r.stderr).toBe("");
      expect(Number(r.stdout.trim())).toBeGreaterThan(1);
      expect(fs.readdirSync(planted)).toEqual([]);
    } finally {
      fs.rmSync(shared, { recursive: true, force: true });
    }
  });

  it("GIVEN a cache entry cut short or altered THEN it is compiled again, the program runs, and the entry heals", () => {
    const root = fs
      .readdirSync(dir)
      .filter((d) => d.startsWith("mlops-kit-ts-"))
      .map((d) => path.join(dir, d))[0];
    expect(root).toBeDefined();
    const run = () => node(`require(${JSON.stringify(REGISTER)}); console.log(require("./helper").helper(1));`, dir);
    const entries = () =>
      fs
        .readdirSync(root as string)
        .flatMap((v) => fs.readdirSync(path.join(root as string, v)).map((f) => path.join(root as string, v, f)));
    const corruptions: ((text: string) => string)[] = [
      (text) => text.slice(0, text.length / 2),
      (text) => text.replace(/\n[\s\S]*$/, "\nthrow new Error('planted');\n"),
      () => "",
    ];
    for (const corrupt of corruptions) {
      for (const e of entries()) fs.rmSync(e);
      const expected = run().stdout.trim();
      const [entry, ...others] = entries();
      expect(others).toEqual([]);
      fs.writeFileSync(entry as string, corrupt(fs.readFileSync(entry as string, "utf8")));
      for (let attempt = 0; attempt < 2; attempt++) {
        const r = run();
        expect(r.stderr).toBe("");
        expect(r.stdout.trim()).toBe(expected);
      }
      expect(fs.readFileSync(entry as string, "utf8")).toMatch(/^\/\/mlops-kit:sha256:[0-9a-f]{64}\n[\s\S]*helper/);
    }
  });

  it("GIVEN TMPDIR=/proc (no cache possible) THEN the program runs without one, promptly", () => {
    const r = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(REGISTER)}); console.log(require("./helper").helper(1));`], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, TMPDIR: "/proc" },
      timeout: 20_000,
    });
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe("");
    expect(Number(r.stdout.trim())).toBeGreaterThan(1);
  });

  it("GIVEN a syntax error THEN a SyntaxError says the file, line and column", () => {
    fs.writeFileSync(path.join(dir, "broken.ts"), "const a = 1;\nconst b = ;\n");
    const r = node(
      `require(${JSON.stringify(REGISTER)}); try { require("./broken"); } catch (e) { console.log(JSON.stringify([e.name, e.message, e.location])); }`,
      dir,
    );
    const [name, message, location] = JSON.parse(r.stdout);
    expect(name).toBe("SyntaxError");
    expect(message).toBe('Unexpected ";"');
    expect(location).toEqual({ file: path.join(dir, "broken.ts"), line: 2, column: 11 });
  });
});
