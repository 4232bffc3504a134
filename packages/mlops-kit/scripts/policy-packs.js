/**
 * Builds the policy packs users get inside mlops-kit: each pack of the repository (policies/<pack>,
 * TypeScript) becomes packages/mlops-kit/policies/<pack>/ with PulumiPolicy.yaml, a package.json
 * (Pulumi's Node.js policy runner loads the directory's `main`, and `new PolicyPack` takes its
 * version from the package.json of the directory it runs in) and index.js, one CommonJS bundle.
 *
 * What stays outside the bundle is resolved from the user's project: Pulumi starts a local pack
 * with `@pulumi/pulumi/cmd/run-policy-pack` located from the pack's directory (pulumi/pulumi,
 * pulumi-language-nodejs RunPlugin for kind "analyzer"), so the node_modules above
 * node_modules/mlops-kit/policies/<pack> supply @pulumi/pulumi and @pulumi/policy (a dependency of
 * mlops-kit): one copy each, as the policy SDK's type checks need.
 *
 * The rules name resource classes of all three cloud SDKs (`validateResourceOfType(Bucket, ...)`),
 * but a project installs only the SDKs of its clouds. An import of `@pulumi/<cloud>/<module>` is
 * the real module when that SDK is installed; when it is not, each imported class is replaced by
 * its type token (`{ __pulumiType: "aws:s3/bucket:Bucket" }`), read from the SDK at build time.
 * @pulumi/policy matches a resource by that token before anything else (isTypeOf in its server.js),
 * so a rule matches exactly the same resources either way.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const repo = path.resolve(root, "..", "..");
/** The packs shipped, by directory name under the repository's policies/. */
const PACKS = ["security", "compliance"];
const CLOUD_SDK = /^@pulumi\/(aws|gcp|azure-native)\/[\w/-]+$/;

/** `import { A, type B, C as D } from "@pulumi/<cloud>/<module>"` in the packs' sources: module -> class names. */
function cloudImports(dirs) {
  const found = new Map();
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        const source = fs.readFileSync(file, "utf8");
        for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*"(@pulumi\/[^"]+)"/g)) {
          if (m[1] || !CLOUD_SDK.test(m[3])) continue;
          const names = found.get(m[3]) ?? new Set();
          for (const part of m[2].split(",")) {
            const name = part.trim();
            if (name && !name.startsWith("type ")) names.add(name.split(/\s+as\s+/)[0].trim());
          }
          found.set(m[3], names);
        }
      }
    }
  };
  for (const dir of dirs) visit(dir);
  return found;
}

/** The source of the module that stands for `@pulumi/<cloud>/<module>` in a bundled pack. */
function optionalSdkModule(specifier, names) {
  const sdk = require(require.resolve(specifier, { paths: [repo] }));
  const tokens = {};
  for (const name of [...names].sort()) {
    const token = sdk[name]?.__pulumiType;
    if (typeof token !== "string") {
      throw new Error(
        `policy packs: ${specifier} exports no resource class "${name}"; the packs may import only resource classes from cloud SDKs (${path.basename(__filename)})`,
      );
    }
    tokens[name] = { __pulumiType: token };
  }
  // `load`, not `require`: esbuild would point a literal require of the specifier back at this module
  return [
    "const load = require;",
    "let installed = true;",
    `try { require.resolve(${JSON.stringify(specifier)}); } catch { installed = false; }`,
    `module.exports = installed ? load(${JSON.stringify(specifier)}) : ${JSON.stringify(tokens)};`,
  ].join("\n");
}

/** Bundles every pack into packages/mlops-kit/policies/<pack>/. */
function buildPolicyPacks(esbuild) {
  const sources = PACKS.map((pack) => path.join(repo, "policies", pack));
  const imports = cloudImports([...sources, path.join(repo, "policies", "common")]);
  // esbuild's synchronous API takes no plugins: the stand-in modules are files, put in place by alias
  const shims = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-kit-policy-sdks-"));
  try {
    const alias = {};
    for (const [specifier, names] of imports) {
      const file = path.join(shims, `${specifier.replace(/[^\w-]/g, "_")}.js`);
      fs.writeFileSync(file, optionalSdkModule(specifier, names));
      alias[specifier] = file;
    }
    for (const [i, pack] of PACKS.entries()) {
      const source = sources[i];
      const out = path.join(root, "policies", pack);
      fs.rmSync(out, { recursive: true, force: true });
      esbuild.buildSync({
        absWorkingDir: repo,
        entryPoints: [path.join(source, "index.ts")],
        outfile: path.join(out, "index.js"),
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        alias,
        // the user's copies, one of each (see above); the stand-ins require the cloud SDKs themselves
        external: ["@pulumi/*"],
        logLevel: "warning",
      });
      const manifest = JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8"));
      fs.copyFileSync(path.join(source, "PulumiPolicy.yaml"), path.join(out, "PulumiPolicy.yaml"));
      const pkg = { name: manifest.name, version: manifest.version, description: manifest.description, private: true, main: "index.js" };
      fs.writeFileSync(path.join(out, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
    }
  } finally {
    fs.rmSync(shims, { recursive: true, force: true });
  }
}

module.exports = { buildPolicyPacks, PACKS };
