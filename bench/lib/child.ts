import { spawnSync } from "node:child_process";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const OUT_DIR = path.join(ROOT, "bench", ".out");

export interface ChildRun<T> {
  /** What the child reported (the JSON on its last line of stdout). */
  report: T;
  /** Spawn to exit, measured by the parent. */
  wallMs: number;
}

/**
 * Runs one sample in a fresh Node.js process, so module caches, JIT state and heap never carry
 * over from one sample to the next. The child prints one JSON line last; anything on stderr or a
 * non-zero exit fails the benchmark with the child's own words.
 */
export function runChild<T>(
  script: string,
  args: unknown,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): ChildRun<T> {
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      "--require",
      require.resolve("@mlops-kit/testing/register"),
      path.join(ROOT, "bench", "children", script),
      JSON.stringify(args),
    ],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
  );
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 || r.error) {
    throw new Error(`bench child ${script} ${JSON.stringify(args)} failed (${r.status ?? r.error}):\n${r.stderr}\n${r.stdout}`);
  }
  const last = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return { report: JSON.parse(last) as T, wallMs };
  } catch {
    throw new Error(`bench child ${script} printed no JSON report:\n${r.stdout}\n${r.stderr}`);
  }
}

/**
 * Runs `rounds` rounds of every variant, after `warmup` rounds that are thrown away. Within a round
 * the variants run one after another, and their order alternates between rounds, so that drift in
 * the machine's speed (thermal, other load) falls on every variant alike.
 */
export function interleave<K extends string, T>(variants: Record<K, () => T>, rounds: number, warmup = 1): Record<K, T[]> {
  const keys = Object.keys(variants) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as T[]])) as Record<K, T[]>;
  for (let round = 0; round < warmup + rounds; round++) {
    const order = round % 2 === 0 ? keys : [...keys].reverse();
    for (const k of order) {
      const sample = variants[k]();
      if (round >= warmup) out[k].push(sample);
    }
  }
  return out;
}
