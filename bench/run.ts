/**
 * `npm run bench`: what mlops-kit costs its users, each cost a ratio against a baseline measured in
 * the same run (A and B interleaved, fresh process per sample, medians after a warm-up).
 *
 *   node --require @mlops-kit/testing/register bench/run.ts [--rounds=5] [--only=program,isolation,scaling,critical,typecheck,footprint,cost] [--quick]
 *
 * Prints a table and writes bench/results.json. Method and findings: bench/RESULTS.md.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { IdleCostReport } from "./children/idle-cost";
import type { ImportReport } from "./children/imports";
import type { SynthReport } from "./children/synth";
import { CREATION_TIMES, creationKey, creationSeconds, DEFAULT_SECONDS } from "./creation-times";
import { interleave, OUT_DIR, ROOT, runChild } from "./lib/child";
import { CLOUDS, type Cloud, SDK } from "./lib/clouds";
import { type CriticalPath, criticalPath } from "./lib/critical-path";
import { directorySize, installFootprint } from "./lib/footprint";
import { sdkModuleOf } from "./lib/replay";
import { table } from "./lib/report";
import { fitPowerLaw, median, ratio, relativeSpread, round } from "./lib/stats";

const SECTIONS = ["program", "isolation", "scaling", "critical", "typecheck", "footprint", "cost"] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  rounds: number;
  warmup: number;
  sections: Set<Section>;
  scalingSizes: number[];
  out: string;
}

function parseOptions(argv: string[]): Options {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const quick = argv.includes("--quick");
  const only = get("only");
  const sections = new Set<Section>(only ? (only.split(",") as Section[]) : SECTIONS);
  for (const s of sections) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; sections: ${SECTIONS.join(", ")}`);
  return {
    rounds: Number(get("rounds") ?? (quick ? 1 : 5)),
    warmup: quick ? 0 : 1,
    sections,
    scalingSizes: quick ? [1, 2] : [1, 10, 50],
    out: get("out") ?? path.join(ROOT, "bench", "results.json"),
  };
}

function machine() {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return {
    cpuModel: model.trim(),
    cpus: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
  };
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);

// --- 1. Program overhead -------------------------------------------------------------------------

function planFile(cloud: Cloud): string {
  return path.join(OUT_DIR, `plan-${cloud}-prod.json`);
}

function preparePlans(): Record<Cloud, SynthReport> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const out = {} as Record<Cloud, SynthReport>;
  for (const cloud of CLOUDS) {
    // Not a timed sample: it writes the plan the replays read, and times module loading by package.
    out[cloud] = runChild<SynthReport>("synth.ts", {
      mode: "ours",
      stack: `${cloud}-prod`,
      plan: planFile(cloud),
      moduleTiming: true,
    }).report;
  }
  return out;
}

function summarizeSynth(samples: SynthReport[]) {
  return {
    programMs: round(median(samples.map((s) => s.programMs))),
    totalMs: round(median(samples.map((s) => s.totalMs))),
    maxRssMiB: round(median(samples.map((s) => s.maxRssKiB)) / 1024),
    spread: round(relativeSpread(samples.map((s) => s.programMs)), 3),
    resources: samples[0]?.resources ?? 0,
    custom: samples[0]?.custom ?? 0,
    samples: samples.map((s) => round(s.programMs)),
  };
}

function programOverhead(o: Options, prepared: Record<Cloud, SynthReport>) {
  const result: Record<string, unknown> = {};
  for (const cloud of CLOUDS) {
    log(`program overhead: ${cloud}-prod`);
    const stack = `${cloud}-prod`;
    const plan = planFile(cloud);
    const runs = interleave(
      {
        ours: () => runChild<SynthReport>("synth.ts", { mode: "ours", stack }).report,
        replay: () => runChild<SynthReport>("synth.ts", { mode: "replay", stack, plan }).report,
        replaySdk: () => runChild<SynthReport>("synth.ts", { mode: "replay-sdk", stack, plan }).report,
      },
      o.rounds,
      o.warmup,
    );
    const ours = summarizeSynth(runs.ours);
    const replay = summarizeSynth(runs.replay);
    const replaySdk = summarizeSynth(runs.replaySdk);
    result[cloud] = {
      stack,
      ours,
      replay,
      replaySdk,
      sdkFallbacks: runs.replaySdk[0]?.fallbacks ?? 0,
      ratio: {
        program: ratio(ours.programMs, replay.programMs),
        process: ratio(ours.totalMs, replay.totalMs),
        memory: ratio(ours.maxRssMiB, replay.maxRssMiB),
        sdkOverReplay: ratio(replaySdk.programMs, replay.programMs),
        oursOverSdk: ratio(ours.programMs, replaySdk.programMs),
      },
      sdkModules: runs.ours[0]?.sdkModules ?? {},
      /** From the (untimed) preparing run, whose loads were timed: where ours' module loading goes. */
      moduleLoadMs: Object.fromEntries(Object.entries(prepared[cloud].moduleLoadMs ?? {}).map(([k, v]) => [k, round(v)])),
    };
  }
  return result;
}

