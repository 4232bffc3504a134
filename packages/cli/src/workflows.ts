import * as fs from "node:fs";
import * as path from "node:path";
import { synthProject } from "@mlops-kit/testing";
import { parseStackCommand } from "./args";
import { UserError } from "./errors";

const HELP = `Usage: mlops workflows --stack <name> --out <dir> [--cwd <dir>] [--timeout <seconds>]

Plans the stack offline and writes the GitHub Actions workflows its CiCdPipeline outputs
(build.yml, preview.yml, deploy.yml, and retrain.yml where the cloud does not schedule retraining)
into <dir>, e.g. .github/workflows. Identities the cloud assigns (role ARNs, client ids) are known
only after \`pulumi up\`: run it against the deployed stack's outputs (\`pulumi stack output\`) for final files.

Options:
  --stack <name>  the stack to plan (required)
  --out <dir>     where to write the files (required; created if missing)
  --cwd <dir>     the directory holding Pulumi.yaml (default: the current directory)
  --timeout <s>   seconds the program gets to finish before the plan fails (default: 120)
  -h, --help      show this help`;

const FILES = ["build", "preview", "deploy", "retrain"] as const;

/** Stack outputs shaped as a CiCdPipeline's `workflows`, by output name. */
export function workflowOutputs(outputs: Record<string, unknown>): [string, Record<string, string>][] {
  return Object.entries(outputs).filter((entry): entry is [string, Record<string, string>] => {
    const v = entry[1] as Record<string, unknown> | null;
    return typeof v === "object" && v !== null && FILES.every((f) => typeof v[f] === "string");
  });
}

export async function workflows(argv: string[]): Promise<number> {
  const args = parseStackCommand(argv, { out: { type: "string", short: "o" } }, HELP);
  if (!args) return 0;
  if (!args.out) throw new UserError(`--out is required\n\n${HELP}`);
  const out = path.resolve(args.out);
  const { plan } = await synthProject(path.resolve(args.cwd ?? "."), args.stack, { timeoutSeconds: args.timeoutSeconds });
  const found = workflowOutputs(plan.outputs);
  if (found.length === 0)
    throw new UserError(`stack ${args.stack} exports no CiCdPipeline workflows (export a pipeline's \`workflows\` output)`);
  fs.mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const [output, files] of found) {
    // One pipeline writes plain names; several are told apart by their output's name.
    const prefix = found.length > 1 ? `${output}-` : "";
    for (const f of FILES) {
      if (!files[f]) continue;
      const file = path.join(out, `${prefix}${f}.yml`);
      fs.writeFileSync(file, files[f]);
      written.push(path.relative(process.cwd(), file));
    }
  }
  process.stdout.write(`${written.map((w) => `wrote ${w}`).join("\n")}\n`);
  return 0;
}
