import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers";
import { installOffline } from "./offline-install";

// What a team does with mlops-kit in its own Pulumi project, outside this repository: pack the
// package, install the tarball (npm's cache only, no network; see offline-install.ts), then plan,
// check, and type-check the program with the settings of Pulumi's TypeScript template and of
// `tsc --init`. The project installs the AWS SDK alone: nothing may need GCP's or Azure's.

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { InferenceService, MlopsVpc } from "mlops-kit";
import type {} from "mlops-kit/aws";

const config = new pulumi.Config();
const network = new MlopsVpc("ml", { cidr: "10.40.0.0/16" });
const api = new InferenceService("api", {
  network: network.network,
  image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/models/sentiment:1.0.0",
  compute: { cpu: 2, memoryGiB: 8 },
  // config.get returns string | undefined: an optional field takes it as it is
  loadBalancer: { tls: { domain: config.get("domain") } },
});

export const url = api.url;
export const vpcId = network.aws.vpc.id;
export const apiToken = pulumi.secret("do-not-print-me");
`;

/** The team's own test of a policy on a hand-made plan, with the engine mlops-kit ships. */
const POLICY_TEST = `import { evaluatePolicies, loadPolicyPack, planOf, planResource } from "mlops-kit/testing";

export async function openFirewallViolations(): Promise<string[]> {
  const pack = loadPolicyPack("node_modules/mlops-kit/policies/security");
  const firewall = planResource("gcp:compute/firewall:Firewall", "ssh", {
    network: "default",
    sourceRanges: ["0.0.0.0/0"],
    allows: [{ protocol: "tcp", ports: ["22"] }],
  });
  const report = await evaluatePolicies(planOf([firewall]), [pack]);
  return report.violations.map((v) => v.policyName);
}
`;

/** The same test in JavaScript, to run without a compile step. */
const POLICY_TEST_JS = `const { evaluatePolicies, loadPolicyPack, planOf, planResource } = require("mlops-kit/testing");

