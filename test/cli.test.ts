import * as fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { mlops, tempProject } from "./helpers";

const dirs: string[] = [];
const project = (program: string, config: string) => {
  const dir = tempProject(program, config);
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const VPC_PROGRAM = 'import { MlopsVpc } from "mlops-kit";\nnew MlopsVpc("net", { cidr: process.env.CIDR ?? "10.0.0.0/16" });\n';

describe("mlops plan", () => {
  it("GIVEN aws-dev THEN it prints the tree and the counts, and exits 0", () => {
    const r = mlops(["plan", "--stack", "aws-dev"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("offline plan, nothing deployed");
    expect(r.stdout).toMatch(/[├└]─ mlops:index:MlopsVpc\s+platform/);
    expect(r.stdout).toMatch(/[├└]─ mlops:index:ModelRegistry\s+models/);
    expect(r.stdout).toMatch(/[├└]─ mlops:index:MonitoringStack\s+observability/);
    expect(r.stdout).toMatch(/\s+6 {2}aws:ec2\/subnet:Subnet/);
  });

  it("GIVEN --json and --out THEN stdout and the file hold the same version-1 plan", () => {
    const out = `${dirs[0] ?? "/tmp"}-plan.json`;
    const r = mlops(["plan", "--stack", "gcp-dev", "--json", "--out", out]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({ version: 1, project: "mlops-platform", stack: "gcp-dev", cloud: "gcp" });
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toEqual(plan);
    fs.rmSync(out);
  });

  it("GIVEN mlops:cloud oracle THEN exit 1 with one line naming mlops:cloud, and no stack trace", () => {
    const dir = project(VPC_PROGRAM, "config:\n  mlops:cloud: oracle\n");
    const r = mlops(["plan", "--stack", "dev", "--cwd", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: the stack setting mlops:cloud is "oracle"; it must be one of aws, gcp, azure\n');
    expect(r.stdout).toBe("");
  });

  it("GIVEN an invalid cidr THEN exit 1 with one line naming the component and the field", () => {
    const dir = project(VPC_PROGRAM.replace('process.env.CIDR ?? "10.0.0.0/16"', '"10.0.0.0/33"'), "config:\n  mlops:cloud: aws\n");
    const r = mlops(["plan", "--stack", "dev", "--cwd", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: MlopsVpc "net": cidr ("10.0.0.0/33") has a prefix length above 32\n');
  });

  it("GIVEN an unknown stack THEN exit 1 naming the stacks there are", () => {
    const r = mlops(["plan", "--stack", "qa"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: stack "qa" has no config file stacks/Pulumi.qa.yaml; stacks here: aws-dev, aws-prod');
  });

  it.each([
    [["plan"], "--stack is required"],
    [["plan", "--stack", "aws-dev", "--bogus"], "Unknown option '--bogus'"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [[], "Usage: mlops <command>"],
  ])("GIVEN %j THEN exit 2 with usage help", (args, message) => {
    const r = mlops(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("GIVEN a program that throws THEN exit 1 with the message and the place in the program, no stack trace", () => {
    const dir = project('throw new TypeError("oops");\n', "config: {}\n");
    const r = mlops(["plan", "--stack", "dev", "--cwd", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: oops\n    at ${dir}/index.ts:1:7\n`);
  });
});