// --- 2. Cloud isolation --------------------------------------------------------------------------

/** The provider submodules a plan's resources come from. */
function submodulesOf(planPath: string): string[] {
  const plan = JSON.parse(fs.readFileSync(planPath, "utf8")) as { resources: { type: string; custom: boolean }[] };
  // Explicit providers (`pulumi:providers:kubernetes`) come with the SDK's root, loaded by any of its resources.
  const resources = plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  return [...new Set(resources.map((r) => sdkModuleOf(r.type).module))].sort();
}

function isolation(o: Options, prepared: Record<Cloud, SynthReport>) {
  const result: Record<string, unknown> = {};
  for (const cloud of CLOUDS) {
    log(`cloud isolation: ${cloud}`);
    const modules = submodulesOf(planFile(cloud));
    const runs = interleave(
      {
        library: () => runChild<ImportReport>("imports.ts", { variant: "library", cloud }).report,
        sdk: () => runChild<ImportReport>("imports.ts", { variant: "sdk", cloud, modules }).report,
      },
      o.rounds,
      o.warmup,
    );
    const loaded = prepared[cloud].sdkModules;
    const others = CLOUDS.filter((c) => c !== cloud).reduce((n, c) => n + (loaded[SDK[c]] ?? 0), 0);
    const library = median(runs.library.map((r) => r.loadMs));
    const sdk = median(runs.sdk.map((r) => r.loadMs));
    const pulumi = median([...runs.library, ...runs.sdk].map((r) => r.pulumiMs));
    result[cloud] = {
      otherCloudModules: others,
      ownSdkModules: loaded[SDK[cloud]] ?? 0,
      sdkSubmodules: modules,
      libraryLoadMs: round(library),
      sdkLoadMs: round(sdk),
      libraryModules: runs.library[0]?.modules ?? 0,
      sdkModules: runs.sdk[0]?.modules ?? 0,
      pulumiLoadMs: round(pulumi),
      ratio: ratio(library, sdk),
      /** Startup including @pulumi/pulumi, which both need. */
      ratioWithPulumi: ratio(pulumi + library, pulumi + sdk),
    };
  }
  return result;
}

// --- 3. Scaling ----------------------------------------------------------------------------------

