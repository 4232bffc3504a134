/**
 * Lets Node's CommonJS loader `require` TypeScript files, the way Pulumi's Node.js runtime runs a
 * TypeScript program (ts-node, transpile only): a handler for `.ts` files and nothing else.
 *
 * Why not a general-purpose loader such as tsx: those also inspect every JavaScript module that
 * loads (to find ES module syntax) and turn on source maps process-wide, which doubled the cost
 * of loading a provider SDK's few hundred modules. Here JavaScript loads natively, as it does
 * under `pulumi up`, so plans and benchmarks pay what a real run pays.
 *
 * Compiled output is cached on disk by content, so a file is transpiled once per change. Compiled
 * files carry an inline source map: run with `NODE_OPTIONS=--enable-source-maps` for stack traces
 * in TypeScript line numbers.
 *
 *   node --require @mlops-kit/testing/register program.ts
 *   require("@mlops-kit/testing/register")
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const INSTALLED = Symbol.for("@mlops-kit/testing/register");

function install() {
  if (globalThis[INSTALLED]) return;
  globalThis[INSTALLED] = true;
  const Module = require("node:module");
  const esbuild = require("esbuild");
  const options = {
    loader: "ts",
    format: "cjs",
    target: `node${process.versions.node.split(".")[0]}`,
    sourcemap: "inline",
  };
  const cacheDir = path.join(os.tmpdir(), "mlops-kit-ts", esbuild.version);

  const compile = (source, filename) => {
    const key = crypto.createHash("sha1").update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(cacheDir, `${key}.js`);
    try {
      return fs.readFileSync(cached, "utf8");
    } catch {
      // not compiled yet
    }
    const { code } = esbuild.transformSync(source, { ...options, sourcefile: filename });
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      // write then rename: a concurrent reader never sees half a file
      const partial = `${cached}.${process.pid}`;
      fs.writeFileSync(partial, code);
      fs.renameSync(partial, cached);
    } catch {
      // an unwritable cache only costs speed
    }
    return code;
  };

  Module._extensions[".ts"] = (module, filename) => {
    module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
  };
}

install();
