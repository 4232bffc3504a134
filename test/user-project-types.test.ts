import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers";

// A user's compiler reads mlops-kit's declarations (dist/types), never its sources: whatever the
// user's compiler options, they do not apply to our implementation.
describe("a user's project", () => {
  it("GIVEN the settings `tsc --init` writes (ES module, verbatimModuleSyntax, exactOptionalPropertyTypes) THEN a program on mlops-kit type-checks", () => {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(ROOT, "test/fixtures/tsc-init"), "--listFiles"],
      { encoding: "utf8" },
    );
    expect(r.stdout.split("\n").filter((l) => l.includes("error TS"))).toEqual([]);
    expect(r.status).toBe(0);
    const files = r.stdout.split("\n");
    expect(files.some((f) => f.endsWith("packages/mlops-kit/dist/types/index.d.ts"))).toBe(true);
    expect(files.filter((f) => f.includes("packages/mlops-kit/src/"))).toEqual([]);
  });
});