exports.openFirewallViolations = async () => {
  const pack = loadPolicyPack("node_modules/mlops-kit/policies/security");
  const firewall = planResource("gcp:compute/firewall:Firewall", "ssh", {
    network: "default",
    sourceRanges: ["0.0.0.0/0"],
    allows: [{ protocol: "tcp", ports: ["22"] }],
  });
  const report = await evaluatePolicies(planOf([firewall]), [pack]);
  return report.violations.map((v) => v.policyName);
};
`;

/**
 * tsconfig.json of Pulumi's TypeScript templates (pulumi/templates, aws-typescript/tsconfig.json),
 * with the project's files listed (the ES module copy below is another project).
 */
const PULUMI_TEMPLATE_TSCONFIG = {
  files: ["index.ts", "policy.ts"],
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
};

/** What `tsc --init` (TypeScript 5.9) writes, for an ES module project. */
const TSC_INIT_TSCONFIG = {
  compilerOptions: {
    module: "nodenext",
    target: "esnext",
    types: [],
    sourceMap: true,
    declaration: true,
    declarationMap: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    strict: true,
    jsx: "react-jsx",
    verbatimModuleSyntax: true,
    isolatedModules: true,
    noUncheckedSideEffectImports: true,
    moduleDetection: "force",
    skipLibCheck: true,
    noEmit: true,
  },
};

let work: string;
let project: string;
let tarballFiles: string[];
const timings: Record<string, number> = {};

function timed<T>(label: string, run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    timings[label] = Math.round(performance.now() - start);
  }
}

function mlops(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(project, "node_modules", ".bin", "mlops"), ...args], {
    cwd: project,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tsc(dir: string) {
  const r = spawnSync(process.execPath, [path.join(project, "node_modules", "typescript", "bin", "tsc"), "-p", dir, "--noEmit"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "mlops-kit-user-"));
  project = path.join(work, "my-platform");
  fs.mkdirSync(project);
  // The build is fresh (the test setup built it); what `npm pack` would run again (prepack) is skipped.
  const packed = timed("pack", () =>
    JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], {
        cwd: path.join(ROOT, "packages", "mlops-kit"),
        encoding: "utf8",
      }),
    ),
  );
  tarballFiles = packed[0].files.map((f: { path: string }) => f.path);
  timed("install", () =>
    installOffline(project, path.join(work, packed[0].filename), ["@pulumi/pulumi", "@pulumi/aws", "typescript", "@types/node"]),
  );
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: my-platform\nruntime: nodejs\ndescription: A team's platform on mlops-kit\n");
  fs.writeFileSync(
    path.join(project, "Pulumi.dev.yaml"),
    "config:\n  mlops:cloud: aws\n  aws:region: us-east-1\n  my-platform:domain: api.example.com\n",
  );
  fs.writeFileSync(path.join(project, "index.ts"), PROGRAM);
  fs.writeFileSync(path.join(project, "policy.ts"), POLICY_TEST);
  fs.writeFileSync(path.join(project, "policy.js"), POLICY_TEST_JS);
  fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify(PULUMI_TEMPLATE_TSCONFIG, null, 2));
  // the same files in an ES module project made with `tsc --init`, under the same node_modules
  const esm = path.join(project, "esm");
  fs.mkdirSync(esm);
  fs.writeFileSync(path.join(esm, "package.json"), '{ "type": "module" }\n');
  fs.writeFileSync(path.join(esm, "index.ts"), PROGRAM);
  fs.writeFileSync(path.join(esm, "policy.ts"), POLICY_TEST);
  fs.writeFileSync(path.join(esm, "tsconfig.json"), JSON.stringify(TSC_INIT_TSCONFIG, null, 2));
}, 600_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
  // measured on every run, reported with the test output
  console.log(`installed-package timings (ms): ${JSON.stringify(timings)}`);
}, 300_000);

describe("mlops-kit installed from its tarball into a team's own project", () => {
  it("GIVEN the tarball THEN it holds the library, the engine, the CLI and both packs, and no tests or build scripts", () => {
    for (const file of [
      "dist/index.js",
      "dist/testing.js",
      "dist/cli.js",
      "bin/mlops.js",
      "dist/types/index.d.ts",
      "dist/types/testing/index.d.ts",
    ]) {
      expect(tarballFiles).toContain(file);
    }
    for (const pack of ["security", "compliance"]) {
      expect(tarballFiles).toEqual(
        expect.arrayContaining([`policies/${pack}/PulumiPolicy.yaml`, `policies/${pack}/package.json`, `policies/${pack}/index.js`]),
      );
    }
    expect(tarballFiles.filter((f) => f.endsWith(".test.ts") || f.startsWith("scripts/") || f.endsWith(".stamp"))).toEqual([]);
  });

  it("GIVEN the install THEN only the AWS SDK is there, as the project asked, and both bins are linked", () => {
    expect(fs.existsSync(path.join(project, "node_modules", "@pulumi", "aws"))).toBe(true);
    expect(fs.existsSync(path.join(project, "node_modules", "@pulumi", "gcp"))).toBe(false);
    expect(fs.existsSync(path.join(project, "node_modules", "@pulumi", "azure-native"))).toBe(false);
    expect(fs.existsSync(path.join(project, "node_modules", ".bin", "mlops"))).toBe(true);
    // `npx mlops-kit` runs the bin named after the package
    expect(fs.existsSync(path.join(project, "node_modules", ".bin", "mlops-kit"))).toBe(true);
    // what only the repository's own tests use stays out
    for (const dev of ["vitest", "fast-check", "@biomejs/biome", "zod", "@mlops-kit/testing", "@mlops-kit/cli"]) {
      expect(fs.existsSync(path.join(project, "node_modules", dev))).toBe(false);
    }
  });

  it("GIVEN mlops plan THEN the tree and the stack outputs print, the secret masked, with no warning", () => {
    const r = timed("plan", () => mlops(["plan", "--stack", "dev"]));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/[├└]─ mlops:index:InferenceService\s+api/);
    expect(r.stdout).toContain("Outputs:");
    expect(r.stdout).toMatch(/url\s+: "https:\/\/api\.example\.com"/);
    expect(r.stdout).toMatch(/apiToken\s*: \[secret\]/);
    expect(r.stdout).not.toContain("do-not-print-me");
  });

  it("GIVEN mlops check THEN both packs shipped in mlops-kit run by default and pass", () => {
    const r = timed("check", () => mlops(["check", "--stack", "dev"]));
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/Packs: mlops-security@\d+\.\d+\.\d+ \(\d+ policies\), mlops-compliance@/);
    expect(r.stdout).toMatch(/, 0 mandatory, /);
    expect(r.code).toBe(0);
  });

  it("GIVEN Pulumi's policy runner THEN it starts the shipped pack from its directory, as `pulumi preview --policy-pack` does", async () => {
    // Pulumi's Node.js host locates @pulumi/pulumi/cmd/run-policy-pack from the pack's directory and
    // runs it there with the engine's address; the pack serves its policies and prints its port.
    const pack = path.join(project, "node_modules", "mlops-kit", "policies", "security");
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [pack] });
    expect(runner.startsWith(path.join(project, "node_modules"))).toBe(true);
    const child: ChildProcess = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: pack, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    try {
      const port = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no port within 60 s; stderr: ${stderr}`)), 60_000);
        child.stdout?.once("data", (d) => {
          clearTimeout(timer);
          resolve(String(d).trim());
        });
        child.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`the pack exited (${code}): ${stderr}`));
        });
      });
      expect(port).toMatch(/^\d+$/);
    } finally {
      if (child.pid !== undefined && child.exitCode === null) child.kill();
    }
  });

  it("GIVEN a policy for GCP and no GCP SDK installed THEN the shipped pack still matches GCP resources (the team's own test, through mlops-kit/testing)", async () => {
    const script = "require('./policy.js').openFirewallViolations().then((v) => console.log(JSON.stringify(v)))";
    const ran = timed("policy-test", () =>
      spawnSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8", timeout: 60_000 }),
    );
    expect(ran.stderr).toBe("");
    expect(JSON.parse(ran.stdout)).toContain("mlops-gcp-compute-firewall-no-public-ingress");
    expect(fs.existsSync(path.join(project, "node_modules", "@pulumi", "gcp"))).toBe(false);
  });

  it("GIVEN the tsconfig of Pulumi's TypeScript template (commonjs, moduleResolution node, no skipLibCheck) THEN the program type-checks with no message", () => {
    const r = timed("tsc-pulumi-template", () => tsc(project));
    expect(r.output).toBe("");
    expect(r.code).toBe(0);
  });

  it.each(["node10", "node16", "bundler"] as const)(
    "GIVEN moduleResolution %s THEN mlops-kit/aws, /gcp, /azure and /testing resolve to their declarations",
    (resolution) => {
      const ts = require(path.join(project, "node_modules", "typescript")) as typeof import("typescript");
      const options = {
        moduleResolution: {
          node10: ts.ModuleResolutionKind.Node10,
          node16: ts.ModuleResolutionKind.Node16,
          bundler: ts.ModuleResolutionKind.Bundler,
        }[resolution],
        module: resolution === "bundler" ? ts.ModuleKind.ESNext : resolution === "node16" ? ts.ModuleKind.Node16 : ts.ModuleKind.CommonJS,
      };
      const from = path.join(project, "index.ts");
      const resolved = Object.fromEntries(
        ["aws", "gcp", "azure", "testing"].map((entry) => [
          entry,
          ts.resolveModuleName(`mlops-kit/${entry}`, from, options, ts.sys).resolvedModule?.resolvedFileName?.slice(project.length + 1),
        ]),
      );
      expect(resolved).toEqual({
        aws: "node_modules/mlops-kit/dist/types/aws.d.ts",
        gcp: "node_modules/mlops-kit/dist/types/gcp.d.ts",
        azure: "node_modules/mlops-kit/dist/types/azure.d.ts",
        testing: "node_modules/mlops-kit/dist/types/testing/index.d.ts",
      });
    },
  );

  it("GIVEN the settings `tsc --init` writes (ES module, exactOptionalPropertyTypes, verbatimModuleSyntax) THEN the program type-checks with no message", () => {
    const r = timed("tsc-init", () => tsc(path.join(project, "esm")));
    expect(r.output).toBe("");
    expect(r.code).toBe(0);
  });
});
