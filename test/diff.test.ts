import {
  ChangeKind,
  DIFF_MARKDOWN_LIMIT,
  diffPlans,
  type Plan,
  type PlanResource,
  type PolicyReport,
  type PolicyViolation,
  policyDelta,
  renderDiffMarkdown,
  renderDiffText,
  synthProject,
} from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers";

// The engine on real plans of the reference stacks, changed the way a pull request would change them.

let awsDev: Plan;
let gcpDev: Plan;
let azureDev: Plan;
beforeAll(async () => {
  awsDev = (await synthProject(ROOT, "aws-dev")).plan;
  gcpDev = (await synthProject(ROOT, "gcp-dev")).plan;
  azureDev = (await synthProject(ROOT, "azure-dev")).plan;
});

const clone = (p: Plan): Plan => structuredClone(p);
function find(p: Plan, type: string, name?: string): PlanResource {
  const r = p.resources.find((x) => x.type === type && (name === undefined || x.name === name));
  if (!r) throw new Error(`no ${type} ${name ?? ""} in the plan`);
  return r;
}

/** Renames a resource and every reference to its URN, as a changed child name would. */
function rename(p: Plan, r: PlanResource, name: string): void {
  const old = r.urn;
  const urn = `${old.slice(0, old.lastIndexOf("::") + 2)}${name}`;
  r.name = name;
  r.urn = urn;
  for (const x of p.resources) {
    if (x.parent === old) x.parent = urn;
    for (const deps of Object.values(x.propertyDependencies)) deps.splice(0, deps.length, ...deps.map((d) => (d === old ? urn : d)));
  }
}

