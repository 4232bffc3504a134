import type { IdleCostReport } from "../children/idle-cost";

/** The benchmark's tables, as printed on stdout (markdown), from the results bench/results.json holds. */
import { CLOUDS, type Cloud, GOALS, SDK } from "./clouds";

function verdict(ok: boolean): string {
  return ok ? "met" : "MISSED";
}

type Results = {
  program?: Record<
    Cloud,
    {
      ours: { programMs: number; maxRssMiB: number };
      replay: { programMs: number; maxRssMiB: number };
      replaySdk: { programMs: number };
      ratio: { program: number; process: number; memory: number; sdkOverReplay: number; oursOverSdk: number };
    }
  >;
  isolation?: Record<
    Cloud,
    { otherCloudModules: number; libraryLoadMs: number; sdkLoadMs: number; ratio: number; ratioWithPulumi: number }
  >;
  scaling?: Record<
    Cloud,
    {
      points: { services: number; resources: number; programMs: number; msPerResource: number; maxRssMiB: number }[];
      exponent: number;
      marginalMsPerResource: number[];
      memoryKiBPerResource: number;
    }
  >;
  critical?: Record<
    Cloud,
    {
      totalSeconds: number;
      slowest: { name: string; seconds: number };
      ratio: number;
      dependsOnComponents: number;
      path: { name: string; seconds: number }[];
    }
  >;
  typecheck?: { mlops: { ms: number; files?: number }; raw: { ms: number; files?: number }; ratio: number };
  footprint?: {
    base: { mib: number; packages: number };
    oneCloud: Record<Cloud, { mib: number; packages: number; allOverOne: number }>;
    allClouds: { mib: number; packages: number };
  };
  cost?: Record<Cloud, IdleCostReport>;
};

/** Rows of one markdown table, appended to the report's lines. */
interface Writer {
  lines: string[];
  row: (...cells: (string | number)[]) => void;
  header: (...cells: string[]) => void;
}

