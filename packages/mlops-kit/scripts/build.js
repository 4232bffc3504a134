/**
 * Builds what users get: src/ bundled into one CommonJS file, dist/index.js (with the parts of zod
 * the specs use), the per-cloud type entry points, and declarations in dist/types. Provider SDKs
 * and @pulumi/pulumi stay external: the user's own copies, loaded only for the chosen cloud.
 *
 *   node scripts/build.js          code and declarations (npm run build)
 *   node scripts/build.js --code   code only
 *   require("./scripts/build").build({ types: true })
 */
const { execFileSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

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
  if (types) {
    // Declarations, not sources, are what a user's compiler reads: their compiler options (say,
    // `tsc --init`'s verbatimModuleSyntax and exactOptionalPropertyTypes) then never apply to our
    // implementation. Incremental, so an unchanged tree costs a second or so.
    const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
    execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
  }
}

module.exports = { build };

if (require.main === module) build({ types: !process.argv.includes("--code") });
