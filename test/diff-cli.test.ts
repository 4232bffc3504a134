import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mlops, tempProject } from "./helpers";

// `mlops diff` as a user runs it: against a git ref of their project, or on two plan files.

const PROGRAM = (zones: number, name: string) =>
  `import { MlopsVpc } from "mlops-kit";\nnew MlopsVpc(${JSON.stringify(name)}, { zones: ${zones}, cidr: "10.8.0.0/16" });\n`;

let dir: string;
const git = (...args: string[]) => {
  const r = spawnSync("git", args, { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
};
beforeAll(() => {
  dir = tempProject(PROGRAM(2, "net"), "config:\n  mlops:cloud: aws\n  aws:region: eu-west-1\n");
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "two zones");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const program = (zones: number, name: string) =>
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    PROGRAM(zones, name).replace(/from "mlops-kit"/, `from ${JSON.stringify(path.resolve(__dirname, "../packages/mlops-kit/src"))}`),
  );

describe("GIVEN a project in git", () => {
  it("WHEN a third zone is added in the working tree THEN --base HEAD says which subnets the network adds, and nothing is lost", () => {
    program(3, "net");
    const r = mlops(["diff", "--stack", "dev", "--cwd", dir, "--base", "HEAD", "--fail-on", "data-loss,replace"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("MlopsVpc net\n");
    expect(r.stdout).toContain("  subnet net-private-2 added\n");
    expect(r.stdout).not.toContain("DATA LOSS");
  });

  it("WHEN the component is renamed THEN its log group and key are data loss, and --fail-on data-loss exits 1", () => {
    program(2, "network");
    const r = mlops(["diff", "--stack", "dev", "--cwd", dir, "--base", "HEAD", "--markdown", "--fail-on", "data-loss"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mlops diff: --fail-on data-loss: /);
    expect(r.stdout).toMatch(/^### mlops diff: temp\/dev/);
    expect(r.stdout).toContain("#### ⚠️ Data loss");
    expect(r.stdout).toMatch(/\| replace \| `network-flow-logs` \| `aws:cloudwatch\/logGroup:LogGroup` \| nothing stops it/);
    expect(r.stdout).toContain("renamed from net-flow-logs: would replace; add an alias");
  });

  it("WHEN the ref does not exist THEN exit 1 naming it", () => {
    const r = mlops(["diff", "--stack", "dev", "--cwd", dir, "--base", "no-such-branch"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: --base no-such-branch: no such commit/);
  });
});

describe("GIVEN two plan files written by mlops plan --out", () => {
  it("WHEN diffed with --json THEN the version-1 diff counts the added subnets", () => {
    program(2, "net");
    const base = path.join(dir, "..", `${path.basename(dir)}-base.json`);
    const head = path.join(dir, "..", `${path.basename(dir)}-head.json`);
    expect(mlops(["plan", "--stack", "dev", "--cwd", dir, "--out", base]).code).toBe(0);
    program(3, "net");
    expect(mlops(["plan", "--stack", "dev", "--cwd", dir, "--out", head]).code).toBe(0);
    const r = mlops([
      "diff",
      "--stack",
      "dev",
      "--base-plan",
      base,
      "--head-plan",
      head,
      "--json",
      "--pack",
      path.resolve(__dirname, "../policies/security"),
    ]);
    fs.rmSync(base);
    fs.rmSync(head);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ version: 1, stack: "dev", dataLoss: [], policy: { removed: [] } });
    expect(d.counts.create).toBeGreaterThanOrEqual(3);
    expect(d.counts.delete).toBe(0);
  });

  it.each([
    [["--base", "HEAD", "--base-plan", "x.json"], "give --base or --base-plan, not both"],
    [["--base-plan", "x.json", "--fail-on", "drift"], '--fail-on "drift": expected one of data-loss, replace, violation'],
    [[], "--base <ref> or --base-plan <file> is required"],
  ])("WHEN given %j THEN it is a usage error (exit 2)", (args, message) => {
    const r = mlops(["diff", "--stack", "dev", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
