import { spawnSync } from "node:child_process";
import { descendantsOf, type Plan, synthProject } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, STACKS } from "./helpers";

// The resource types each cloud's network must contain, at least.
const NETWORK_TYPES: Record<string, string[]> = {
  aws: [
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/flowLog:FlowLog",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2/internetGateway:InternetGateway",
  ],
  gcp: ["gcp:compute/network:Network", "gcp:compute/subnetwork:Subnetwork", "gcp:compute/router:Router", "gcp:compute/routerNat:RouterNat"],
  azure: [
    "azure-native:resources:ResourceGroup",
    "azure-native:network:VirtualNetwork",
    "azure-native:network:Subnet",
    "azure-native:network:NetworkSecurityGroup",
    "azure-native:network:NatGateway",
  ],
};

describe.each(STACKS)("stack %s", (stack) => {
  const cloud = stack.split("-")[0] as string;
  let plan: Plan;
  beforeAll(async () => {
    plan = (await synthProject(ROOT, stack)).plan;
  });

  it("THEN it plans on its cloud, with the network of that cloud", () => {
    expect(plan.cloud).toBe(cloud);
    const types = new Set(plan.resources.map((r) => r.type));
    for (const t of NETWORK_TYPES[cloud] ?? []) expect(types, t).toContain(t);
  });

  it("THEN every cloud resource is parented under a component: the network, the model API or its monitoring", () => {
    const vpc = plan.resources.find((r) => r.type === "mlops:index:MlopsVpc");
    const api = plan.resources.find((r) => r.type === "mlops:index:InferenceService");
    const monitoring = plan.resources.find((r) => r.type === "mlops:index:MonitoringStack");
    expect(vpc?.urn).toBe(`urn:pulumi:${stack}::mlops-platform::mlops:index:MlopsVpc::platform`);
    expect(api?.urn).toBe(`urn:pulumi:${stack}::mlops-platform::mlops:index:InferenceService::model-api`);
    expect(monitoring?.urn).toBe(`urn:pulumi:${stack}::mlops-platform::mlops:index:MonitoringStack::observability`);
    const underVpc = descendantsOf(plan, vpc?.urn ?? "").filter((r) => r.custom);
    const underApi = descendantsOf(plan, api?.urn ?? "").filter((r) => r.custom);
    const underMonitoring = descendantsOf(plan, monitoring?.urn ?? "").filter((r) => r.custom);
    expect(underVpc.length).toBeGreaterThan(10);
    expect(underApi.length).toBeGreaterThan(5);
    expect(underMonitoring.length).toBeGreaterThan(8);
    expect(underVpc.length + underApi.length + underMonitoring.length).toBe(plan.resources.filter((r) => r.custom).length);
  });

  it("THEN the model API is served over HTTPS", () => {
    expect(String(plan.outputs.modelApiUrl)).toMatch(/^https:\/\//);
  });

  it("THEN the profile shows: prod spans 3 zones, dev 2", () => {
    const zones = (plan.outputs.networkInfo as { zones: string[] }).zones;
    expect(zones).toHaveLength(stack.endsWith("prod") ? 3 : 2);
  });
});

describe("cloud isolation", () => {
  // A fresh process per cloud: the test runner's own process has every SDK loaded by now.
  it.each([
    ["aws-dev", ["@pulumi/gcp", "@pulumi/azure-native"]],
    ["gcp-dev", ["@pulumi/aws", "@pulumi/azure-native"]],
    ["azure-dev", ["@pulumi/aws", "@pulumi/gcp"]],
  ])("GIVEN %s THEN the program never loads %j", (stack, others) => {
    const script = `
      require("@mlops-kit/testing/register");
      const { synthProject } = require("./packages/testing/src");
      synthProject(${JSON.stringify(ROOT)}, ${JSON.stringify(stack)}).then(({ plan }) => {
        const loaded = Object.keys(require.cache).filter((k) => k.includes("/node_modules/@pulumi/"));
        console.log(JSON.stringify({ resources: plan.resources.length, loaded }));
      });`;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const { resources, loaded } = JSON.parse(r.stdout) as { resources: number; loaded: string[] };
    expect(resources).toBeGreaterThan(10);
    for (const sdk of others) expect(loaded.filter((k) => k.includes(`/node_modules/${sdk}/`))).toEqual([]);
    const own = { "aws-dev": "@pulumi/aws", "gcp-dev": "@pulumi/gcp", "azure-dev": "@pulumi/azure-native" }[stack] ?? "";
    expect(loaded.some((k) => k.includes(`/node_modules/${own}/`))).toBe(true);
  });
});
