import * as path from "node:path";
import { loadStackConfig, type StackConfig } from "./config";
import type { Plan } from "./plan";
import { type SynthOptions, synth } from "./synth";

/** Makes `require` of TypeScript files work, as Pulumi's Node.js runtime does for a TS `main`. */
function registerTypeScript(): void {
  require("../register");
}

/**
 * Runs a program file the way Pulumi's Node.js runtime does: its module exports become the stack
 * outputs, and a default-exported function is called for them. Modules of the project itself are
 * reloaded on every run so one process can plan several stacks; dependencies are not.
 */
export function runMain(main: string, projectDir: string): () => Promise<unknown> {
  return async () => {
    registerTypeScript();
    const root = path.resolve(projectDir) + path.sep;
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(root) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[key];
    }
    // programs are loaded like Pulumi loads them
    const mod = require(require.resolve(main));
    if (mod && typeof mod.default === "function") return await mod.default();
    return mod;
  };
}

/** Plans one stack of a Pulumi project on disk: its config files, its `main`, offline. */
export async function synthProject(
  dir: string,
  stack: string,
  options: Pick<SynthOptions, "mocks" | "timeoutSeconds"> & { config?: Record<string, string> } = {},
): Promise<{ plan: Plan; source: StackConfig }> {
  const source = loadStackConfig(dir, stack);
  const config = { ...source.config, ...options.config };
  const plan = await synth(runMain(source.main, source.projectDir), {
    project: source.project,
    stack,
    config,
    secretKeys: source.secretKeys,
    ...(options.mocks ? { mocks: options.mocks } : {}),
    ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
  });
  return { plan, source };
}
