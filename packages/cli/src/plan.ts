import * as fs from "node:fs";
import * as path from "node:path";
import {
  AWS_PROVIDER_VERSION,
  countByType,
  formatDiagnostic,
  type Plan,
  renderTree,
  synthProject,
  TerraformUnavailableError,
  validateAwsPlan,
} from "@mlops-kit/testing";
import { parseStackCommand } from "./args";
import { UsageError, UserError } from "./errors";
import { renderGraph } from "./graph";
import { renderOutputs } from "./outputs";
import { staleBuildWarning } from "./stale";

const HELP = `Usage: mlops plan --stack <name> [--cwd <dir>] [--json | --format tree|json|mermaid] [--out <file>] [--timeout <seconds>] [--validate]

Runs the project's program under the offline engine with the stack's configuration
(Pulumi.yaml + Pulumi.<stack>.yaml) and prints the resources it would register, then the stack outputs (secrets masked).

Options:
  --stack <name>  the stack to plan (required)
  --cwd <dir>     the directory holding Pulumi.yaml (default: the current directory)
  --json          print the plan JSON (version 1) instead of the tree (the same as --format json)
  --format <f>    tree (default), json, or mermaid: the components and their wiring as a flowchart
                  (what "mlops graph" prints)
  --out <file>    also write the plan JSON to this file
  --timeout <s>   seconds the program gets to finish before the plan fails (default: 120)
  --validate      check the AWS resources with terraform-provider-aws's own validators
                  (needs terraform and the provider ${AWS_PROVIDER_VERSION}; offline, no credentials).
                  Exits 1 when the provider reports an error
  -h, --help      show this help`;

export async function plan(argv: string[]): Promise<number> {
  const args = parseStackCommand(
    argv,
    { out: { type: "string", short: "o" }, validate: { type: "boolean" }, format: { type: "string", short: "f" } },
    HELP,
  );
  if (!args) return 0;
  const format = planFormat(args.format, args.json);
  const cwd = path.resolve(args.cwd ?? ".");
  const stale = staleBuildWarning(cwd);
  if (stale) process.stderr.write(`warning: ${stale}\n`);
  const out = args.out ? path.resolve(args.out) : undefined;
  // Checked first: a plan that cannot be written should not cost a whole synth.
  if (out && !fs.existsSync(path.dirname(out))) throw new UserError(`--out ${args.out}: the directory ${path.dirname(out)} does not exist`);
  const { plan: result, source } = await synthProject(cwd, args.stack, { timeoutSeconds: args.timeoutSeconds });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (out) {
    try {
      fs.writeFileSync(out, json);
    } catch (err) {
      throw new UserError(`--out ${args.out}: ${(err as Error).message}`);
    }
  }
  // With --json, stdout holds the plan alone and the check goes to stderr.
  const check = args.validate ? await validate(result, source.config["aws:region"]) : undefined;
  if (format === "mermaid") {
    process.stdout.write(renderGraph(result, "mermaid"));
    if (check) process.stderr.write(check.text);
    return check?.code ?? 0;
  }
  if (format === "json") {
    process.stdout.write(json);
    if (check) process.stderr.write(check.text);
    return check?.code ?? 0;
  }
  const lines = [
    `Stack ${result.project}/${result.stack}${result.cloud ? ` (cloud: ${result.cloud})` : ""} — offline plan, nothing deployed`,
    "",
    renderTree(result),
    "",
    `Resources: ${result.resources.length} (${result.resources.filter((r) => r.custom).length} cloud resources)`,
    ...countByType(result).map(([type, n]) => `  ${String(n).padStart(4)}  ${type}`),
    "",
    renderOutputs(result.outputs),
  ];
  process.stdout.write(`${lines.join("\n")}\n${check && !check.unavailable ? `\n${check.text}` : ""}`);
  if (check?.unavailable) process.stderr.write(check.text);
  return check?.code ?? 0;
}

const PLAN_FORMATS = ["tree", "json", "mermaid"] as const;

/** What stdout holds: `--json` is `--format json`, and the two may not disagree. */
function planFormat(format: string | undefined, json: boolean | undefined): (typeof PLAN_FORMATS)[number] {
  if (format === undefined) return json ? "json" : "tree";
  const known = PLAN_FORMATS.find((f) => f === format);
  if (!known) throw new UsageError(`--format must be one of ${PLAN_FORMATS.join(", ")} (got ${JSON.stringify(format)})\n\n${HELP}`);
  if (json && known !== "json") throw new UsageError(`--json and --format ${known} disagree; give one\n\n${HELP}`);
  return known;
}

/** `--validate`: the plan's AWS resources against terraform-provider-aws; what to print and the exit code. */
async function validate(plan: Plan, region: string | undefined): Promise<{ text: string; code: number; unavailable?: boolean }> {
  if (!plan.resources.some((r) => r.custom && r.type.startsWith("aws:"))) {
    return { text: `--validate: nothing to check, the stack has no AWS resources (it checks AWS only)\n`, code: 0 };
  }
  try {
    const diagnostics = await validateAwsPlan(plan, region ? { region } : {});
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const summary = `terraform-provider-aws ${AWS_PROVIDER_VERSION} (offline): ${errors} errors, ${diagnostics.length - errors} warnings`;
    return { text: [summary, ...diagnostics.map((d) => `  ${formatDiagnostic(d)}`)].join("\n") + "\n", code: errors > 0 ? 1 : 0 };
  } catch (err) {
    if (err instanceof TerraformUnavailableError) return { text: `error: --validate: ${err.message}\n`, code: 1, unavailable: true };
    throw err;
  }
}
