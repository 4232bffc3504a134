import * as fs from "node:fs";
import * as path from "node:path";
import { countByType, renderTree, synthProject } from "@mlops-kit/testing";
import { parseStackCommand } from "./args";
import { renderOutputs } from "./outputs";
import { staleBuildWarning } from "./stale";

const HELP = `Usage: mlops plan --stack <name> [--cwd <dir>] [--json] [--out <file>]

Runs the project's program under the offline engine with the stack's configuration
(Pulumi.yaml + Pulumi.<stack>.yaml) and prints the resources it would register, then the stack outputs (secrets masked).

Options:
  --stack <name>  the stack to plan (required)
  --cwd <dir>     the directory holding Pulumi.yaml (default: the current directory)
  --json          print the plan JSON (version 1) instead of the tree
  --out <file>    also write the plan JSON to this file
  -h, --help      show this help`;

export async function plan(argv: string[]): Promise<number> {
  const args = parseStackCommand(argv, { out: { type: "string", short: "o" } }, HELP);
  if (!args) return 0;
  const cwd = path.resolve(args.cwd ?? ".");
  const stale = staleBuildWarning(cwd);
  if (stale) process.stderr.write(`warning: ${stale}\n`);
  const { plan: result } = await synthProject(cwd, args.stack);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (args.out) fs.writeFileSync(path.resolve(args.out), json);
  if (args.json) {
    process.stdout.write(json);
    return 0;
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
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
