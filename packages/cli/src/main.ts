import { check } from "./check";
import { UsageError, userMessage } from "./errors";
import { plan } from "./plan";

const USAGE = `Usage: mlops <command> [options]

Commands:
  plan    Plan a stack of the Pulumi project offline and print what it would create.
  check   Plan a stack offline and run the policy packs on it.

Run "mlops <command> --help" for a command's options.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = { plan, check };

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
    const message = userMessage(err);
    if (message !== undefined) {
      process.stderr.write(`error: ${message}\n`);
      return 1;
    }
    process.stderr.write(`mlops ${command}: internal error\n${err instanceof Error ? err.stack : String(err)}\n`);
    return 1;
  }
}
