import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Programs load mlops-kit's build (dist/), not its TypeScript sources. In a checkout of mlops-kit
 * itself, a source edited after the last `npm run build` would silently not be in the plan: say so.
 *
 * Only there: an installed package also ships src/ (its declaration maps point into it), but its
 * file times say nothing (npm packs every file with one fixed time and extraction may set others),
 * and its user has nothing to build. A checkout is told apart by what the package never ships:
 * its build script, outside any node_modules once symlinks are resolved (a workspace links
 * node_modules/mlops-kit to packages/mlops-kit).
 */
export function staleBuildWarning(projectDir: string): string | undefined {
  let pkgDir: string;
  try {
    pkgDir = fs.realpathSync(path.dirname(require.resolve("mlops-kit/package.json", { paths: [projectDir] })));
  } catch {
    return undefined; // the program does not use mlops-kit
  }
  if (!isCheckout(pkgDir)) return undefined;
  const src = path.join(pkgDir, "src");
  if (!fs.existsSync(src)) return undefined;
  const built = path.join(pkgDir, "dist", "index.js");
  if (!fs.existsSync(built)) return `mlops-kit at ${pkgDir} is not built: run "npm run build" first`;
  const builtAt = fs.statSync(built).mtimeMs;
  const newer = (dir: string): string | undefined => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = newer(file);
        if (found) return found;
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && fs.statSync(file).mtimeMs > builtAt) {
        return file;
      }
    }
    return undefined;
  };
  const changed = newer(src);
  return changed
    ? `${path.relative(projectDir, changed)} changed after mlops-kit was last built; the plan uses the build: run "npm run build"`
    : undefined;
}

/** True for mlops-kit's own sources (a clone of the repository), false for an installed package. */
export function isCheckout(pkgDir: string): boolean {
  return !pkgDir.split(path.sep).includes("node_modules") && fs.existsSync(path.join(pkgDir, "scripts", "build.js"));
}