export function table(results: Record<string, unknown>): string {
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(" | ")} |`);
  // A table's header row and the separator markdown needs under it, which has as many cells.
  const header = (...cells: string[]) => {
    row(...cells);
    row(...cells.map(() => "---"));
  };
  const w: Writer = { lines, row, header };
  const r = results as Results;
  if (r.program) programSection(w, r.program);
  if (r.isolation) isolationSection(w, r.isolation);
  if (r.scaling) scalingSection(w, r.scaling);
  if (r.critical) criticalPathSection(w, r.critical);
  if (r.typecheck) typecheckSection(w, r.typecheck);
  if (r.footprint) footprintSection(w, r.footprint);
  if (r.cost) lines.push(...idleCostTable(r.cost));
  return lines.join("\n");
}

/** 1. Program overhead of the prod stacks against the replay. */
function programSection(w: Writer, x: NonNullable<Results["program"]>): void {
  const { lines, row, header } = w;
  lines.push("", "1. Program overhead (prod stacks; median program ms, peak RSS MiB)", "");
  header(
    "cloud",
    "ours ms",
    "replay ms",
    "ours/replay",
    "goal ≤ 1.15",
    "replay-sdk ms",
    "sdk/replay",
    "ours/sdk",
    "process ours/replay",
    "RSS ours/replay",
  );
  for (const c of CLOUDS) {
    const p = x[c];
    if (!p) continue;
    row(
      c,
      p.ours.programMs,
      p.replay.programMs,
      p.ratio.program,
      verdict(p.ratio.program <= GOALS.programRatio),
      p.replaySdk.programMs,
      p.ratio.sdkOverReplay,
      p.ratio.oursOverSdk,
      p.ratio.process,
      `${p.ours.maxRssMiB}/${p.replay.maxRssMiB} = ${p.ratio.memory}`,
    );
  }
}

/** 2. Modules of other clouds' SDKs, and load times. */
function isolationSection(w: Writer, x: NonNullable<Results["isolation"]>): void {
  const { lines, row, header } = w;
  lines.push("", "2. Cloud isolation (modules of other clouds' SDKs; load ms after @pulumi/pulumi)", "");
  header(
    "cloud",
    "other-cloud modules",
    "goal 0",
    "mlops-kit + backends ms",
    "provider submodules ms",
    "ratio",
    "ratio incl. @pulumi/pulumi",
  );
  for (const c of CLOUDS) {
    const i = x[c];
    if (!i) continue;
    row(c, i.otherCloudModules, verdict(i.otherCloudModules === 0), i.libraryLoadMs, i.sdkLoadMs, i.ratio, i.ratioWithPulumi);
  }
}

/** 3. Program time and memory as services are added. */
function scalingSection(w: Writer, x: NonNullable<Results["scaling"]>): void {
  const { lines, row, header } = w;
  lines.push("", "3. Scaling (one MlopsVpc, N InferenceServices on it; modules loaded before the clock)", "");
  header("cloud", "N", "resources", "ms", "ms/resource", "marginal ms/resource", "peak RSS MiB", "exponent", "goal ≤ 1.05", "KiB/resource");
  for (const c of CLOUDS) {
    const s = x[c];
    if (!s) continue;
    for (const [i, p] of s.points.entries()) {
      const last = i === s.points.length - 1;
      const marginal = i === 0 ? "" : (s.marginalMsPerResource[i - 1] ?? "");
      const fit = last ? [s.exponent, verdict(s.exponent <= GOALS.scalingExponent), s.memoryKiBPerResource] : ["", "", ""];
      row(c, p.services, p.resources, p.programMs, p.msPerResource, marginal, p.maxRssMiB, ...fit);
    }
  }
}

/** 4. The deploy critical path. */
function criticalPathSection(w: Writer, x: NonNullable<Results["critical"]>): void {
  const { lines, row, header } = w;
  lines.push("", "4. Deploy critical path (typical creation times, bench/creation-times.ts)", "");
  header("cloud", "estimate s", "slowest on path", "ratio", "dependsOn on components", "path");
  for (const c of CLOUDS) {
    const cp = x[c];
    if (!cp) continue;
    const path = cp.path.map((l) => `${l.name} ${l.seconds}`).join(" → ");
    row(c, cp.totalSeconds, `${cp.slowest.name} (${cp.slowest.seconds} s)`, cp.ratio, cp.dependsOnComponents, path);
  }
}

/** 5. Type-check cost against the raw SDK program. */
function typecheckSection(w: Writer, x: NonNullable<Results["typecheck"]>): void {
  const { lines, row, header } = w;
  const t = x;
  lines.push("", "5. Type-check cost (tsc --noEmit -p, median ms)", "");
  header("program", "ms", "files");
  row("bench/typecheck/mlops (MlopsVpc)", t.mlops.ms, t.mlops.files ?? "");
  row("bench/typecheck/raw (@pulumi/aws/ec2)", t.raw.ms, t.raw.files ?? "");
  row("ratio", t.ratio, "");
}

/** 6. Install footprint per cloud. */
function footprintSection(w: Writer, x: NonNullable<Results["footprint"]>): void {
  const { lines, row, header } = w;
  const f = x;
  lines.push("", "6. Install footprint (node_modules on disk)", "");
  header("install", "MiB", "packages", "all three / this");
  row("mlops-kit + @pulumi/pulumi", f.base.mib, f.base.packages, "");
  for (const c of CLOUDS) row(`... + ${SDK[c]}`, f.oneCloud[c].mib, f.oneCloud[c].packages, f.oneCloud[c].allOverOne);
  row("... + all three SDKs", f.allClouds.mib, f.allClouds.packages, "");
}

const usd = (x: number) => `$${x.toFixed(2)}`;

/** 7. The idle monthly cost of each dev stack against its minimal equivalent, and what makes up the difference. */
function idleCostTable(cost: Record<Cloud, IdleCostReport>): string[] {
  const lines = ["", "7. Idle monthly cost (dev stacks, fixed part at the lower scaling bounds, USD list prices)", ""];
  lines.push("| stack | ours | minimal (1 NAT, 1 LB, 1 instance) | ratio | not priced (ours/minimal) | largest differences |");
  lines.push("| --- | --- | --- | --- | --- | --- |");
  for (const c of CLOUDS) {
    const x = cost[c];
    if (!x) continue;
    if (!x.priced || !x.ours || !x.minimal) {
      lines.push(`| ${x.stack} | not priced | not priced | | | ${x.note ?? ""} |`);
      continue;
    }
    const count = (u: Record<string, number>) => Object.values(u).reduce((a, b) => a + b, 0);
    const items = (x.items ?? []).slice(0, 5).map((i) => `${i.item} ${i.difference >= 0 ? "+" : ""}${usd(i.difference)}`);
    lines.push(
      `| ${x.stack} | ${usd(x.ours.idleUsd)} | ${usd(x.minimal.idleUsd)} | ${x.ratio?.toFixed(2) ?? ""} | ${count(x.ours.unpriced)}/${count(x.minimal.unpriced)} | ${items.join("; ")} |`,
    );
  }
  return lines;
}
