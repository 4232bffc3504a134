import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..");
export const STACKS = ["aws-dev", "aws-prod", "gcp-dev", "gcp-prod", "azure-dev", "azure-prod"] as const;
export const MLOPS_BIN = path.join(ROOT, "packages/cli/bin/mlops.js");

/** Runs the `mlops` CLI in a fresh process, as a user would. */
export function mlops(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [MLOPS_BIN, ...args], { cwd, encoding: "utf8", timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A throwaway Pulumi project whose program uses the library from this checkout, with one stack.
 */
export function tempProject(program: string, stackConfig: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-project-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: temp\nruntime: nodejs\nmain: index.ts\n");
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackConfig);
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    program.replace(/from "mlops-kit"/g, `from ${JSON.stringify(path.join(ROOT, "packages/mlops-kit/src"))}`),
  );
  return dir;
}
