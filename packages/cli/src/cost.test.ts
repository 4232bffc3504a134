import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_USAGE, planOf, planResource } from "@mlops-kit/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { FIXTURE_PRICING, FIXTURE_REGION } from "../../testing/src/cost/fixture-pricing";
import { cost, diffCost } from "./cost";
import { main } from "./main";

// `mlops cost` in-process, on a saved plan and a made-up price table: nothing here rests on the
// shipped tables.

const vpc = planResource("mlops:index:MlopsVpc", "net", {}, { custom: false, stack: "dev", project: "temp" });
const nat = (i: number) =>
  planResource("aws:ec2/natGateway:NatGateway", `net-nat-${i}`, {}, { parent: vpc.urn, stack: "dev", project: "temp" });
const queue = planResource("aws:sqs/queue:Queue", "jobs", {}, { stack: "dev", project: "temp" });
const PLAN = planOf([vpc, nat(0), queue], { stack: "dev", project: "temp", cloud: "aws" });

let dir: string;
let planFile: string;
const stackConfig = (lines: string) => fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), `config:\n${lines}`);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-cost-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: temp\nruntime: nodejs\nmain: index.ts\n");
  planFile = path.join(dir, "plan.json");
  fs.writeFileSync(planFile, JSON.stringify(PLAN));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let stdout: MockInstance;
let stderr: MockInstance;
const out = () => stdout.mock.calls.map((c) => String(c[0])).join("");
const err = () => stderr.mock.calls.map((c) => String(c[0])).join("");
const capture = () => {
  stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
};
afterEach(() => vi.restoreAllMocks());

const PRICED = { aws: FIXTURE_PRICING };

describe("mlops cost: usage errors exit 2 before anything is planned", () => {
  it.each([
    [["cost"], /^mlops cost: --stack is required/],
    [["cost", "--stack", "dev", "--assume", "natgb=1"], /^mlops cost: --assume natgb: not an assumption; known: natGb, /],
    [["cost", "--stack", "dev", "--assume", "natGb=many"], /^mlops cost: --assume natGb=many: the value must be a number at or above 0\n/],
    [["cost", "--stack", "dev", "--json", "--markdown"], /^mlops cost: give --markdown or --json, not both/],
  ])("GIVEN %j THEN exit 2 with the reason", async (argv, message) => {
    capture();
    expect(await main(argv)).toBe(2);
    expect(err()).toMatch(message);
    expect(out()).toBe("");
  });
});

describe("mlops cost: a stack that cannot be priced exits 1 saying why", () => {
  it.each([
    ["  aws:region: us-test-1\n", "error: stack dev sets no mlops:cloud: the cloud decides which prices apply\n"],
    ["  mlops:cloud: oci\n", "error: mlops:cloud oci: not a cloud mlops-kit prices (aws, gcp, azure)\n"],
    ["  mlops:cloud: aws\n", "error: stack dev sets no aws:region: prices differ by region\n"],
    ["  mlops:cloud: gcp\n  gcp:project: p\n", "error: stack dev sets no gcp:region: prices differ by region\n"],
  ])("GIVEN the config %j THEN the error names the setting", async (config, message) => {
    stackConfig(config);
    capture();
    expect(await main(["cost", "--stack", "dev", "--cwd", dir, "--plan", planFile])).toBe(1);
    expect(err()).toBe(message);
  });

  it("GIVEN a cloud without a price table THEN a user error naming the cloud, and nothing printed", async () => {
    stackConfig(`  mlops:cloud: aws\n  aws:region: ${FIXTURE_REGION}\n`);
    capture();
    await expect(cost(["--stack", "dev", "--cwd", dir, "--plan", planFile], {})).rejects.toThrow(
      "no price table for aws yet (priced: none); nothing was estimated",
    );
    expect(out()).toBe("");
  });
});

describe("mlops cost: a priced stack", () => {
  beforeAll(() => stackConfig(`  mlops:cloud: aws\n  aws:region: ${FIXTURE_REGION}\n`));

  it("GIVEN --json and --assume natGb=200 THEN exit 0 and the version-1 report in the stack's region with that assumption", async () => {
    capture();
    expect(await cost(["--stack", "dev", "--cwd", dir, "--plan", planFile, "--json", "--assume", "natGb=200"], PRICED)).toBe(0);
    const report = JSON.parse(out());
    expect(report).toMatchObject({ version: 1, project: "temp", stack: "dev", cloud: "aws", region: FIXTURE_REGION, currency: "USD" });
    expect(report.assumptions.natGb).toBe(200);
    expect(report.usage.max).toBeCloseTo(200 * 0.045, 10);
    expect(report.unpriced).toMatchObject([{ name: "jobs", reason: "no pricer for aws:sqs/queue:Queue" }]);
  });

  it("GIVEN the text report THEN it lists the component and what is not priced", async () => {
    capture();
    expect(await cost(["--stack", "dev", "--cwd", dir, "--plan", planFile], PRICED)).toBe(0);
    expect(out()).toContain("Stack temp/dev (aws, us-test-1): monthly estimate in US dollars, offline\n");
    expect(out()).toContain("Not counted in the totals (1 resource):\n");
  });

  it("GIVEN --markdown THEN the markdown report", async () => {
    capture();
    expect(await cost(["--stack", "dev", "--cwd", dir, "--plan", planFile, "--markdown"], PRICED)).toBe(0);
    expect(out()).toMatch(/^### mlops cost: temp\/dev \(aws, us-test-1\)\n/);
  });
});

describe("diffCost", () => {
  const head = planOf([vpc, nat(0), nat(1), queue], { stack: "dev", project: "temp", cloud: "aws" });
  const config = { "mlops:cloud": "aws", "aws:region": FIXTURE_REGION };
  const usage = { ...DEFAULT_USAGE };

  it("GIVEN a priced cloud and region THEN the delta of the second NAT", () => {
    const r = diffCost(PLAN, head, config, usage, PRICED);
    expect(r.costNote).toBeUndefined();
    expect(r.cost?.change.fixed.max).toBeCloseTo(36.5, 10);
  });

  it.each([
    [{ ...PLAN, cloud: undefined }, undefined, "not estimated, the stack sets no mlops:cloud"],
    [{ ...PLAN, cloud: "oci" }, undefined, "not estimated, oci is not a priced cloud"],
    [PLAN, { "mlops:cloud": "aws" }, "not estimated, no aws:region in the stack's configuration"],
    [PLAN, undefined, "not estimated, no aws:region in the stack's configuration"],
  ])("GIVEN head %# THEN a one-line note instead of a delta", (plan, cfg, note) => {
    const { cloud: _c, ...rest } = plan;
    const headPlan = plan.cloud === undefined ? rest : plan;
    expect(diffCost(PLAN, headPlan, cfg, usage, PRICED)).toEqual({ costNote: note });
  });

  it("GIVEN a cloud without a table THEN the note says so", () => {
    expect(diffCost(PLAN, head, config, usage, {})).toEqual({ costNote: "not estimated, no price table for aws yet" });
  });
});
