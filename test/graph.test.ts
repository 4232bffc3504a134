import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { mlops, ROOT } from "./helpers";

/** The ```mermaid block of the README's "Drawing the platform" section. */
function readmeDiagram(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.split("\n## Drawing the platform\n")[1]?.split("\n## ")[0] ?? "";
  const block = /```mermaid\n([\s\S]*?)```/.exec(section);
  expect(block, "a mermaid block in the README's Drawing the platform section").not.toBeNull();
  return block?.[1] ?? "";
}

describe("mlops graph on the reference platform", () => {
  it("GIVEN aws-dev THEN the exact wiring: the network feeds the service and the cluster, the registry three, the service two", () => {
    const r = mlops(["graph", "--stack", "aws-dev", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const graph = JSON.parse(r.stdout) as {
      nodes: { id: string; kind: string; resources: number; parent?: string }[];
      edges: { from: string; to: string; label: string }[];
    };
    expect(graph.nodes.map((n) => `${n.kind} ${n.id}`)).toEqual([
      "FeatureStore c_features",
      "MlopsVpc c_platform",
      "ModelRegistry c_models",
      "InferenceService c_model_api",
      "CiCdPipeline c_delivery",
      "MonitoringStack c_observability",
      "TrainingCluster c_training",
      "MlopsPlatform c_platform_2",
    ]);
    // The platform owns nothing itself: its seven parts sit inside it and own the resources.
    for (const n of graph.nodes.filter((n) => n.kind !== "MlopsPlatform")) {
      expect(n.resources, n.id).toBeGreaterThan(0);
      expect(n.parent, n.id).toBe("c_platform_2");
    }
    expect(graph.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`)).toEqual([
      "c_features -> c_observability: feature store: metrics",
      "c_features -> c_training: feature store: access",
      "c_platform -> c_model_api: network: subnets, VPC",
      "c_platform -> c_training: network: subnets",
      "c_models -> c_model_api: registry: access",
      "c_models -> c_delivery: registry: access",
      "c_models -> c_training: registry: access",
      "c_model_api -> c_delivery: service info: access",
      "c_model_api -> c_observability: service info: metrics, health check",
    ]);
  });

  it("GIVEN aws-dev THEN plan --format mermaid prints the README's diagram, and graph prints the same", () => {
    const plan = mlops(["plan", "--stack", "aws-dev", "--format", "mermaid"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/^flowchart LR\n/);
    expect(readmeDiagram()).toBe(plan.stdout);
    expect(mlops(["graph", "--stack", "aws-dev"]).stdout).toBe(plan.stdout);
  });

  it.each([
    [["graph", "--stack", "aws-dev", "--format", "svg"], "--format must be one of mermaid, json"],
    [["plan", "--stack", "aws-dev", "--format", "dot"], "--format must be one of tree, json, mermaid"],
    [["plan", "--stack", "aws-dev", "--json", "--format", "mermaid"], "--json and --format mermaid disagree"],
  ])("GIVEN %j THEN exit 2 naming --format", (args, message) => {
    const r = mlops(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });
});
