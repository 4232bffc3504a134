import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The options every stack command takes. */
const STACK_OPTIONS = {
  stack: { type: "string", short: "s" },
  cwd: { type: "string", short: "C" },
  json: { type: "boolean" },
  timeout: { type: "string", short: "t" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/**
 * Parses a stack command's arguments: the shared options plus its own. Returns undefined after
 * printing the help when asked for it; a wrong or missing option is a usage error that shows the help.
 */
export function parseStackCommand<O extends Options>(argv: string[], own: O, help: string) {
  const options = { ...STACK_OPTIONS, ...own } as typeof STACK_OPTIONS & O;
  const parse = () => parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  let values: ReturnType<typeof parse>;
  try {
    values = parse();
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${help}`);
  }
  const { help: wantsHelp, stack } = values as { help?: boolean; stack?: string };
  if (wantsHelp) {
    process.stdout.write(`${help}\n`);
    return undefined;
  }
  if (!stack) throw new UsageError(`--stack is required\n\n${help}`);
  const timeoutSeconds = parseTimeout((values as { timeout?: string }).timeout, help);
  return { ...values, stack, timeoutSeconds };
}

/** Seconds the program gets to finish, as `--timeout` gives them. */
export const DEFAULT_TIMEOUT_SECONDS = 120;

function parseTimeout(text: string | undefined, help: string): number {
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(text);
  if (text.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--timeout must be a number of seconds above 0 (got ${JSON.stringify(text)})\n\n${help}`);
  }
  return seconds;
}
