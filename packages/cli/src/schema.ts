import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { UsageError, UserError } from "./errors";
import { stackConfigSchema } from "./schema-config";

const HELP = `Usage: mlops schema [--out <file>]

Prints the JSON Schema of Pulumi.<stack>.yaml files of an mlops-kit platform (the mlops: settings,
the cloud provider's region and project, the reference platform's platform: settings), for editors:
put "# yaml-language-server: $schema=<path to the file>" on a stack file's first line.

Options:
  --out <file>  write it to this file instead of printing it
  -h, --help    show this help`;

export async function schema(argv: string[]): Promise<number> {
  let values: { out?: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: { out: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const text = renderSchema();
  if (!values.out) {
    process.stdout.write(text);
    return 0;
  }
  const out = path.resolve(values.out);
  if (!fs.existsSync(path.dirname(out))) throw new UserError(`--out ${values.out}: the directory ${path.dirname(out)} does not exist`);
  fs.writeFileSync(out, text);
  return 0;
}

/** The schema as committed: two-space JSON and a final newline. */
export function renderSchema(): string {
  return `${JSON.stringify(stackConfigSchema(), null, 2)}\n`;
}
