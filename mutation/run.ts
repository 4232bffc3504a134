/**
 * `npm run mutation`: how many deliberate bugs the tests catch. Each mutant in mutants.ts is one
 * small edit (a file, a text to find, its replacement); it is applied to a private copy of the
 * tree, only the tests that cover that file run, and a failing run (or a compile error, for
 * mutants marked `typecheck`) kills it. Prints each mutant's fate and the kill rate.
 *
 *   node --require @mlops-kit/testing/register mutation/run.ts [--only=<id>,<id-prefix>...] [--keep] [--check]
 *
 * `--check` only says which mutants still apply (no tests run); `--keep` keeps the working copy.
 *
 * A mutant whose text is no longer in its file (the code moved on) is reported as stale and left
 * out of the rate: rewrite it against the new code. Outside `npm test`: a full run takes a while.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MUTANTS, type Mutant } from "./mutants";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "mutation", ".out");

type Fate = "killed" | "survived" | "timeout" | "stale" | "baseline-failed";

interface Outcome {
  id: string;
  fate: Fate;
  by: string;
  seconds: number;
}

function main(argv: string[]): void {
  const only = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const chosen = only ? MUTANTS.filter((m) => only.split(",").some((p) => m.id.startsWith(p))) : MUTANTS;
  if (chosen.length === 0) throw new Error(`no mutant matches --only=${only}`);
  checkIds(MUTANTS);
  if (argv.includes("--check")) {
    for (const m of chosen) console.log(`${(staleness(ROOT, m) ?? "applies").padEnd(22)} ${m.id}`);
    return;
  }

  const copy = copyTree();
  console.log(`mutation: ${chosen.length} mutants, working in ${copy}`);
  try {
    const baselines = runBaselines(copy, chosen);
    const outcomes = chosen.map((m) => {
      const outcome = runMutant(copy, m, baselines);
      console.log(`${outcome.fate.padEnd(15)} ${m.id.padEnd(44)} ${outcome.seconds.toFixed(0).padStart(4)}s  ${outcome.by}`);
      return outcome;
    });
    report(outcomes);
  } finally {
    if (argv.includes("--keep")) console.log(`kept ${copy}`);
    else fs.rmSync(copy, { recursive: true, force: true });
  }
}

function checkIds(mutants: readonly Mutant[]): void {
  const seen = new Set<string>();
  for (const m of mutants) {
    if (seen.has(m.id)) throw new Error(`mutant id ${m.id} is used twice`);
    seen.add(m.id);
  }
}

/**
 * A copy of the tracked and new files, with node_modules entries linked back to this checkout's
 * (workspace packages re-linked into the copy, so `mlops-kit` resolves to the mutated sources).
 */
function copyTree(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-mutation-"));
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter((f) => f.length > 0)) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(from, path.join(copy, file));
  }
  linkModules(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), copy);
  // Tests that run programs load mlops-kit's build, and type tests read its declarations.
  run(copy, [path.join(copy, "packages/mlops-kit/scripts/build.js")], 600);
  return copy;
}

function linkModules(from: string, to: string, copy: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory() && entry.name.startsWith("@")) {
      linkModules(source, path.join(to, entry.name), copy);
    } else if (entry.isSymbolicLink() && !path.isAbsolute(fs.readlinkSync(source))) {
      const target = path.resolve(from, fs.readlinkSync(source));
      // A workspace package: point at the copy's own.
      const inside = target.startsWith(ROOT + path.sep) && !target.includes(`${path.sep}node_modules${path.sep}`);
      fs.symlinkSync(inside ? path.join(copy, path.relative(ROOT, target)) : target, path.join(to, entry.name));
    } else {
      fs.symlinkSync(source, path.join(to, entry.name));
    }
  }
}

interface Baseline {
  ok: boolean;
  seconds: number;
}

/** Runs each distinct test selection once unmutated: a selection that fails already proves nothing. */
function runBaselines(copy: string, mutants: readonly Mutant[]): Map<string, Baseline> {
  const baselines = new Map<string, Baseline>();
  for (const m of mutants) {
    const tests = existingTests(copy, m);
    const key = tests.join(" ");
    if (tests.length === 0 || baselines.has(key)) continue;
    const result = vitest(copy, tests, 900);
    baselines.set(key, { ok: result.status === 0, seconds: result.seconds });
    console.log(`baseline ${result.status === 0 ? "ok    " : "FAILED"} ${result.seconds.toFixed(0).padStart(4)}s  ${key}`);
  }
  return baselines;
}

