import * as fs from "node:fs";
import * as path from "node:path";
import { listStacks, REPLACE_INPUTS, STATEFUL_TYPES, synthProject } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, STACKS } from "./helpers";

// `mlops diff` says a change replaces a resource only if the replace-inputs table has its type's row:
// every type the reference stacks and the examples create must have one.

const projects: [string, string[]][] = [
  [ROOT, [...STACKS]],
  ...fs
    .readdirSync(path.join(ROOT, "examples"))
    .map((d) => path.join(ROOT, "examples", d))
    .filter((d) => fs.existsSync(path.join(d, "Pulumi.yaml")))
    .map((d): [string, string[]] => [d, listStacks(d)]),
];

describe("GIVEN every stack of the reference platform and of the examples", () => {
  const types = new Map<string, string>();
  beforeAll(async () => {
    for (const [dir, stacks] of projects) {
      for (const stack of stacks) {
        const { plan } = await synthProject(dir, stack);
        for (const r of plan.resources)
          if (r.custom && !types.has(r.type)) types.set(r.type, `${path.relative(ROOT, dir) || "."} ${stack}`);
      }
    }
  }, 240_000);

  it("WHEN their resource types are listed THEN each has a row in packages/testing/src/diff/replace-inputs.ts", () => {
    expect(types.size).toBeGreaterThan(50);
    const missing = [...types].filter(([t]) => !(t in REPLACE_INPUTS)).map(([t, where]) => `${t} (created in ${where})`);
    expect(missing, `add a row (inputs that force replacement, with the provider source) for:\n  ${missing.join("\n  ")}`).toEqual([]);
  });

  it("WHEN the table is read THEN every row names its source, and its inputs are distinct", () => {
    const rows = Object.entries(REPLACE_INPUTS);
    expect(rows.length).toBeGreaterThan(50);
    for (const [type, rule] of rows) {
      expect(rule.source, type).toMatch(
        type.startsWith("kubernetes:") || type === "pulumi:providers:kubernetes"
          ? /Kubernetes API|pulumi\/pulumi-kubernetes/
          : /terraform-provider-(aws|google)|azure-native/,
      );
      expect(new Set(rule.inputs).size, type).toBe(rule.inputs.length);
    }
  });

  it("WHEN the stateful types are listed THEN the stacks' buckets, keys, log groups and resource groups are among them", () => {
    for (const t of [
      "aws:s3/bucket:Bucket",
      "aws:kms/key:Key",
      "aws:cloudwatch/logGroup:LogGroup",
      "azure-native:resources:ResourceGroup",
    ]) {
      expect(types.has(t), t).toBe(true);
      expect(STATEFUL_TYPES).toContain(t);
    }
  });
});

/**
 * The SDK declaration of a type token's resource: `aws:ec2/subnet:Subnet` -> @pulumi/aws/ec2/subnet.d.ts,
 * `kubernetes:networking.k8s.io/v1:NetworkPolicy` -> @pulumi/kubernetes/networking/v1/networkPolicy.d.ts,
 * `pulumi:providers:kubernetes` -> @pulumi/kubernetes/provider.d.ts.
 */
function declarationOf(type: string): string {
  const [pkg = "", module = "", cls = ""] = type.split(":");
  if (pkg === "pulumi" && module === "providers") return path.join(ROOT, "node_modules", "@pulumi", cls, "provider.d.ts");
  if (pkg === "kubernetes") {
    const [group = "", version = ""] = module.split("/");
    return path.join(
      ROOT,
      "node_modules",
      "@pulumi",
      pkg,
      group.split(".")[0] ?? group,
      version,
      `${cls.replace(/^./, (c) => c.toLowerCase())}.d.ts`,
    );
  }
  const file = module.includes("/") ? module : `${module}/${type.slice(type.lastIndexOf(":") + 1).replace(/^./, (c) => c.toLowerCase())}`;
  const exact = path.join(ROOT, "node_modules", "@pulumi", pkg, `${file}.d.ts`);
  if (fs.existsSync(exact)) return exact;
  // Tokens such as `compute/sSLPolicy` live in lower-cased files (sslpolicy.d.ts).
  const dir = path.dirname(exact);
  const found = fs.readdirSync(dir).find((f) => f.toLowerCase() === path.basename(exact).toLowerCase());
  return path.join(dir, found ?? path.basename(exact));
}

/** `aws:ec2/subnet:Subnet` -> SubnetArgs; a provider's is ProviderArgs. */
const argsInterfaceOf = (type: string) =>
  type.startsWith("pulumi:providers:") ? "ProviderArgs" : `${type.slice(type.lastIndexOf(":") + 1)}Args`;

describe("GIVEN the replace-inputs table", () => {
  it("WHEN each input is looked up in its SDK's Args THEN it is a real input name (a misspelt one would never match a change)", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [type, rule] of Object.entries(REPLACE_INPUTS)) {
      const text = fs.readFileSync(declarationOf(type), "utf8");
      const args = text.slice(text.indexOf(`export interface ${argsInterfaceOf(type)} {`));
      for (const input of rule.inputs.filter((i) => i !== "*")) {
        const top = input.split(".")[0] ?? "";
        checked++;
        if (!new RegExp(`^\\s+(readonly )?${top}\\??:`, "m").test(args)) wrong.push(`${type}: ${top}`);
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(wrong).toEqual([]);
  });
});
