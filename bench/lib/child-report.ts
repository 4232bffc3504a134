/**
 * The child's side of `runChild`: run `main`, print its report as the last line of stdout and exit
 * 0, or print the error to stderr and exit 1. No imports, so a child measuring load times loads
 * nothing more for it.
 */
export function reportFromChild<T>(main: () => Promise<T>): void {
  main().then(
    (report) => {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
