import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PLAN_VERSION, type Plan } from "@mlops-kit/testing";
import { UserError } from "./errors";

/**
 * Plans a stack as it was at a git ref: the ref's files are extracted (`git archive`) into a
 * temporary directory, its node_modules link to this checkout's (workspace packages to the ref's own
 * copies), and `mlops plan` runs there in a child process with the `mlops-kit-source` export
 * condition, so the program loads the ref's mlops-kit sources, not this checkout's build.
 */
export function planAtRef(cwd: string, ref: string, stack: string, timeoutSeconds: number): Plan {
  const top = git(cwd, ["rev-parse", "--show-toplevel"], "--base needs a git checkout").trim();
  git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], `--base ${ref}: no such commit in ${top}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-diff-base-"));
  try {
    extract(top, ref, tmp);
    for (const dir of ancestors(cwd, top)) {
      const modules = path.join(dir, "node_modules");
      if (fs.existsSync(modules)) mirrorNodeModules(modules, path.join(tmp, path.relative(top, modules)), top, tmp);
    }
    const projectDir = path.join(tmp, path.relative(top, cwd));
    if (!fs.existsSync(path.join(projectDir, "Pulumi.yaml")))
      throw new UserError(`--base ${ref}: the project ${path.relative(top, cwd) || "."} has no Pulumi.yaml at that ref`);
    return runPlan(projectDir, stack, timeoutSeconds, path.join(tmp, "base-plan.json"), ref, ownsMlopsKit(cwd, top));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function git(cwd: string, args: string[], failure: string): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.error || r.status !== 0) throw new UserError(`${failure}${r.stderr ? `: ${r.stderr.trim()}` : ""}`);
  return r.stdout;
}

function extract(top: string, ref: string, into: string): void {
  const archive = path.join(into, "base.tar");
  git(top, ["archive", "--format=tar", "-o", archive, ref], `--base ${ref}: git archive failed`);
  const r = spawnSync("tar", ["-xf", archive, "-C", into], { encoding: "utf8" });
  if (r.status !== 0) throw new UserError(`--base ${ref}: could not extract the ref: ${r.stderr}`);
  fs.rmSync(archive);
}

/** The directories from `dir` up to `top`, both included. */
function ancestors(dir: string, top: string): string[] {
  const out = [dir];
  let d = dir;
  while (d !== top && path.dirname(d) !== d) {
    d = path.dirname(d);
    out.push(d);
  }
  return out;
}

/**
 * node_modules for the copy: a link per package to the installed one, except packages of the
 * checkout itself (workspace links such as mlops-kit -> packages/mlops-kit), which link to the
 * ref's copy so the ref's code is what runs.
 */
function mirrorNodeModules(real: string, copy: string, top: string, tmp: string): void {
  fs.mkdirSync(copy, { recursive: true });
  for (const entry of fs.readdirSync(real, { withFileTypes: true })) {
    const from = path.join(real, entry.name);
    if (entry.name.startsWith("@") && entry.isDirectory()) {
      mirrorNodeModules(from, path.join(copy, entry.name), top, tmp);
      continue;
    }
    let target: string;
    try {
      target = fs.realpathSync(from);
    } catch {
      continue; // a dangling link installs nothing
    }
    const own = target.startsWith(`${top}${path.sep}`) && !target.includes(`${path.sep}node_modules${path.sep}`);
    fs.symlinkSync(own ? path.join(tmp, path.relative(top, target)) : target, path.join(copy, entry.name));
  }
}

/**
 * True when the project's mlops-kit is part of the checkout (mlops-kit's own repository): the ref's
 * copy has no build, so it is loaded from its sources. An installed mlops-kit is the same on both sides.
 */
function ownsMlopsKit(cwd: string, top: string): boolean {
  try {
    const pkg = fs.realpathSync(require.resolve("mlops-kit/package.json", { paths: [cwd] }));
    return pkg.startsWith(`${top}${path.sep}`) && !pkg.includes(`${path.sep}node_modules${path.sep}`);
  } catch {
    return false;
  }
}

/** `mlops plan --out` in a child process, with the `mlops-kit-source` condition when `fromSource`. */
function runPlan(projectDir: string, stack: string, timeoutSeconds: number, out: string, ref: string, fromSource: boolean): Plan {
  const bin = path.resolve(__dirname, "..", "bin", "mlops.js");
  const args = [
    ...(fromSource ? ["--conditions=mlops-kit-source"] : []),
    bin,
    "plan",
    "--stack",
    stack,
    "--cwd",
    projectDir,
    "--out",
    out,
    "--timeout",
    String(timeoutSeconds),
  ];
  const r = spawnSync(process.execPath, args, { cwd: projectDir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 || !fs.existsSync(out)) {
    const why = (r.stderr || r.error?.message || "")
      .split("\n")
      .filter((l) => !l.startsWith("warning: mlops-kit at"))
      .join("\n")
      .trim();
    throw new UserError(`--base ${ref}: planning stack ${stack} at that ref failed${why ? `:\n${why}` : ""}`);
  }
  return readPlanFile(out, `the plan of ${ref}`);
}

/** A plan file written by `mlops plan --out` (or `--json`): checked for its version before use. */
export function readPlanFile(file: string, what = file): Plan {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new UserError(`${what}: not a plan file (${(err as Error).message})`);
  }
  const plan = data as Partial<Plan>;
  if (plan?.version !== PLAN_VERSION || !Array.isArray(plan.resources) || typeof plan.stack !== "string") {
    throw new UserError(`${what}: not a plan file of version ${PLAN_VERSION} (write one with "mlops plan --stack <s> --out <file>")`);
  }
  return plan as Plan;
}
