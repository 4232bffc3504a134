import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { staleBuildWarning } from "./stale";

describe("staleBuildWarning", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  /**
   * A project using mlops-kit, sources and build at given times: a checkout of the repository linked
   * into node_modules as a workspace is (the default), or a package installed from a tarball.
   */
  function project(opts: { built: boolean; srcAt: number; distAt: number; installed?: boolean }): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-stale-"));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "node_modules"));
    const pkg = opts.installed ? path.join(dir, "node_modules", "mlops-kit") : path.join(dir, "packages", "mlops-kit");
    fs.mkdirSync(path.join(pkg, "src", "core"), { recursive: true });
    if (!opts.installed) {
      fs.mkdirSync(path.join(pkg, "scripts"));
      fs.writeFileSync(path.join(pkg, "scripts", "build.js"), "");
      fs.symlinkSync(pkg, path.join(dir, "node_modules", "mlops-kit"), "dir");
    }
    fs.writeFileSync(path.join(pkg, "package.json"), '{"name":"mlops-kit","main":"dist/index.js"}');
    const source = path.join(pkg, "src", "core", "cloud.ts");
    fs.writeFileSync(source, "export {};\n");
    fs.utimesSync(source, opts.srcAt, opts.srcAt);
    if (opts.built) {
      fs.mkdirSync(path.join(pkg, "dist"));
      fs.writeFileSync(path.join(pkg, "dist", "index.js"), "");
      fs.utimesSync(path.join(pkg, "dist", "index.js"), opts.distAt, opts.distAt);
    }
    return dir;
  }

  it("GIVEN a build newer than every source THEN there is nothing to say", () => {
    expect(staleBuildWarning(project({ built: true, srcAt: 1000, distAt: 2000 }))).toBeUndefined();
  });

  it("GIVEN a source changed after the build THEN the warning names it and the command to run", () => {
    expect(staleBuildWarning(project({ built: true, srcAt: 3000, distAt: 2000 }))).toBe(
      'packages/mlops-kit/src/core/cloud.ts changed after mlops-kit was last built; the plan uses the build: run "npm run build"',
    );
  });

  it("GIVEN sources and no build THEN it says to build", () => {
    expect(staleBuildWarning(project({ built: false, srcAt: 1000, distAt: 0 }))).toMatch(/is not built: run "npm run build" first$/);
  });

  it("GIVEN an installed package whose sources look newer than its build THEN there is nothing to say (its user has nothing to build)", () => {
    const dir = project({ built: true, srcAt: 3000, distAt: 2000, installed: true });
    expect(staleBuildWarning(dir)).toBeUndefined();
    // the same files as a checkout are reported: only the kind of install makes the difference
    expect(staleBuildWarning(project({ built: true, srcAt: 3000, distAt: 2000 }))).toMatch(/changed after mlops-kit was last built/);
  });

  it("GIVEN an installed package with no build THEN there is nothing to say", () => {
    expect(staleBuildWarning(project({ built: false, srcAt: 1000, distAt: 0, installed: true }))).toBeUndefined();
  });

  it("GIVEN a project without mlops-kit THEN there is nothing to say", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-stale-"));
    dirs.push(dir);
    expect(staleBuildWarning(dir)).toBeUndefined();
  });
});
