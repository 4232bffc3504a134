import * as path from "node:path";
import { type Plan, platformGraph, renderMermaid, synthProject } from "@mlops-kit/testing";
import { parseStackCommand } from "./args";
import { UsageError } from "./errors";
import { staleBuildWarning } from "./stale";

const HELP = `Usage: mlops graph --stack <name> [--format mermaid|json] [--cwd <dir>] [--timeout <seconds>]

Plans the stack offline and prints its mlops-kit components and their wiring: one box per
component (kind, name, how many cloud resources it owns) and an arrow A → B when a resource of B
takes a value from a resource of A, labelled with what flows as far as the input names tell.
For a README or a pull request comment, in a \`\`\`mermaid block. Same as \`mlops plan --format mermaid\`.

Options:
  --stack <name>     the stack to draw (required)
  --format <format>  mermaid (default): a flowchart; json: the nodes and edges with the inputs behind each edge
  --cwd <dir>        the directory holding Pulumi.yaml (default: the current directory)
  --timeout <s>      seconds the program gets to finish before the plan fails (default: 120)
  -h, --help         show this help`;

export const GRAPH_FORMATS = ["mermaid", "json"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** The diagram of a plan in one of the graph formats. */
export function renderGraph(plan: Plan, format: GraphFormat): string {
  const graph = platformGraph(plan);
  return format === "json" ? `${JSON.stringify(graph, null, 2)}\n` : renderMermaid(graph);
}

export async function graph(argv: string[]): Promise<number> {
  const args = parseStackCommand(argv, { format: { type: "string", short: "f" } }, HELP);
  if (!args) return 0;
  if (args.json) throw new UsageError(`give --format json rather than --json\n\n${HELP}`);
  const format = args.format ?? "mermaid";
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${GRAPH_FORMATS.join(", ")} (got ${JSON.stringify(format)})\n\n${HELP}`);
  }
  const cwd = path.resolve(args.cwd ?? ".");
  const stale = staleBuildWarning(cwd);
  if (stale) process.stderr.write(`warning: ${stale}\n`);
  const { plan } = await synthProject(cwd, args.stack, { timeoutSeconds: args.timeoutSeconds });
  process.stdout.write(renderGraph(plan, format as GraphFormat));
  return 0;
}
