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
  const cacheDir = privateCacheDir(esbuild.version);

  const compile = (source, filename) => {
    const key = crypto.createHash("sha256").update(filename).update("\0").update(source).digest("hex");
    const cached = cacheDir && path.join(cacheDir, `${key}.js`);
    if (cached) {
      try {
        return fs.readFileSync(cached, "utf8");
      } catch {
        // not compiled yet
      }
    }
    const { code } = esbuild.transformSync(source, { ...options, sourcefile: filename });
    if (cached) {
      try {
        // write then rename: a concurrent reader never sees half a file
        const partial = `${cached}.${process.pid}`;
        fs.writeFileSync(partial, code, { mode: 0o600 });
        fs.renameSync(partial, cached);
      } catch {
        // an unwritable cache only costs speed
      }
    }
    return code;
  };

  Module._extensions[".ts"] = (module, filename) => {
    module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
  };
}

/**
 * The cache runs code it reads back, so it must be this user's alone: a directory per user, created
 * private, and not used at all if someone else owns it or others can write to it (on a shared
 * machine, another user could have planted it). Returns undefined when there is no safe cache:
 * compiling every time is slower, nothing else.
 */
function privateCacheDir(version) {
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const mine = path.join(os.tmpdir(), `mlops-kit-ts-${uid ?? os.userInfo().username}`);
  try {
    fs.mkdirSync(mine, { recursive: true, mode: 0o700 });
    if (uid !== undefined) {
      const stat = fs.lstatSync(mine);
      if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return undefined;
    }
    const dir = path.join(mine, version);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  } catch {
    return undefined;
  }
}

install();
