import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultPackDirs } from "./packs";

describe("defaultPackDirs", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function pack(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  }

  /** A project, with mlops-kit installed (its packs inside) and/or packs of its own. */
  function project(opts: { installed: boolean; own: string[] }): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-packs-"));
    dirs.push(dir);
    if (opts.installed) {
      const pkg = path.join(dir, "node_modules", "mlops-kit");
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(path.join(pkg, "package.json"), '{"name":"mlops-kit","version":"0.1.0"}');
      pack(path.join(pkg, "policies", "security"));
      pack(path.join(pkg, "policies", "compliance"));
    }
    for (const name of opts.own) pack(path.join(dir, "policies", name));
    return dir;
  }

  it("GIVEN a project with mlops-kit installed and no packs of its own THEN the packs shipped in mlops-kit", () => {
    const dir = project({ installed: true, own: [] });
    expect(defaultPackDirs(dir)).toEqual([
      path.join(dir, "node_modules", "mlops-kit", "policies", "security"),
      path.join(dir, "node_modules", "mlops-kit", "policies", "compliance"),
    ]);
  });

  it("GIVEN a project with its own security pack THEN that one, and the shipped compliance pack", () => {
    const dir = project({ installed: true, own: ["security"] });
    expect(defaultPackDirs(dir)).toEqual([
      path.join(dir, "policies", "security"),
      path.join(dir, "node_modules", "mlops-kit", "policies", "compliance"),
    ]);
  });

  it("GIVEN neither THEN the project's own paths, for the error to name", () => {
    const dir = project({ installed: false, own: [] });
    expect(defaultPackDirs(dir)).toEqual([path.join(dir, "policies", "security"), path.join(dir, "policies", "compliance")]);
  });
});
