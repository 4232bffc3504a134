import { describe, expect, it } from "vitest";
import type { PlanResource } from "../plan";
import { planOf, planResource, ref } from "../policy-fixtures";
import { platformGraph } from "./graph";
import { escapeMermaid, renderMermaid } from "./mermaid";

const STACK = "urn:pulumi:test::test::pulumi:pulumi:Stack::test-test";
const stack = planResource("pulumi:pulumi:Stack", "test-test", {}, { urn: STACK });
const component = (kind: string, name: string) => planResource(`mlops:index:${kind}`, name, {}, { parent: STACK });
const child = (parent: PlanResource, type: string, name: string, inputs: Record<string, unknown> = {}, extra: Partial<PlanResource> = {}) =>
  planResource(type, name, inputs, { parent: parent.urn, ...extra });

/** A network, a service on its subnets, and a dashboard that waits on the service only through dependsOn. */
function wiredPlan() {
  const net = component("MlopsVpc", "core");
  const subnet = child(net, "aws:ec2/subnet:Subnet", "core-private-0");
  const vpc = child(net, "aws:ec2/vpc:Vpc", "core");
  const api = component("InferenceService", "api");
  const group = child(api, "aws:autoscaling/group:Group", "api-asg", { vpcZoneIdentifiers: ref(subnet) });
  const sg = child(api, "aws:ec2/securityGroup:SecurityGroup", "api-sg", { vpcId: ref(vpc) });
  const watch = component("MonitoringStack", "watch");
  const board = child(watch, "aws:cloudwatch/dashboard:Dashboard", "watch", {}, { dependsOn: [group.urn], dependencies: [group.urn] });
  // Listed first in the plan: the graph still puts what it depends on before it.
  return planOf([stack, watch, board, api, group, sg, net, subnet, vpc]);
}

