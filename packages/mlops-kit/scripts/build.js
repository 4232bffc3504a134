/**
 * Builds what users get, one package: src/ bundled into one CommonJS file, dist/index.js (with the
 * parts of zod the specs use), the per-cloud type entry points, and declarations in dist/types;
 * the offline engine (packages/testing) as dist/testing.js with its declarations in
 * dist/types/testing; the `mlops` command (packages/cli) as dist/cli.js; the policy packs as
 * policies/<pack>/ (scripts/policy-packs.js). Provider SDKs and @pulumi/pulumi stay external: the
 * user's own copies, loaded only for the chosen cloud. The engine and the CLI stay where they are
 * developed: this script gathers them at build time.
 *
 *   node scripts/build.js          code and declarations (npm run build)
 *   node scripts/build.js --code   code only
 *   require("./scripts/build").build({ types: "stale" })
 */
const fs = require("node:fs");
const path = require("node:path");
const { emitDeclarations } = require("./declarations");
const { buildPolicyPacks } = require("./policy-packs");

const root = path.resolve(__dirname, "..");
const packages = path.resolve(root, "..");
const ENGINE = path.join(packages, "testing");
const CLI = path.join(packages, "cli");

/** The newest modification time among the sources (tests aside). */
function newestSource(dir) {
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
  const esbuild = require("esbuild");
  esbuild.buildSync({
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
  buildTools(esbuild);
  buildPolicyPacks(esbuild);
  const typesDir = path.join(root, "dist", "types");
  const stamp = path.join(typesDir, ".stamp");
  const newest = Math.max(newestSource(path.join(root, "src")), newestSource(path.join(ENGINE, "src")));
  if (types === "stale" && fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs > newest) return;
  if (types) {
    // Declarations, not sources, are what a user's compiler reads: their compiler options (say,
    // `tsc --init`'s verbatimModuleSyntax and exactOptionalPropertyTypes) then never apply to our
    // implementation. A few seconds: tests rebuild them only when a source changed (types: "stale").
    fs.rmSync(typesDir, { recursive: true, force: true });
    emitDeclarations(path.join(root, "tsconfig.build.json"));
    emitDeclarations(path.join(root, "tsconfig.testing.json"));
    fs.writeFileSync(stamp, "");
  }
}

/**
 * The engine and the CLI, bundled from their workspaces' sources. The CLI loads the engine from
 * dist/testing.js rather than a copy of its own, so a program planned by `mlops` and a user's test
 * importing `mlops-kit/testing` run the same code. esbuild stays external: the engine's TypeScript
 * hook loads it (its native binary is a dependency of mlops-kit).
 */
function buildTools(esbuild) {
  const common = {
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["@pulumi/*", "esbuild"],
    sourcemap: true,
    logLevel: "warning",
  };
  esbuild.buildSync({ ...common, entryPoints: [path.join(ENGINE, "src", "index.ts")], outfile: path.join(root, "dist", "testing.js") });
  // esbuild's synchronous API takes no plugins: the engine is left external, then pointed at its build
  const cli = path.join(root, "dist", "cli.js");
  esbuild.buildSync({
    ...common,
    external: [...common.external, "@mlops-kit/testing"],
    entryPoints: [path.join(CLI, "src", "main.ts")],
    outfile: cli,
  });
  const code = fs.readFileSync(cli, "utf8");
  const engine = 'require("@mlops-kit/testing")';
  if (!code.includes(engine)) throw new Error(`dist/cli.js: expected ${engine} in the bundle`);
  fs.writeFileSync(cli, code.replaceAll(engine, 'require("./testing.js")'));
}

module.exports = { build };

if (require.main === module) build({ types: !process.argv.includes("--code") });
