import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./helpers";

// Installing mlops-kit's tarball into a project outside the workspace, as a team would, without the
// network. npm's cache holds the tarballs of every package in the repository's lock file (npm ci
// put them there) but not the registry's package documents, which `npm install <name>` needs to
// pick versions; `npm ci --offline` needs none when a lock file names each version, so the project
// gets one: the part of the repository's lock tree its dependencies reach, plus the tarball.

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

function repoLock(): Record<string, LockEntry> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).packages;
}

/** Node's lookup on the lock tree: `<from>/node_modules/<name>`, then each enclosing node_modules. */
function locate(lock: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (lock[candidate] && !lock[candidate].link) return candidate;
    if (!dir) return undefined;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
}

/** The lock entries the named packages reach (dependencies, optional ones, required peers). */
function closure(lock: Record<string, LockEntry>, names: string[]): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const queue = names.map((n) => {
    const found = locate(lock, "", n);
    if (!found) throw new Error(`${n} is not in the repository's lock file`);
    return found;
  });
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
    if (out[p]) continue;
    const entry = lock[p] as LockEntry;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry;
    out[p] = kept;
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((d) => !entry.peerDependenciesMeta?.[d]?.optional),
    ];
    for (const dep of wanted) {
      const found = locate(lock, p, dep);
      if (found) queue.push(found);
      else if (!(dep in (entry.optionalDependencies ?? {}))) throw new Error(`${p} needs ${dep}, which the lock file lacks`);
    }
  }
  return out;
}

/**
 * Writes package.json and package-lock.json for a project depending on `tarball` and on the given
 * registry packages at the repository's versions, then runs `npm ci --offline`.
 */
export function installOffline(project: string, tarball: string, registryDeps: string[]): void {
  const lock = repoLock();
  const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
  const spec = `file:${path.relative(project, tarball)}`;
  const dependencies: Record<string, string> = { [manifest.name]: spec };
  for (const name of registryDeps) dependencies[name] = String(lock[`node_modules/${name}`]?.version);
  const pkg = { name: "my-platform", version: "1.0.0", private: true, dependencies };
  const packages: Record<string, LockEntry> = {
    "": { name: pkg.name, version: pkg.version, dependencies },
    ...closure(lock, [...registryDeps, ...Object.keys(manifest.dependencies ?? {})]),
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: spec,
      integrity: `sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
      peerDependencies: manifest.peerDependencies,
      peerDependenciesMeta: manifest.peerDependenciesMeta,
    },
  };
  fs.writeFileSync(path.join(project, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  fs.writeFileSync(
    path.join(project, "package-lock.json"),
    `${JSON.stringify({ name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  execFileSync("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: project,
    stdio: "pipe",
    timeout: 300_000,
  });
}
