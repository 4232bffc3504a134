/**
 * Builds what users get: src/ bundled into one CommonJS file, dist/index.js (with the parts of zod
 * the specs use), the per-cloud type entry points, and declarations in dist/types. Provider SDKs
 * and @pulumi/pulumi stay external: the user's own copies, loaded only for the chosen cloud.
 *
 *   node scripts/build.js          code and declarations (npm run build)
 *   node scripts/build.js --code   code only
 *   require("./scripts/build").build({ types: "stale" })
 */
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

/** The newest modification time among the sources (tests aside). */
function newestSource(dir = path.join(root, "src")) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * Builds the code, and the declarations when `types` is true, or "stale" and a source changed
 * since they were last built (the declaration build takes seconds even when nothing changed).
 */
function build({ types = true } = {}) {
  require("esbuild").buildSync({
    absWorkingDir: root,
    entryPoints: ["src/index.ts", "src/aws.ts", "src/gcp.ts", "src/azure.ts"],
    outdir: "dist",
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["@pulumi/*"],
    sourcemap: true,
    logLevel: "warning",
  });
  const stamp = path.join(root, "dist", "types", ".tsbuildinfo");
  if (types === "stale" && fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs > newestSource()) return;
  if (types) {
    // Declarations, not sources, are what a user's compiler reads: their compiler options (say,
    // `tsc --init`'s verbatimModuleSyntax and exactOptionalPropertyTypes) then never apply to our
    // implementation. Incremental, so an unchanged tree costs a second or so.
    const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
    execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
    // tsc leaves its state untouched when no output changed: mark this build as the latest
    const now = new Date();
    fs.utimesSync(stamp, now, now);
  }
}

module.exports = { build };

if (require.main === module) build({ types: !process.argv.includes("--code") });
