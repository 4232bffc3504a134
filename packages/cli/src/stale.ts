import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Programs load mlops-kit's build (dist/), not its TypeScript sources. In a checkout of mlops-kit
 * itself, a source edited after the last `npm run build` would silently not be in the plan: say so.
 * An installed package has no newer sources (npm gives every file of a package the same time).
 */
export function staleBuildWarning(projectDir: string): string | undefined {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve("mlops-kit/package.json", { paths: [projectDir] }));
  } catch {
    return undefined; // the program does not use mlops-kit
  }
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
