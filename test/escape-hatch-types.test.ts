import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers";

const dir = path.join(ROOT, "test/fixtures/escape-hatch");
const tsc = (project: string, ...extra: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(dir, project), ...extra], {
    encoding: "utf8",
  });

// A program on one cloud must not type-check the other clouds' SDKs; the cloud's entry point
// (`mlops-kit/aws`) brings its own types in.
describe("escape-hatch types", () => {
  it("GIVEN a program that imports mlops-kit/aws THEN vpc.aws is typed with the AWS resources, and no other cloud's SDK is read", () => {
    const r = tsc("tsconfig.json", "--listFiles");
    expect(r.stdout.split("\n").filter((l) => l.includes("error TS"))).toEqual([]);
    expect(r.status).toBe(0);
    const files = r.stdout.split("\n");
    expect(files.some((f) => f.includes("node_modules/@pulumi/aws/ec2/vpc.d.ts"))).toBe(true);
    expect(files.filter((f) => f.includes("node_modules/@pulumi/gcp/") || f.includes("node_modules/@pulumi/azure-native/"))).toEqual([]);
  });

  it("GIVEN a program without the entry point THEN vpc.aws is unknown: using it does not compile, and no cloud SDK is read", () => {
    const r = tsc("tsconfig.untyped.json");
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain("'network.aws' is of type 'unknown'");
    const listed = tsc("tsconfig.untyped.json", "--listFiles", "--noEmitOnError");
    expect(listed.stdout.split("\n").filter((f) => f.includes("node_modules/@pulumi/aws/"))).toEqual([]);
  });
});