function scaling(o: Options) {
  const result: Record<string, unknown> = {};
  for (const cloud of CLOUDS) {
    log(`scaling: ${cloud} ${o.scalingSizes.join(", ")}`);
    const stack = `${cloud}-prod`;
    const variants = Object.fromEntries(
      o.scalingSizes.map((n) => [`n${n}`, () => runChild<SynthReport>("synth.ts", { mode: "scaling", stack, services: n }).report]),
    );
    const runs = interleave(variants, o.rounds, o.warmup);
    const points = o.scalingSizes.map((n) => {
      const s = runs[`n${n}`] ?? [];
      const ms = median(s.map((x) => x.programMs));
      const rssMiB = median(s.map((x) => x.maxRssKiB)) / 1024;
      const resources = s[0]?.resources ?? 0;
      return {
        services: n,
        resources,
        programMs: round(ms),
        msPerResource: round(ms / resources, 2),
        maxRssMiB: round(rssMiB),
        spread: round(relativeSpread(s.map((x) => x.programMs)), 3),
      };
    });
    const fit = fitPowerLaw(
      points.map((p) => p.resources),
      points.map((p) => p.programMs),
    );
    const first = points[0];
    const last = points[points.length - 1];
    const kibPerResource =
      first && last && last.resources > first.resources
        ? ((last.maxRssMiB - first.maxRssMiB) * 1024) / (last.resources - first.resources)
        : 0;
    // The cost of each added resource between consecutive sizes: flat for linear growth, rising for
    // superlinear (the fit's exponent alone is pulled below 1 by the fixed part of a run).
    const marginalMsPerResource = points.slice(1).map((p, i) => {
      const prev = points[i] as (typeof points)[number];
      return round((p.programMs - prev.programMs) / (p.resources - prev.resources), 3);
    });
    result[cloud] = {
      points,
      exponent: round(fit.exponent, 3),
      r2: round(fit.r2, 4),
      marginalMsPerResource,
      memoryKiBPerResource: round(kibPerResource, 1),
    };
  }
  return result;
}

// --- 4. Deploy critical path ---------------------------------------------------------------------

function critical() {
  const result: Record<string, unknown> = {};
  for (const cloud of CLOUDS) {
    const plan = JSON.parse(fs.readFileSync(planFile(cloud), "utf8")) as {
      resources: (Parameters<typeof criticalPath>[0][number] & { dependsOn: string[] })[];
    };
    const cp: CriticalPath = criticalPath(plan.resources, creationSeconds);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const nameOf = (urn: string) => byUrn.get(urn)?.name ?? urn;
    // Every explicit dependsOn in the stack, for review: each must be a real need, and none may
    // name a whole component (which would wait for everything under it).
    const explicit = plan.resources.flatMap((r) =>
      r.dependsOn.map((d) => ({ from: r.name, to: nameOf(d), toComponent: byUrn.get(d)?.custom === false })),
    );
    result[cloud] = {
      explicitDependsOn: explicit.map((e) => `${e.from} -> ${e.to}${e.toComponent ? " (component)" : ""}`),
      dependsOnComponents: explicit.filter((e) => e.toComponent).length,
      totalSeconds: cp.totalSeconds,
      slowest: { name: cp.slowest.name, type: cp.slowest.type, seconds: cp.slowest.seconds },
      ratio: round(cp.ratio, 2),
      path: cp.path.map((l) => {
        const r = byUrn.get(l.urn);
        return {
          name: l.name,
          type: l.type,
          seconds: l.seconds,
          start: l.start,
          weight: r && CREATION_TIMES[creationKey(r)] ? creationKey(r) : `default (${DEFAULT_SECONDS} s)`,
        };
      }),
    };
  }
  return result;
}

// --- 5. Type-check cost --------------------------------------------------------------------------

