import * as fs from "node:fs";
import * as path from "node:path";

/** An entry of package-lock.json's `packages` map (lockfile v2/v3), what we read of it. */
export interface LockEntry {
  version?: string;
  resolved?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
export type LockPackages = Record<string, LockEntry>;

/**
 * The lock key a dependency `name` of the package at `from` resolves to, the way Node resolves it
 * on disk: the package's own node_modules first, then each enclosing one, then the top level.
 */
export function resolveKey(packages: LockPackages, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
}

/**
 * Every installed package (lock key) a set of top-level packages needs: their dependencies,
 * optional dependencies that are installed, and required peer dependencies, transitively.
 * Workspace links are followed to the workspace's own entry.
 */
export function dependencyClosure(packages: LockPackages, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    let k = key;
    const entry = packages[k];
    if (entry?.link && entry.resolved) k = entry.resolved;
    if (seen.has(k)) return;
    seen.add(k);
    const e = packages[k] ?? {};
    const optionalPeers = new Set(
      Object.entries(e.peerDependenciesMeta ?? {})
        .filter(([, m]) => m.optional)
        .map(([n]) => n),
    );
    const names = [
      ...Object.keys(e.dependencies ?? {}),
      ...Object.keys(e.optionalDependencies ?? {}),
      ...Object.keys(e.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n)),
    ];
    for (const name of names) {
      const dep = resolveKey(packages, key, name);
      if (dep) visit(dep);
    }
  };
  for (const root of roots) {
    const key = resolveKey(packages, "", root);
    if (!key) throw new Error(`${root} is not installed (not in package-lock.json)`);
    visit(key);
  }
  return seen;
}

/** Bytes and files under a directory, leaving out nested node_modules (each package counts once). */
export function directorySize(dir: string, include: (file: string) => boolean = () => true): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(p);
      } else if (entry.isFile() && include(p)) {
        bytes += fs.statSync(p).size;
        files++;
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return { bytes, files };
}

export interface Footprint {
  packages: number;
  files: number;
  bytes: number;
}

/** The installed size of what a user who installs `roots` gets, from node_modules on disk. */
export function installFootprint(
  root: string,
  roots: readonly string[],
  sizeOf?: (key: string) => { bytes: number; files: number },
): Footprint {
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: LockPackages };
  const closure = dependencyClosure(lock.packages, roots);
  const measure = sizeOf ?? ((key: string) => directorySize(path.join(root, key)));
  let bytes = 0;
  let files = 0;
  for (const key of closure) {
    const s = measure(key);
    bytes += s.bytes;
    files += s.files;
  }
  return { packages: closure.size, files, bytes };
}