describe("platformGraph", () => {
  it("GIVEN a service on a network's subnets THEN one edge network → service, labelled from the input names", () => {
    const g = platformGraph(wiredPlan());
    expect(g.edges).toEqual([
      { from: "c_core", to: "c_api", label: "network: subnets, VPC", properties: ["Group.vpcZoneIdentifiers", "SecurityGroup.vpcId"] },
      { from: "c_api", to: "c_watch", label: "service info", properties: ["dependsOn"] },
    ]);
  });

  it("GIVEN components listed out of order THEN nodes come depended-on first, each with its own cloud resource count", () => {
    const g = platformGraph(wiredPlan());
    expect(g.nodes.map((n) => [n.id, n.kind, n.name, n.resources])).toEqual([
      ["c_core", "MlopsVpc", "core", 2],
      ["c_api", "InferenceService", "api", 2],
      ["c_watch", "MonitoringStack", "watch", 1],
    ]);
  });

  it("GIVEN a component nested in another THEN its resources count for it alone and the wiring between them is an edge", () => {
    const outer = component("TrainingCluster", "outer");
    const inner = planResource("mlops:index:MlopsVpc", "inner", {}, { parent: outer.urn });
    const subnet = child(inner, "aws:ec2/subnet:Subnet", "inner-0");
    const cluster = child(outer, "aws:eks/cluster:Cluster", "outer", { vpcConfig: ref(subnet) });
    const g = platformGraph(planOf([stack, outer, inner, subnet, cluster]));
    expect(g.nodes.map((n) => [n.name, n.resources])).toEqual([
      ["inner", 1],
      ["outer", 1],
    ]);
    expect(g.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`)).toEqual(["c_inner -> c_outer: network: subnets"]);
  });

  it("GIVEN parts of an MlopsPlatform THEN each names the platform as parent and the diagram draws the platform as a subgraph around them", () => {
    const platform = component("MlopsPlatform", "ml");
    const net = planResource("mlops:index:MlopsVpc", "core", {}, { parent: platform.urn });
    const subnet = child(net, "aws:ec2/subnet:Subnet", "core-0");
    const api = planResource("mlops:index:InferenceService", "api", {}, { parent: platform.urn });
    const group = child(api, "aws:autoscaling/group:Group", "api-asg", { vpcZoneIdentifiers: ref(subnet) });
    const g = platformGraph(planOf([stack, platform, net, subnet, api, group]));
    expect(g.nodes.map((n) => [n.id, n.parent])).toEqual([
      ["c_ml", undefined],
      ["c_core", "c_ml"],
      ["c_api", "c_ml"],
    ]);
    expect(renderMermaid(g)).toBe(
      [
        "flowchart LR",
        '  subgraph c_ml["MlopsPlatform ml"]',
        '    c_core["MlopsVpc core<br/>1 resource"]',
        '    c_api["InferenceService api<br/>1 resource"]',
        "  end",
        '  c_core -->|"network: subnets"| c_api',
        "",
      ].join("\n"),
    );
  });

  it("GIVEN dependencies inside one component or on the stack's own resources THEN no edge", () => {
    const loose = planResource("aws:s3/bucket:Bucket", "loose", {}, { parent: STACK });
    const net = component("MlopsVpc", "core");
    const vpc = child(net, "aws:ec2/vpc:Vpc", "core", { bucket: ref(loose) });
    const subnet = child(net, "aws:ec2/subnet:Subnet", "core-0", { vpcId: ref(vpc) });
    const g = platformGraph(planOf([stack, loose, net, vpc, subnet]));
    expect(g.nodes).toHaveLength(1);
    expect(g.edges).toEqual([]);
  });

  it("GIVEN names that collide once made mermaid-safe and a kind the labels do not know THEN unique ids and the kind as label", () => {
    const a = component("Custom", "a-b");
    const b = planResource("mlops:index:Other", "a-b", {}, { parent: STACK });
    const r = child(a, "aws:sns/topic:Topic", "t");
    const s = child(b, "aws:sns/topicSubscription:TopicSubscription", "s", { topic: ref(r) });
    const g = platformGraph(planOf([stack, a, b, r, s]));
    expect(g.nodes.map((n) => n.id)).toEqual(["c_a_b", "c_a_b_2"]);
    expect(g.edges).toEqual([{ from: "c_a_b", to: "c_a_b_2", label: "Custom", properties: ["TopicSubscription.topic"] }]);
  });

  it("GIVEN a plan with no components THEN no nodes, no edges, and a diagram that says so", () => {
    const bucket = planResource("aws:s3/bucket:Bucket", "data", {}, { parent: STACK });
    const g = platformGraph(planOf([stack, bucket], { project: "shop", stack: "dev" }));
    expect(g).toEqual({ version: 1, project: "shop", stack: "dev", nodes: [], edges: [] });
    expect(renderMermaid(g)).toBe('flowchart LR\n  none["shop/dev: no mlops-kit components"]\n');
  });
});

describe("renderMermaid", () => {
  it("GIVEN the wired plan THEN a left-to-right flowchart: one box per component, one labelled arrow per edge", () => {
    expect(renderMermaid(platformGraph(wiredPlan()))).toBe(
      [
        "flowchart LR",
        '  c_core["MlopsVpc core<br/>2 resources"]',
        '  c_api["InferenceService api<br/>2 resources"]',
        '  c_watch["MonitoringStack watch<br/>1 resource"]',
        '  c_core -->|"network: subnets, VPC"| c_api',
        '  c_api -->|"service info"| c_watch',
        "",
      ].join("\n"),
    );
  });

  it.each([
    ['say "hi"', "say #34;hi#34;"],
    ["a|b", "a#124;b"],
    ["<b>x</b>", "#60;b#62;x#60;/b#62;"],
    ["#quot; & `md`", "#35;quot; #38; #96;md#96;"],
    ["two\nlines", "two lines"],
    ["plain-name_1", "plain-name_1"],
  ])("GIVEN %j THEN escaped as %j", (text, escaped) => {
    expect(escapeMermaid(text)).toBe(escaped);
  });

  it("GIVEN a project name with a quote and a pipe THEN the label cannot end early", () => {
    const text = renderMermaid(platformGraph(planOf([stack], { project: 'x"]|y', stack: "dev" })));
    expect(text).toBe('flowchart LR\n  none["x#34;]#124;y/dev: no mlops-kit components"]\n');
  });
});
