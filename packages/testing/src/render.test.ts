import { describe, expect, it } from "vitest";
import type { Plan, PlanResource } from "./plan";
import { countByType, renderTree } from "./render";

const r = (urn: string, type: string, name: string, parent?: string): PlanResource => ({
  urn,
  type,
  name,
  custom: !type.startsWith("pulumi:") && !type.startsWith("mlops:"),
  dependsOn: [],
  dependencies: [],
  propertyDependencies: {},
  inputs: {},
  protect: false,
  retainOnDelete: false,
  ...(parent ? { parent } : {}),
});

const plan: Plan = {
  version: 1,
  project: "p",
  stack: "s",
  outputs: {},
  resources: [
    r("s", "pulumi:pulumi:Stack", "p-s"),
    r("c", "mlops:index:MlopsVpc", "core", "s"),
    r("v", "aws:ec2/vpc:Vpc", "core", "c"),
    r("n", "aws:ec2/subnet:Subnet", "core-public-0", "c"),
    r("m", "aws:ec2/subnet:Subnet", "core-public-1", "c"),
  ],
};

describe("renderTree", () => {
  it("indents each resource under its parent like pulumi preview", () => {
    expect(renderTree(plan)).toBe(
      [
        "Type                         Name",
        "pulumi:pulumi:Stack          p-s",
        "└─ mlops:index:MlopsVpc      core",
        "   ├─ aws:ec2/vpc:Vpc        core",
        "   ├─ aws:ec2/subnet:Subnet  core-public-0",
        "   └─ aws:ec2/subnet:Subnet  core-public-1",
      ].join("\n"),
    );
  });

  it("counts resources per type, most first", () => {
    expect(countByType(plan)[0]).toEqual(["aws:ec2/subnet:Subnet", 2]);
  });
});
