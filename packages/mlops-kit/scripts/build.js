/**
 * Builds what programs load: src/ bundled into one CommonJS file, dist/index.js (with the parts of
 * zod the specs use), plus the per-cloud type entry points. Provider SDKs and @pulumi/pulumi stay
 * external: the user's own copies, loaded only for the chosen cloud. Types are read from src/.
 *
 *   node scripts/build.js        (npm run build)
 *   require("./scripts/build").build()
 */
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function build() {
  return require("esbuild").buildSync({
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
}

module.exports = { build };

if (require.main === module) build();
