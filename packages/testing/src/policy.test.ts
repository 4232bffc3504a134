import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UNKNOWN } from "./plan";
import { evaluatePolicies } from "./policy";
import { checkPolicies, planOf, planResource, ref } from "./policy-fixtures";
import { loadPolicyPack, PolicyConfigError, type PolicyLike, policyPack } from "./policy-pack";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A policy pack project on disk, as `pulumi policy new` lays it out (in JavaScript, so no hook is needed). */
function packProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-pack-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries({ "PulumiPolicy.yaml": "runtime: nodejs\n", ...files }))
    fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

type Recorded = Record<string, unknown>;

/** A resource policy that records the arguments it is called with. */
function probe(seen: Recorded[], extra: Partial<PolicyLike> = {}): PolicyLike {
  return {
    name: "probe",
    description: "records its arguments",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: { limit: { type: "integer", default: 3 }, names: { type: "array", items: { type: "string" }, default: ["a"] } },
    },
    validateResource: (args: Recorded) => {
      // The default provider is analyzed too, as a resource of its own.
      if (!String(args.type).startsWith("pulumi:providers:")) seen.push(args);
    },
    ...extra,
  };
}

describe("loadPolicyPack", () => {
  it("GIVEN a pack project THEN it captures its policies without starting a server, and restores the working directory", () => {
    const dir = packProject({
      "package.json": JSON.stringify({ name: "p", version: "1.2.3", main: "index.js" }),
      "index.js": `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("probe-pack", { enforcementLevel: "mandatory", policies: [{ name: "one", description: "d", validateResource: () => {} }] });`,
    });
    // @pulumi/policy resolves from the pack's directory; a temp dir has no node_modules, so link ours.
    fs.symlinkSync(path.resolve(__dirname, "../../../node_modules"), path.join(dir, "node_modules"));
    const cwd = process.cwd();
    const pack = loadPolicyPack(dir);
    expect(process.cwd()).toBe(cwd);
    expect([pack.name, pack.version, pack.enforcementLevel, pack.policies.map((p) => p.name)]).toEqual([
      "probe-pack",
      "1.2.3",
      "mandatory",
      ["one"],
    ]);
    // Loading twice captures twice (the pack's own modules are reloaded).
    expect(loadPolicyPack(dir).policies).toHaveLength(1);
  });

  it("GIVEN a directory without PulumiPolicy.yaml THEN it says so", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-nopack-"));
    dirs.push(dir);
    expect(() => loadPolicyPack(dir)).toThrow(/is not a policy pack: it has no PulumiPolicy.yaml/);
  });
});

describe("evaluatePolicies: resource policies get the analyzer's arguments", () => {
  const vpc = planResource(
    "aws:ec2/vpc:Vpc",
    "net",
    { cidrBlock: "10.0.0.0/16" },
    { protect: true, retainOnDelete: true, parent: "urn:pulumi:dev::p::mlops:index:MlopsVpc::net" },
  );

  it("THEN type, urn, name, props, opts, the default provider, stack tags and config with schema defaults", async () => {
    const seen: Recorded[] = [];
    await checkPolicies(probe(seen), [vpc], {
      stackConfig: { "aws:region": "eu-west-1", "mlops:cloud": "aws" },
      config: { probe: { limit: 5 } },
    });
    const args = seen[0] as Recorded & {
      getConfig(): unknown;
      stackTags: ReadonlyMap<string, string>;
      provider: Recorded & { props: Recorded };
    };
    expect([args.type, args.urn, args.name, (args.props as Recorded).cidrBlock]).toEqual([
      "aws:ec2/vpc:Vpc",
      vpc.urn,
      "net",
      "10.0.0.0/16",
    ]);
    expect(args.opts).toEqual({
      protect: true,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
      parent: vpc.parent,
      retainOnDelete: true,
    });
    expect([args.provider.type, args.provider.name, args.provider.urn, args.provider.props.region]).toEqual([
      "pulumi:providers:aws",
      "default_7_48_0",
      "urn:pulumi:test::test::pulumi:providers:aws::default_7_48_0",
      "eu-west-1",
    ]);
    expect(args.stackTags.get("pulumi:project")).toBe("test");
    expect(args.getConfig()).toEqual({ limit: 5, names: ["a"] });
    expect(typeof args.notApplicable).toBe("function");
  });

  it("GIVEN a policy with an attached type THEN it is not applicable to other types, as in the analyzer's fast path", async () => {
    const seen: Recorded[] = [];
    const typed = Object.assign((args: Recorded) => void seen.push(args), { __pulumiType: "aws:s3/bucket:Bucket" });
    const report = await checkPolicies(probe(seen, { validateResource: typed }), [vpc]);
    expect(seen).toEqual([]);
    expect(report.notApplicable).toContainEqual(
      expect.objectContaining({
        policyName: "probe",
        urn: vpc.urn,
        reason: "Policy only applies to resources of type 'aws:s3/bucket:Bucket'",
      }),
    );
  });

  it("GIVEN a value unknown until deployment THEN reading it reports an advisory 'can't run during preview', as in preview", async () => {
    const flowLog = planResource("aws:ec2/flowLog:FlowLog", "fl", { vpcId: UNKNOWN, trafficType: "ALL" });
    const reads = {
      ...probe([]),
      validateResource: (args: Recorded, report: (m: string) => void) =>
        args.type === flowLog.type && report(`vpc ${(args.props as Recorded).vpcId}`),
    };
    const report = await checkPolicies(reads, [flowLog]);
    expect(report.violations.map((v) => [v.enforcementLevel, v.unknown, v.detail])).toEqual([
      [
        "advisory",
        true,
        "can't run policy 'probe' from policy pack 'test@v0.0.0' during preview: string value at .vpcId can't be known during preview",
      ],
    ]);
  });

  it("THEN a string violation is the description and the detail; an object may lower the level", async () => {
    const policy: PolicyLike = {
      ...probe([]),
      validateResource: (args: Recorded, report: (m: unknown) => void) => {
        if (args.type !== vpc.type) return;
        report("first");
        report({ message: "second", enforcementLevel: "advisory" });
      },
    };
    const report = await checkPolicies(policy, [vpc]);
    expect(report.violations.map((v) => [v.enforcementLevel, v.message, v.urn, v.type])).toEqual([
      ["mandatory", "records its arguments\nfirst", vpc.urn, "aws:ec2/vpc:Vpc"],
      ["advisory", "second", vpc.urn, "aws:ec2/vpc:Vpc"],
    ]);
    expect([report.mandatory, report.advisory]).toEqual([1, 1]);
  });

  it("GIVEN a policy that throws THEN the error names the policy and the resource", async () => {
    const policy = {
      ...probe([]),
      validateResource: (args: Recorded) => {
        if (args.type === vpc.type) throw new Error("boom");
      },
    };
    await expect(checkPolicies(policy, [vpc])).rejects.toThrow(
      /Error validating resource .*::net with policy 'probe' from policy pack 'test@v0.0.0': boom/,
    );
  });
});