function tsc(project: string, extra: string[] = []): { ms: number; stdout: string } {
  const tscBin = require.resolve("typescript/bin/tsc");
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [tscBin, "--noEmit", "-p", project, ...extra], { cwd: ROOT, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`tsc -p ${project} failed:\n${r.stdout}${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function diagnostics(project: string) {
  const out = tsc(project, ["--extendedDiagnostics"]).stdout;
  const num = (label: string) => Number((new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(out)?.[1] ?? "NaN").replace(/,/g, ""));
  return {
    files: num("Files"),
    linesOfDefinitions: num("Lines of Definitions"),
    linesOfTypeScript: num("Lines of TypeScript"),
    checkSeconds: num("Check time"),
    totalSeconds: num("Total time"),
    memoryKiB: num("Memory used"),
  };
}

function typecheck(o: Options) {
  log("type-check: bench/typecheck/{mlops,raw}");
  const projects = { mlops: path.join("bench", "typecheck", "mlops"), raw: path.join("bench", "typecheck", "raw") };
  // The warm-up round is the diagnostics run (--extendedDiagnostics): its times are not kept.
  const facts = o.warmup > 0 ? { mlops: diagnostics(projects.mlops), raw: diagnostics(projects.raw) } : undefined;
  const runs = interleave({ mlops: () => tsc(projects.mlops).ms, raw: () => tsc(projects.raw).ms }, o.rounds, 0);
  const mlops = median(runs.mlops);
  const raw = median(runs.raw);
  return {
    mlops: { ms: round(mlops), samples: runs.mlops.map((x) => round(x)), ...facts?.mlops },
    raw: { ms: round(raw), samples: runs.raw.map((x) => round(x)), ...facts?.raw },
    ratio: ratio(mlops, raw),
  };
}

// --- 6. Install footprint ------------------------------------------------------------------------

function footprint() {
  // mlops-kit installs what its package.json `files` publishes: the build (code, declarations, maps) and src without tests.
  const sizeOf = (key: string) => {
    if (key !== "packages/mlops-kit") return directorySize(path.join(ROOT, key));
    const src = directorySize(path.join(ROOT, key, "src"), (f) => !f.endsWith(".test.ts"));
    const dist = directorySize(path.join(ROOT, key, "dist"), (f) => !f.endsWith(".tsbuildinfo"));
    return { bytes: src.bytes + dist.bytes, files: src.files + dist.files };
  };
  const base = ["mlops-kit", "@pulumi/pulumi"];
  const oneCloud = Object.fromEntries(CLOUDS.map((c) => [c, installFootprint(ROOT, [...base, SDK[c]], sizeOf)]));
  const all = installFootprint(ROOT, [...base, ...CLOUDS.map((c) => SDK[c])], sizeOf);
  const withoutSdk = installFootprint(ROOT, base, sizeOf);
  const mib = (b: number) => round(b / 2 ** 20, 1);
  return {
    base: { ...withoutSdk, mib: mib(withoutSdk.bytes) },
    oneCloud: Object.fromEntries(
      Object.entries(oneCloud).map(([c, f]) => [c, { ...f, mib: mib(f.bytes), allOverOne: ratio(all.bytes, f.bytes) }]),
    ),
    allClouds: { ...all, mib: mib(all.bytes) },
  };
}

// --- 7. Idle monthly cost -----------------------------------------------------------------------

/** Each dev stack against its minimal hand-written equivalent, priced alike; not timed, one run each. */
function idleCost() {
  const result: Record<string, IdleCostReport> = {};
  for (const cloud of CLOUDS) {
    log(`idle monthly cost: ${cloud}-dev`);
    result[cloud] = runChild<IdleCostReport>("idle-cost.ts", { cloud }).report;
  }
  return result;
}

function main(): void {
  const o = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const results: Record<string, unknown> = { machine: machine(), method: { rounds: o.rounds, warmup: o.warmup } };
  const needPlans = o.sections.has("program") || o.sections.has("isolation") || o.sections.has("critical");
  log("preparing plans (ours, one run per cloud)");
  const prepared = needPlans ? preparePlans() : ({} as Record<Cloud, SynthReport>);
  if (o.sections.has("program")) results.program = programOverhead(o, prepared);
  if (o.sections.has("isolation")) results.isolation = isolation(o, prepared);
  if (o.sections.has("scaling")) results.scaling = scaling(o);
  if (o.sections.has("critical")) results.critical = critical();
  if (o.sections.has("typecheck")) results.typecheck = typecheck(o);
  if (o.sections.has("footprint")) results.footprint = footprint();
  if (o.sections.has("cost")) results.cost = idleCost();
  results.durationSeconds = round((Date.now() - started) / 1000);
  fs.writeFileSync(o.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table(results)}\n\nwhole bench: ${results.durationSeconds} s; results in ${path.relative(ROOT, o.out)}\n`);
}

main();