function existingTests(copy: string, m: Mutant): string[] {
  return m.tests.filter((t) => fs.existsSync(path.join(copy, t)));
}

/** Why the mutant no longer applies to the tree at `root`, or undefined when it does. */
function staleness(root: string, m: Mutant): string | undefined {
  const file = path.join(root, m.file);
  if (!fs.existsSync(file)) return "file gone";
  const found = fs.readFileSync(file, "utf8").split(m.search).length - 1;
  if (found === 0) return "text not found";
  if (found > 1) return `text found ${found} times`;
  if (existingTests(root, m).length === 0) return "no tests";
  return undefined;
}

function runMutant(copy: string, m: Mutant, baselines: Map<string, Baseline>): Outcome {
  const stale = staleness(copy, m);
  if (stale) return { id: m.id, fate: "stale", by: stale, seconds: 0 };
  const file = path.join(copy, m.file);
  const original = fs.readFileSync(file, "utf8");
  const tests = existingTests(copy, m);
  const baseline = baselines.get(tests.join(" "));
  if (!baseline?.ok) return { id: m.id, fate: "baseline-failed", by: "the tests fail without the mutant", seconds: 0 };

  fs.writeFileSync(file, original.replace(m.search, m.replace));
  try {
    if (m.typecheck) {
      const tsc = run(copy, [path.join(copy, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], 600);
      if (tsc.status !== 0) return { id: m.id, fate: "killed", by: "the compiler", seconds: tsc.seconds };
    }
    const result = vitest(copy, tests, Math.max(120, 3 * baseline.seconds));
    if (result.timedOut) return { id: m.id, fate: "timeout", by: "ran past 3x its baseline", seconds: result.seconds };
    if (result.status !== 0) return { id: m.id, fate: "killed", by: failedTest(result.output) ?? "the tests", seconds: result.seconds };
    return { id: m.id, fate: "survived", by: "", seconds: result.seconds };
  } finally {
    fs.writeFileSync(file, original);
  }
}

interface RunResult {
  status: number | null;
  timedOut: boolean;
  seconds: number;
  output: string;
}

function vitest(copy: string, tests: string[], timeoutSeconds: number): RunResult {
  const bin = path.join(copy, "node_modules/vitest/vitest.mjs");
  return run(copy, [bin, "run", "--config", "mutation/vitest.config.mts", "--bail=1", ...tests], timeoutSeconds);
}

function run(cwd: string, args: string[], timeoutSeconds: number): RunResult {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, {
    cwd,
    encoding: "utf8",
    timeout: Math.ceil(timeoutSeconds * 1000),
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  return { status: r.status, timedOut, seconds: (Date.now() - started) / 1000, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** The first failing test's file, from Vitest's summary, to say what caught the mutant. */
function failedTest(output: string): string | undefined {
  const line = output.split("\n").find((l) => /^\s*(FAIL|×|✗)\s/.test(l));
  return line
    ?.trim()
    .replace(/^(FAIL|×|✗)\s+/, "")
    .slice(0, 90);
}

function report(outcomes: Outcome[]): void {
  const count = (fate: Fate) => outcomes.filter((o) => o.fate === fate).length;
  const killed = count("killed") + count("timeout");
  const scored = killed + count("survived");
  const rate = scored === 0 ? 0 : (100 * killed) / scored;
  const survivors = outcomes.filter((o) => o.fate === "survived").map((o) => o.id);
  console.log(
    `\nkill rate ${rate.toFixed(1)} % (${killed} of ${scored} killed; ${count("timeout")} by timeout); ` +
      `${count("stale")} stale, ${count("baseline-failed")} with failing baselines, left out`,
  );
  if (survivors.length > 0) console.log(`survived: ${survivors.join(", ")}`);
  fs.mkdirSync(OUT, { recursive: true });
  const json = { date: new Date().toISOString(), rate: Number(rate.toFixed(1)), killed, scored, outcomes };
  fs.writeFileSync(path.join(OUT, "report.json"), `${JSON.stringify(json, null, 2)}\n`);
}

main(process.argv.slice(2));
