import * as fs from "node:fs";
import * as path from "node:path";
import { evaluatePolicies, loadPolicyPack, type PolicyPackInfo, type PolicyReport, synthProject } from "@mlops-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mlops, ROOT, STACKS, tempProject } from "./helpers";

let packs: PolicyPackInfo[];
beforeAll(() => {
  packs = [loadPolicyPack(path.join(ROOT, "policies/security")), loadPolicyPack(path.join(ROOT, "policies/compliance"))];
});

const mandatory = (report: PolicyReport) =>
  report.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policyName} on ${v.type} "${v.name}": ${v.detail}`);

describe.each(STACKS)("stack %s", (stack) => {
  it("THEN it passes both packs with no mandatory violation", async () => {
    const { plan, source } = await synthProject(ROOT, stack);
    const report = await evaluatePolicies(plan, packs, { stackConfig: source.config, projectDir: ROOT });
    expect(report.policies).toBe(packs.reduce((n, p) => n + p.policies.length, 0));
    expect(report.resources).toBeGreaterThan(10);
    expect(mandatory(report)).toEqual([]);
  });
});

describe("mlops check", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const packArgs = ["--pack", path.join(ROOT, "policies/security"), "--pack", path.join(ROOT, "policies/compliance")];

  it("GIVEN aws-dev THEN it exits 0 with the summary line", () => {
    const r = mlops(["check", "--stack", "aws-dev"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ policies, \d+ resources, 0 mandatory, \d+ advisory violations?$/m);
  });

  it("GIVEN an insecure project THEN it exits 1, naming the rule, the level and the resource", () => {
    const dir = tempProject(
      'import { MlopsVpc } from "mlops-kit";\nnew MlopsVpc("net", { zones: 1, aws: { overrides: { subnet: { mapPublicIpOnLaunch: true } } } });\n',
      "config:\n  mlops:cloud: aws\n  aws:region: us-east-1\n",
    );
    dirs.push(dir);
    const r = mlops(["check", "--stack", "dev", "--cwd", dir, ...packArgs]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "aws:ec2/subnet:Subnet  net-public-0\n  urn:pulumi:dev::temp::mlops:index:MlopsVpc$aws:ec2/subnet:Subnet::net-public-0\n",
    );
    expect(r.stdout).toMatch(/ {2}mandatory +mlops-aws-ec2-no-public-ip-on-launch \(high\)\n +mapPublicIpOnLaunch is true/);
    expect(r.stdout).toMatch(/^\d+ policies, \d+ resources, 3 mandatory, 0 advisory violations$/m);
  });

  it("GIVEN --json and a config file that lowers the rule to advisory THEN it exits 0 and the report says so", () => {
    const dir = tempProject(
      'import { MlopsVpc } from "mlops-kit";\nnew MlopsVpc("net", { zones: 1, aws: { overrides: { subnet: { mapPublicIpOnLaunch: true } } } });\n',
      "config:\n  mlops:cloud: aws\n",
    );
    dirs.push(dir);
    const configFile = path.join(dir, "policy-config.json");
    fs.writeFileSync(configFile, JSON.stringify({ "mlops-aws-ec2-no-public-ip-on-launch": "advisory" }));
    const r = mlops(["check", "--stack", "dev", "--cwd", dir, ...packArgs, "--config", configFile, "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PolicyReport;
    expect(report.violations.filter((v) => v.policyName === "mlops-aws-ec2-no-public-ip-on-launch").map((v) => v.enforcementLevel)).toEqual(
      ["advisory", "advisory", "advisory"],
    );
  });

  it.each([
    [["check"], "--stack is required"],
    [["check", "--stack", "aws-dev", "--pack", "/nonexistent"], "/nonexistent is not a policy pack"],
    [["check", "--stack", "aws-dev", "--config", "/nonexistent.json"], "/nonexistent.json: no such file"],
  ])("GIVEN %j THEN it exits 2", (args, message) => {
    const r = mlops(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
