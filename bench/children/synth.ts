/**
 * One benchmark sample, in a fresh process: synthesizes a program under the offline engine and
 * prints what it cost as one JSON line.
 *
 *   ours        the reference platform (stacks/platform.ts) on a stack, as `mlops plan` runs it
 *   replay      the same custom resources, registered as bare pulumi.CustomResources
 *   replay-sdk  the same custom resources, through the provider SDK's own resource classes
 *   scaling     N InferenceServices (bench/programs/scaling.ts), modules loaded before the clock starts
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadStackConfig } from "../../packages/testing/src/config";
import { runMain, synthProject } from "../../packages/testing/src/project";
import { synth } from "../../packages/testing/src/synth";
import { backendSdkModules } from "../lib/backends";
import { reportFromChild } from "../lib/child-report";

// Imports run first: this is the time from process start to the engine loaded.
const engineLoadedAt = performance.now();

export interface SynthArgs {
  mode: "ours" | "replay" | "replay-sdk" | "scaling";
  stack: string;
  /** replay*: the plan to replay; ours: where to write the plan (optional). */
  plan?: string;
  /** scaling: how many InferenceServices. */
  services?: number;
  /** Also time module loading during the program (a diagnostic run: the timing wraps `require`). */
  moduleTiming?: boolean;
}

export interface SynthReport {
  mode: SynthArgs["mode"];
  stack: string;
  resources: number;
  custom: number;
  /** Process start to the engine loaded (@pulumi/pulumi and the engine's own modules). */
  engineLoadMs: number;
  /** scaling: loading mlops-kit and the cloud's backends, before the program runs. */
  libraryLoadMs: number;
  /** The synth call: the program (with the modules it loads), the engine's drain, the plan. */
  programMs: number;
  /** Process start to report. */
  totalMs: number;
  /** Peak resident set size of this process, KiB. */
  maxRssKiB: number;
  /** Modules loaded from each cloud SDK package by the end of the run. */
  sdkModules: Record<string, number>;
  /** replay-sdk: resources the SDK class refused (a required input the plan cannot show), replayed bare. */
  fallbacks?: number;
  /** moduleTiming: time spent loading modules during the program, by package. */
  moduleLoadMs?: Record<string, number>;
}

/**
 * Times module loading by package (`zod`, `@pulumi/aws`, `mlops-kit`, `program`): each load's own
 * time, without the loads nested in it, which count towards their own package. The program's
 * own module counts its body, i.e. the registrations it makes while loading.
 */
function timeModuleLoads(): Record<string, number> {
  const Module = require("node:module") as {
    _load(request: string, parent: unknown, isMain: boolean): unknown;
    _resolveFilename(request: string, parent: unknown): string;
  };
  const totals: Record<string, number> = {};
  const load = Module._load;
  const stack: { nested: number }[] = [];
  const packageOf = (request: string, parent: unknown): string => {
    try {
      const file = Module._resolveFilename(request, parent);
      const inModules = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
      if (inModules?.[1]) return inModules[1].replace(/\\/g, "/");
      return file.includes(`${path.sep}packages${path.sep}mlops-kit${path.sep}`) ? "mlops-kit" : "program";
    } catch {
      return request;
    }
  };
  Module._load = function (request, parent, isMain) {
    const key = packageOf(request, parent);
    const frame = { nested: 0 };
    stack.push(frame);
    const start = performance.now();
    try {
      return load.call(this, request, parent, isMain);
    } finally {
      const elapsed = performance.now() - start;
      stack.pop();
      totals[key] = (totals[key] ?? 0) + elapsed - frame.nested;
      const outer = stack[stack.length - 1];
      if (outer) outer.nested += elapsed;
    }
  };
  return totals;
}

const ROOT = path.resolve(__dirname, "..", "..");
const SDKS = ["@pulumi/aws", "@pulumi/gcp", "@pulumi/azure-native"];

async function main(args: SynthArgs): Promise<SynthReport> {
  let libraryLoadMs = 0;
  const moduleLoadMs = args.moduleTiming ? timeModuleLoads() : undefined;
  let t0 = performance.now();
  let plan: Awaited<ReturnType<typeof synth>>;
  if (args.mode === "ours") {
    plan = (await synthProject(ROOT, args.stack)).plan;
  } else {
    const source = loadStackConfig(ROOT, args.stack);
    const options = { project: source.project, stack: args.stack, config: source.config, secretKeys: source.secretKeys };
    if (args.mode === "scaling") {
      const cloud = String(source.config["mlops:cloud"]);
      require("mlops-kit");
      for (const m of backendSdkModules(cloud)) require(m);
      const { platform } = require("../programs/scaling") as typeof import("../programs/scaling");
      libraryLoadMs = performance.now() - t0;
      t0 = performance.now();
      plan = await synth(() => platform(args.services ?? 1), options);
    } else {
      if (!args.plan) throw new Error("replay needs a plan");
      process.env.MLOPS_BENCH_PLAN = args.plan;
      process.env.MLOPS_BENCH_REPLAY = args.mode === "replay-sdk" ? "sdk" : "bare";
      // Run as a program file, the way the reference platform runs, so both carry the same stack depth.
      plan = await synth(runMain(path.join(ROOT, "bench", "programs", "replay.ts"), ROOT), options);
    }
  }
  const programMs = performance.now() - t0;
  if (args.mode === "ours" && args.plan) fs.writeFileSync(args.plan, JSON.stringify(plan));
  const sdkModules: Record<string, number> = Object.fromEntries(SDKS.map((s) => [s, 0]));
  for (const key of Object.keys(require.cache)) {
    for (const sdk of SDKS)
      if (key.includes(`${path.sep}node_modules${path.sep}${sdk}${path.sep}`)) sdkModules[sdk] = (sdkModules[sdk] ?? 0) + 1;
  }
  const fallbacks = (globalThis as { __mlopsBenchFallbacks?: number }).__mlopsBenchFallbacks;
  return {
    mode: args.mode,
    stack: args.stack,
    resources: plan.resources.length,
    custom: plan.resources.filter((r) => r.custom).length,
    engineLoadMs: engineLoadedAt,
    libraryLoadMs,
    programMs,
    totalMs: performance.now(),
    maxRssKiB: process.resourceUsage().maxRSS,
    sdkModules,
    ...(fallbacks !== undefined ? { fallbacks } : {}),
    ...(moduleLoadMs ? { moduleLoadMs } : {}),
  };
}

reportFromChild(() => main(JSON.parse(process.argv[2] ?? "{}") as SynthArgs));
