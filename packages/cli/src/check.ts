import * as fs from "node:fs";
import * as path from "node:path";
import {
  evaluatePolicies,
  loadPolicyPack,
  type PolicyConfig,
  PolicyConfigError,
  type PolicyReport,
  type PolicyViolation,
  readPolicyConfig,
  synthProject,
} from "@mlops-kit/testing";
import { parseStackCommand } from "./args";
import { UsageError } from "./errors";
import { DEFAULT_PACKS, defaultPackDirs } from "./packs";
import { staleBuildWarning } from "./stale";

const HELP = `Usage: mlops check --stack <name> [--cwd <dir>] [--pack <dir>]... [--config <file.json>] [--json] [--timeout <seconds>]

Plans the stack offline (as "mlops plan" does) and runs policy packs on the plan, as
"pulumi preview --policy-pack <dir>" would. Exits 1 when a mandatory policy is violated.

Options:
  --stack <name>     the stack to check (required)
  --cwd <dir>        the directory holding Pulumi.yaml (default: the current directory)
  --pack <dir>       a policy pack to run; repeat for several
                     (default: ${DEFAULT_PACKS.join(" and ")} of the project, else
                     those shipped in the mlops-kit it installed)
  --config <file>    policy configuration (JSON), as for "pulumi preview --policy-pack-config":
                     { "<policy>": "advisory" | "mandatory" | "disabled",
                       "<policy>": { "enforcementLevel": "...", "<parameter>": <value> },
                       "all": "<level>" }
  --json             print the report as JSON
  --timeout <s>      seconds the program gets to finish before the check fails (default: 120)
  -h, --help         show this help`;

export async function check(argv: string[]): Promise<number> {
  const args = parseStackCommand(
    argv,
    {
      pack: { type: "string", short: "p", multiple: true },
      config: { type: "string", short: "c" },
    },
    HELP,
  );
  if (!args) return 0;
  const cwd = path.resolve(args.cwd ?? ".");

  const packDirs = (args.pack && args.pack.length > 0 ? args.pack.map((p) => path.resolve(p)) : defaultPackDirs(cwd)).filter(
    (d, i, all) => all.indexOf(d) === i,
  );
  for (const dir of packDirs) {
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
      throw new UsageError(
        args.pack && args.pack.length > 0
          ? `${dir} is not a policy pack (no PulumiPolicy.yaml)`
          : `no policy pack at ${dir}; pass --pack <dir> to name the packs to run`,
      );
    }
  }
  let config: PolicyConfig | undefined;
  try {
    if (args.config) config = readPolicyConfig(path.resolve(args.config));
  } catch (err) {
    if (err instanceof PolicyConfigError) throw new UsageError(err.message);
    throw err;
  }

  const stale = staleBuildWarning(cwd);
  if (stale) process.stderr.write(`warning: ${stale}\n`);
  const { plan, source } = await synthProject(cwd, args.stack, { timeoutSeconds: args.timeoutSeconds });
  const packs = packDirs.map((dir) => loadPolicyPack(dir));
  let report: PolicyReport;
  try {
    report = await evaluatePolicies(plan, packs, { stackConfig: source.config, projectDir: cwd, ...(config ? { config } : {}) });
  } catch (err) {
    if (err instanceof PolicyConfigError) throw new UsageError(err.message);
    throw err;
  }

  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(render(report));
  return report.mandatory > 0 ? 1 : 0;
}

/** Violations grouped by resource, mandatory first, then the summary line. */
export function render(report: PolicyReport): string {
  const lines: string[] = [
    `Stack ${report.project}/${report.stack} — offline policy check`,
    `Packs: ${report.packs.map((p) => `${p.name}@${p.version} (${p.policies} policies)`).join(", ")}`,
    "",
  ];
  const groups = new Map<string, PolicyViolation[]>();
  for (const v of report.violations) {
    const key = v.urn ?? "";
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const rank = (vs: PolicyViolation[]) => (vs.some((v) => v.enforcementLevel === "mandatory") ? 0 : 1);
  const keys = [...groups.keys()].sort((a, b) => rank(groups.get(a) ?? []) - rank(groups.get(b) ?? []) || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const vs = groups.get(key) ?? [];
    const first = vs[0];
    lines.push(first?.type ? `${first.type}  ${first.name}` : key ? key : "(the stack)");
    if (key && first?.type) lines.push(`  ${key}`);
    for (const v of [...vs].sort((a, b) => (a.enforcementLevel === b.enforcementLevel ? 0 : a.enforcementLevel === "mandatory" ? -1 : 1))) {
      lines.push(`  ${v.enforcementLevel.padEnd(9)} ${v.policyName}${v.severity ? ` (${v.severity})` : ""}`);
      lines.push(`            ${(v.detail || v.description).replace(/\n/g, "\n            ")}`);
    }
    lines.push("");
  }
  if (report.violations.length === 0) lines.push("No violations.", "");
  lines.push(
    `${count(report.policies, "policy", "policies")}, ${count(report.resources, "resource")}, ${report.mandatory} mandatory, ${count(report.advisory, "advisory violation")}`,
  );
  return `${lines.join("\n")}\n`;
}

/** `1 policy`, `2 policies`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
