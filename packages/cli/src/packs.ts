import * as fs from "node:fs";
import * as path from "node:path";

/** The packs run when no --pack is given, by directory name. */
export const DEFAULT_PACKS = ["policies/security", "policies/compliance"];

/**
 * Where `mlops check` finds its default packs: the project's own policies/<pack> when it has them
 * (the repository's reference platform develops them there), else the packs shipped inside the
 * mlops-kit the project installed (node_modules/mlops-kit/policies/<pack>, built with the package).
 * Falls back to the project's path, so the error names where a pack was looked for.
 */
export function defaultPackDirs(projectDir: string): string[] {
  let installed: string | undefined;
  try {
    installed = path.dirname(require.resolve("mlops-kit/package.json", { paths: [projectDir] }));
  } catch {
    installed = undefined; // the project does not use mlops-kit
  }
  return DEFAULT_PACKS.map((pack) => {
    const own = path.join(projectDir, pack);
    if (fs.existsSync(path.join(own, "PulumiPolicy.yaml")) || !installed) return own;
    const shipped = path.join(installed, pack);
    return fs.existsSync(path.join(shipped, "PulumiPolicy.yaml")) ? shipped : own;
  });
}