describe("GIVEN two plans of one stack", () => {
  it("WHEN nothing changed THEN the diff is empty and says so", () => {
    const d = diffPlans(awsDev, clone(awsDev));
    expect(d.changes).toEqual([]);
    expect(d.counts.same).toBe(awsDev.resources.length - 1); // the stack itself is not a resource change
    expect(renderDiffText(d)).toContain("No changes.");
  });

  it("WHEN scaling.max is raised on AWS THEN the Auto Scaling group is updated in place and the service says max 3→6", () => {
    const head = clone(awsDev);
    const asg = find(head, "aws:autoscaling/group:Group");
    expect(asg.inputs.maxSize).toBe(3);
    asg.inputs.maxSize = 6;
    const d = diffPlans(awsDev, head);
    expect(d.changes.map((c) => [c.kind, c.name])).toEqual([[ChangeKind.Update, "model-api-asg"]]);
    expect(d.changes[0]?.inputs).toEqual([{ path: "maxSize", before: 3, after: 6, forcesReplace: false }]);
    const api = d.components.find((c) => c.type === "mlops:index:InferenceService");
    expect(api?.lines).toEqual(["scaling max 3→6"]);
    expect(d.dataLoss).toEqual([]);
  });

  it("WHEN a subnet's CIDR changes THEN it is replaced for cidrBlock, and its route table association with it", () => {
    const head = clone(awsDev);
    find(head, "aws:ec2/subnet:Subnet", "platform-private-1").inputs.cidrBlock = "10.0.99.0/24";
    const d = diffPlans(awsDev, head);
    const subnet = d.changes.find((c) => c.name === "platform-private-1" && c.type === "aws:ec2/subnet:Subnet");
    expect(subnet?.kind).toBe(ChangeKind.Replace);
    expect(subnet?.reasons[0]).toContain("`cidrBlock` changed; the provider cannot update it in place");
    expect(subnet?.reasons[0]).toContain("vpc_subnet.go");
    const association = d.changes.find((c) => c.type === "aws:ec2/routeTableAssociation:RouteTableAssociation");
    expect(association?.kind).toBe(ChangeKind.Replace);
    expect(association?.reasons[0]).toContain("`subnetId` comes from platform-private-1, which is replaced");
    const vpc = d.components.find((c) => c.type === "mlops:index:MlopsVpc");
    expect(vpc?.lines[0]).toBe("subnet platform-private-1 replaced (its instances and endpoints move)");
  });

  it("WHEN a stateful child is renamed THEN it is paired as one replacement, flagged first as data loss, with the alias advice", () => {
    const head = clone(awsDev);
    rename(head, find(head, "aws:s3/bucket:Bucket", "model-api-lb-logs"), "model-api-access-logs");
    const d = diffPlans(awsDev, head);
    const bucket = d.changes[0];
    expect(bucket?.kind).toBe(ChangeKind.Replace);
    expect(bucket?.name).toBe("model-api-access-logs");
    expect(bucket?.previousUrn).toMatch(/::model-api-lb-logs$/);
    expect(bucket?.reasons[0]).toMatch(/^renamed from model-api-lb-logs: would replace; add an alias/);
    expect(d.dataLoss).toEqual([
      expect.objectContaining({ name: "model-api-access-logs", kind: ChangeKind.Replace, stoppedBy: "nothing" }),
    ]);
    expect(d.counts.delete).toBe(0);
    expect(renderDiffMarkdown(d).indexOf("Data loss")).toBeLessThan(renderDiffMarkdown(d).indexOf("Components"));
  });

  it.each([
    [{ protect: true, retainOnDelete: false }, "protect"],
    [{ protect: false, retainOnDelete: true }, "retainOnDelete"],
  ] as const)("WHEN a stateful resource with %j is deleted THEN the data-loss entry says %s stops it", (options, by) => {
    const base = clone(awsDev);
    Object.assign(find(base, "aws:kms/key:Key", "platform-flow-logs"), options);
    const head = clone(base);
    head.resources = head.resources.filter((r) => r.name !== "platform-flow-logs" || r.type !== "aws:kms/key:Key");
    const d = diffPlans(base, head);
    expect(d.dataLoss).toHaveLength(1);
    expect(d.dataLoss[0]).toMatchObject({ kind: ChangeKind.Delete, type: "aws:kms/key:Key", stoppedBy: by });
  });

  it("WHEN a zone's subnet is added on GCP-less AWS layout THEN the network says subnet added, not a rename of its sibling", () => {
    const head = clone(awsDev);
    const sibling = find(head, "aws:ec2/subnet:Subnet", "platform-private-1");
    const added = structuredClone(sibling);
    rename({ ...head, resources: [added] }, added, "platform-private-2");
    head.resources.push(added);
    const d = diffPlans(awsDev, head);
    expect(d.changes.map((c) => [c.kind, c.name])).toEqual([[ChangeKind.Create, "platform-private-2"]]);
    expect(d.components.find((c) => c.type === "mlops:index:MlopsVpc")?.lines).toEqual(["subnet platform-private-2 added"]);
  });

  it("WHEN the GCP instance template changes THEN it is replaced and the service says the group rolls", () => {
    const head = clone(gcpDev);
    const template = find(head, "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate");
    template.inputs.machineType = "n2-standard-8";
    const d = diffPlans(gcpDev, head);
    expect(d.changes.find((c) => c.urn === template.urn)?.kind).toBe(ChangeKind.Replace);
    const lines = d.components.find((c) => c.type === "mlops:index:InferenceService")?.lines ?? [];
    expect(lines[0]).toMatch(/^instance template model-api-template replaced \(machineType\); the managed instance group rolls/);
    // The group takes the new template's id: an update Pulumi shows, though both plans hold the mock id.
    const group = d.changes.find((c) => c.type === "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager");
    expect(group?.kind).toBe(ChangeKind.Update);
    expect(group?.reasons).toEqual(["`versions` takes the new id of model-api-template, which is replaced"]);
    expect(lines).toHaveLength(1);
  });

  it("WHEN the Azure autoscale maximum changes THEN it is an update summarised as scaling max", () => {
    const head = clone(azureDev);
    const setting = find(head, "azure-native:monitor:AutoscaleSetting");
    const [profile] = setting.inputs.profiles as { capacity: { maximum: string } }[];
    if (!profile) throw new Error("the autoscale setting has no profile");
    profile.capacity.maximum = "5";
    const d = diffPlans(azureDev, head);
    expect(d.changes.map((c) => c.kind)).toEqual([ChangeKind.Update]);
    expect(d.components[0]?.lines).toEqual(["scaling max 3→5"]);
  });

  it("WHEN a location changes on Azure THEN the resource group is replaced, as data loss of everything in it", () => {
    const head = clone(azureDev);
    find(head, "azure-native:resources:ResourceGroup").inputs.location = "westeurope";
    const d = diffPlans(azureDev, head);
    expect(d.dataLoss.map((l) => l.type)).toContain("azure-native:resources:ResourceGroup");
    // Everything whose resourceGroupName comes from it is replaced too.
    expect(d.counts.replace).toBeGreaterThan(10);
  });
});

