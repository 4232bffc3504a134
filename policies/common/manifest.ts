import * as fs from "node:fs";
import * as path from "node:path";
import { loadPolicyPack, type PolicyPackInfo } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { MlopsPolicy } from "./rule";

/**
 * The manifest tests every pack runs: the pack loads with exactly the pinned rules, each rule is
 * one file (rules/<cloud>/<service>/<check>.ts named mlops-<cloud>-<service>-<check>) with its
 * test, documented in policies/README.md, with the enforcement its severity gives. Test code:
 * imported by the packs' `pack.test.ts` only.
 */
export function describePackManifest(packDir: string, packName: string, column: string, rules: readonly string[]): void {
  const RULES = [...rules];
  const __dirname = packDir;
  let pack: PolicyPackInfo;
  beforeAll(() => {
    pack = loadPolicyPack(__dirname);
  });

  describe(`policy pack ${packName}`, () => {
    it("THEN it loads without serving, with its name, version and exactly the pinned rules", () => {
      expect([pack.name, pack.version]).toEqual([
        packName,
        JSON.parse(fs.readFileSync(path.join(__dirname, "package.json"), "utf8")).version,
      ]);
      expect(pack.policies.map((p) => p.name).sort()).toEqual(RULES);
    });

    it("THEN each rule lives in rules/<cloud>/<service>/<check>.ts, named mlops-<cloud>-<service>-<check>", () => {
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) walk(path.join(dir, e.name));
          else if (/^[a-z0-9-]+\.ts$/.test(e.name) && !/\.(test|fixture)\.ts$/.test(e.name) && e.name !== "index.ts")
            files.push(path.join(dir, e.name));
        }
      };
      walk(path.join(__dirname, "rules"));
      const fromFiles = files.map(
        (f) => `mlops-${path.relative(path.join(__dirname, "rules"), f).replace(/\.ts$/, "").split(path.sep).join("-")}`,
      );
      expect(fromFiles.sort()).toEqual(RULES);
      for (const f of files) expect(fs.existsSync(f.replace(/\.ts$/, ".test.ts")), `${f} has a test`).toBe(true);
    });

    it("THEN policies/README.md documents every rule", () => {
      const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
      for (const name of RULES) expect(readme, name).toMatch(new RegExp(`^\\| \`${name}\` +\\| ${column} +\\|`, "m"));
    });

    it("THEN every rule has a description, severity, remediation, and the level its severity gives", () => {
      for (const p of pack.policies as MlopsPolicy[]) {
        const { severity, remediation, cloud } = p.metadata;
        expect(p.description.length, p.name).toBeGreaterThan(20);
        expect(remediation.length, p.name).toBeGreaterThan(0);
        expect(p.name.startsWith(`mlops-${cloud}-`), p.name).toBe(true);
        expect(p.enforcementLevel, p.name).toBe(severity === "critical" || severity === "high" ? "mandatory" : "advisory");
      }
    });
  });
}
