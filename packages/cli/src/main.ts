import * as fs from "node:fs";
import * as path from "node:path";
import { check } from "./check";
import { cost } from "./cost";
import { diff } from "./diff";
import { classify, UsageError } from "./errors";
import { graph } from "./graph";
import { plan } from "./plan";
import { schema } from "./schema";
import { workflows } from "./workflows";

const USAGE = `Usage: mlops <command> [options]

Commands:
  plan       Plan a stack of the Pulumi project offline and print what it would create.
  check      Plan a stack offline and run the policy packs on it.
  cost       Estimate a stack's monthly cost from its plan: fixed and usage, per component, at list prices.
  diff       Compare two plans of a stack: what a change creates, updates, replaces and deletes, data loss first.
  graph      Draw a stack's components and their wiring as a mermaid flowchart (or JSON).
  schema     Write the JSON Schema editors use to check Pulumi.<stack>.yaml files.
  workflows  Write a stack's CiCdPipeline GitHub Actions workflows into a directory.

Run "mlops <command> --help" for a command's options.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = { plan, check, cost, diff, graph, schema, workflows };

/** Runs the CLI; resolves to the process exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    (command === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`mlops: unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`mlops ${command}: ${err.message}\n`);
      return 2;
    }
    const failure = classify(err, ownRoots(), process.cwd());
    process.stderr.write(failure.kind === "user" ? `error: ${failure.text}\n` : `mlops ${command}: internal error\n${failure.text}\n`);
    return 1;
  }
}

/** Directories of mlops-kit's own code: a failure there is a defect of mlops-kit, not the user's. */
function ownRoots(): string[] {
  const roots = [path.resolve(__dirname, "..")];
  for (const [pkg, from] of [
    ["@mlops-kit/testing/package.json", [__dirname]],
    ["mlops-kit/package.json", [process.cwd(), __dirname]],
  ] as const) {
    try {
      roots.push(path.dirname(require.resolve(pkg, { paths: [...from] })));
    } catch {
      // not installed where we looked
    }
  }
  return roots.map((r) => {
    try {
      return fs.realpathSync(r);
    } catch {
      return r;
    }
  });
}