describe("GIVEN the platform's other five components, changed the way a pull request would", () => {
  const linesOf = (d: ReturnType<typeof diffPlans>, type: string) =>
    d.components.find((c) => c.type === `mlops:index:${type}`)?.lines ?? [];

  it.each([
    ["aws", "aws:eks/nodeGroup:NodeGroup", "scalingConfig"],
    ["gcp", "gcp:container/nodePool:NodePool", "autoscaling"],
  ] as const)(
    "WHEN the GPU pool's maximum is raised on %s THEN the pool is updated in place and the cluster says max 2→4",
    (cloud, type, block) => {
      const base = cloud === "aws" ? awsDev : gcpDev;
      const head = clone(base);
      const bounds = find(head, type, "training-gpu").inputs[block] as Record<string, number>;
      const key = cloud === "aws" ? "maxSize" : "totalMaxNodeCount";
      expect(bounds[key]).toBe(2);
      bounds[key] = 4;
      const d = diffPlans(base, head);
      expect(d.changes.map((c) => [c.kind, c.name])).toEqual([[ChangeKind.Update, "training-gpu"]]);
      expect(linesOf(d, "TrainingCluster")).toEqual(["pool gpu scaling max 2→4"]);
    },
  );

  it("WHEN the AKS GPU pool's maxCount is raised THEN the cluster says max 2→4", () => {
    const head = clone(azureDev);
    find(head, "azure-native:containerservice:AgentPool", "training-gpu").inputs.maxCount = 4;
    expect(linesOf(diffPlans(azureDev, head), "TrainingCluster")).toEqual(["pool gpu scaling max 2→4"]);
  });

  it("WHEN the registry's image repository is renamed on AWS THEN it is replaced, flagged as data loss, and the registry says images are lost", () => {
    const head = clone(awsDev);
    const repo = find(head, "aws:ecr/repository:Repository", "models-images");
    repo.inputs.name = `${String(repo.inputs.name)}-v2`;
    const d = diffPlans(awsDev, head);
    expect(d.changes.find((c) => c.urn === repo.urn)?.kind).toBe(ChangeKind.Replace);
    expect(d.dataLoss.map((l) => l.name)).toContain("models-images");
    expect(linesOf(d, "ModelRegistry")[0]).toBe("image repository images replaced (images lost unless retained)");
  });

  it("WHEN a feature group's event time column changes on AWS THEN it is replaced and the store says its online records are dropped", () => {
    const head = clone(awsDev);
    find(head, "aws:sagemaker/featureGroup:FeatureGroup", "features-transactions").inputs.eventTimeFeatureName = "event_at";
    const d = diffPlans(awsDev, head);
    expect(d.dataLoss.map((l) => l.name)).toEqual(["features-transactions"]);
    // The policies that name the group's ARN take the new one.
    expect(linesOf(d, "FeatureStore")).toEqual([
      "feature group transactions replaced (online records dropped)",
      "policy features-online-reader updated",
      "policy features-writer updated",
    ]);
  });

  it("WHEN the retraining schedule moves on GCP THEN the delivery says retrain schedule before→after", () => {
    const head = clone(gcpDev);
    const job = find(head, "gcp:cloudscheduler/job:Job", "delivery-retrain");
    expect(job.inputs.schedule).toBe("0 3 * * MON");
    job.inputs.schedule = "0 4 * * MON";
    const d = diffPlans(gcpDev, head);
    expect(linesOf(d, "CiCdPipeline")).toEqual(["retrain schedule 0 3 * * MON→0 4 * * MON"]);
  });

  it("WHEN the monthly budget is raised on Azure THEN the monitoring stack says budget 1000→5000", () => {
    const head = clone(azureDev);
    find(head, "azure-native:consumption:Budget", "observability-budget").inputs.amount = 5000;
    const d = diffPlans(azureDev, head);
    expect(d.changes.map((c) => c.kind)).toEqual([ChangeKind.Update]);
    expect(linesOf(d, "MonitoringStack")).toEqual(["budget 1000→5000"]);
  });
});

describe("GIVEN a diff too long for a pull request comment", () => {
  it("WHEN rendered as markdown THEN it stays under the limit and says how many changes were left out", () => {
    const head = clone(awsDev);
    for (const r of head.resources) if (r.custom) r.inputs.description = "x".repeat(100);
    const d = diffPlans(awsDev, head);
    expect(d.changes.length).toBeGreaterThan(20);
    const text = renderDiffMarkdown(d, 5_000);
    expect(text.length).toBeLessThanOrEqual(5_000);
    expect(text).toMatch(/_\d+ more changed resources not shown/);
    expect(renderDiffMarkdown(d).length).toBeLessThanOrEqual(DIFF_MARKDOWN_LIMIT);
  });
});

describe("GIVEN the policy reports of both plans", () => {
  const violation = (policyName: string, urn: string): PolicyViolation => ({
    policyPack: "security",
    policyPackVersion: "1",
    policyName,
    description: "d",
    detail: `${policyName} detail`,
    message: "m",
    enforcementLevel: "mandatory",
    urn,
    name: urn.split("::").pop() ?? "",
    kind: "resource",
  });
  const report = (violations: PolicyViolation[]): PolicyReport => ({
    project: "p",
    stack: "s",
    packs: [],
    policies: 2,
    resources: 2,
    violations,
    mandatory: violations.length,
    advisory: 0,
    notApplicable: [],
  });
  it("WHEN a violation appears and another goes THEN the delta lists one added and one removed", () => {
    const d = policyDelta(
      report([violation("a", "u::x"), violation("b", "u::y")]),
      report([violation("a", "u::x"), violation("c", "u::y")]),
    );
    expect(d.added.map((v) => v.policyName)).toEqual(["c"]);
    expect(d.removed.map((v) => v.policyName)).toEqual(["b"]);
    expect(d.added[0]?.message).toBe("c detail");
  });
});
