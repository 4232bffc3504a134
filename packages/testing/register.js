/**
 * Lets Node's CommonJS loader `require` TypeScript files, the way Pulumi's Node.js runtime runs a
 * TypeScript program (ts-node, transpile only): a handler for `.ts` files and nothing else.
 *
 * Why not a general-purpose loader such as tsx: those also inspect every JavaScript module that
 * loads (to find ES module syntax) and turn on source maps process-wide, which doubled the cost
 * of loading a provider SDK's few hundred modules. Here JavaScript loads natively, as it does
 * under `pulumi up`, so plans and benchmarks pay what a real run pays.
 *
 * Compiled output is cached on disk by content, so a file is transpiled once per change; each entry
 * carries the hash of its code and is compiled again when it does not match. Compiled files carry
 * an inline source map: `mlops` maps the frames of an error in the user's program back to its
 * TypeScript lines itself (globalThis[Symbol.for("@mlops-kit/testing/register.positions")]), and
 * `NODE_OPTIONS=--enable-source-maps` does it for every stack trace.
 *
 *   node --require @mlops-kit/testing/register program.ts
 *   require("@mlops-kit/testing/register")
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const INSTALLED = Symbol.for("@mlops-kit/testing/register");
const POSITIONS = Symbol.for("@mlops-kit/testing/register.positions");

/** First line of a cache entry: the hash of the rest, so a truncated or altered entry is never run. */
const HEADER = "//mlops-kit:sha256:";

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
  let cacheDir = privateCacheDir(esbuild.version);
  /** Compiled code per file, for mapping a stack frame back to the TypeScript line. */
  const compiled = new Map();
  globalThis[POSITIONS] = (file, line, column) => originalPosition(compiled, file, line, column);

  const sha = (text) => crypto.createHash("sha256").update(text).digest("hex");
  const read = (file) => {
    const entry = fs.readFileSync(file, "utf8");
    const nl = entry.indexOf("\n");
    if (nl < 0 || !entry.startsWith(HEADER)) return undefined;
    const code = entry.slice(nl + 1);
    return entry.slice(HEADER.length, nl) === sha(code) ? code : undefined;
  };
  const write = (file, code) => {
    // write then rename: a concurrent reader never sees half a file
    const partial = `${file}.${process.pid}`;
    try {
      fs.writeFileSync(partial, `${HEADER}${sha(code)}\n${code}`, { mode: 0o600 });
      fs.renameSync(partial, file);
    } catch {
      // an unwritable cache only costs speed: stop trying for this process
      cacheDir = undefined;
      try {
        fs.rmSync(partial, { force: true });
      } catch {}
    }
  };

  const compile = (source, filename) => {
    const key = sha(`${filename}\0${source}`);
    const cached = cacheDir && path.join(cacheDir, `${key}.js`);
    if (cached) {
      try {
        const code = read(cached);
        if (code !== undefined) return code;
        // a bad entry (cut short, altered): compiled again below and replaced
      } catch {
        // not compiled yet, or unreadable
      }
    }
    let code;
    try {
      ({ code } = esbuild.transformSync(source, { ...options, sourcefile: filename }));
    } catch (err) {
      throw syntaxError(err, filename);
    }
    if (cached) write(cached, code);
    return code;
  };

  Module._extensions[".ts"] = (module, filename) => {
    const code = compile(fs.readFileSync(filename, "utf8"), filename);
    compiled.set(filename, code);
    module._compile(code, filename);
  };
}

/** esbuild's failure as a SyntaxError that says where, in the file's own lines. */
function syntaxError(err, filename) {
  const first = err && Array.isArray(err.errors) ? err.errors[0] : undefined;
  if (!first) return err;
  const loc = first.location;
  const e = new SyntaxError(first.text);
  e.location = loc ? { file: loc.file || filename, line: loc.line, column: loc.column + 1 } : { file: filename };
  return e;
}

/**
 * The TypeScript position of a position in compiled code (1-based line and column), from the inline
 * source map the compiler wrote; undefined for files this hook did not compile.
 */
function originalPosition(compiled, file, line, column) {
  const code = compiled.get(file);
  if (code === undefined) return undefined;
  const marker = "//# sourceMappingURL=data:application/json;base64,";
  const at = code.lastIndexOf(marker);
  if (at < 0) return undefined;
  try {
    const { SourceMap } = require("node:module");
    const payload = JSON.parse(Buffer.from(code.slice(at + marker.length).trim(), "base64").toString("utf8"));
    const entry = new SourceMap(payload).findEntry(line - 1, column - 1);
    if (!entry || entry.originalLine === undefined) return undefined;
    return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    return undefined;
  }
}

/**
 * The cache runs code it reads back, so it must be this user's alone: a directory per user, created
 * private, and not used at all if someone else owns it or others can write to it (on a shared
 * machine, another user could have planted it). Returns undefined when there is no safe cache:
 * compiling every time is slower, nothing else. Directories are made one level at a time: Node's
 * recursive mkdir loops forever under /proc (TMPDIR=/proc).
 */
function privateCacheDir(version) {
  try {
    const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
    const tmp = os.tmpdir();
    if (!fs.statSync(tmp).isDirectory()) return undefined;
    const mine = path.join(tmp, `mlops-kit-ts-${uid ?? os.userInfo().username}`);
    makeDir(mine);
    if (uid !== undefined) {
      const stat = fs.lstatSync(mine);
      if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return undefined;
    }
    const dir = path.join(mine, version);
    makeDir(dir);
    // A directory we cannot write to is no cache at all.
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.R_OK);
    return dir;
  } catch {
    return undefined;
  }
}

function makeDir(dir) {
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if (err?.code !== "EEXIST") throw err;
  }
}

install();