describe("evaluatePolicies: stack policies", () => {
  it("THEN resources carry parent, dependencies and property dependencies as resource objects, and the stack's environment is set", async () => {
    const vpc = planResource("aws:ec2/vpc:Vpc", "net");
    const flowLog = planResource("aws:ec2/flowLog:FlowLog", "fl", { vpcId: ref(vpc) }, { parent: vpc.urn });
    let seen:
      | {
          resources: {
            urn: string;
            parent?: { urn: string };
            dependencies: { urn: string }[];
            propertyDependencies: Record<string, { urn: string }[]>;
          }[];
        }
      | undefined;
    let stack: string | undefined;
    const policy: PolicyLike = {
      name: "stack-probe",
      description: "d",
      validateStack: (args: typeof seen) => {
        seen = args;
        stack = process.env.PULUMI_STACK;
      },
    };
    const before = process.env.PULUMI_STACK;
    await evaluatePolicies(planOf([vpc, flowLog], { stack: "aws-prod" }), [policyPack("t", [policy])]);
    const fl = seen?.resources.find((r) => r.urn === flowLog.urn);
    expect([fl?.parent?.urn, fl?.dependencies.map((d) => d.urn), fl?.propertyDependencies.vpcId?.map((d) => d.urn)]).toEqual([
      vpc.urn,
      [vpc.urn],
      [vpc.urn],
    ]);
    expect([stack, process.env.PULUMI_STACK]).toEqual(["aws-prod", before]);
  });
});

describe("evaluatePolicies: configuration, as in a policy config file", () => {
  const vpc = planResource("aws:ec2/vpc:Vpc", "net");
  const always: PolicyLike = {
    name: "always",
    description: "d",
    enforcementLevel: "mandatory",
    validateResource: (a: Recorded, r: (m: string) => void) => a.type === vpc.type && r("x"),
  };

  it("GIVEN a policy set to advisory, or disabled, or 'all' advisory THEN the level follows", async () => {
    const level = async (config: Record<string, unknown>) =>
      (await checkPolicies(always, [vpc], { config: config as never })).violations.map((v) => v.enforcementLevel);
    expect(await level({})).toEqual(["mandatory"]);
    expect(await level({ always: "advisory" })).toEqual(["advisory"]);
    expect(await level({ always: { enforcementLevel: "disabled" } })).toEqual([]);
    expect(await level({ all: "advisory" })).toEqual(["advisory"]);
    expect(await level({ all: "advisory", always: "mandatory" })).toEqual(["mandatory"]);
  });

  it.each([
    [{ nope: "advisory" }, 'no policy "nope"'],
    [{ probe: "loud" }, 'probe: "loud" is not one of advisory, mandatory, remediate, disabled'],
    [{ probe: { limit: "5" } }, "probe.limit: expected integer, got string"],
    [{ probe: { names: [1] } }, "probe.names: [0]: expected string, got number"],
    [{ probe: { other: 1 } }, 'probe has no parameter "other"; it takes limit, names'],
  ])("GIVEN %j THEN it is refused: %s", async (config, message) => {
    const run = checkPolicies(probe([]), [vpc], { config: config as never });
    await expect(run).rejects.toThrow(PolicyConfigError);
    await expect(run).rejects.toThrow(message);
  });
});
