import { type ComponentChanges, changedValue, registerSummariser } from "./summary";
import { ChangeKind, type ResourceChange } from "./types";

/**
 * The library's components, summarised in their own terms. Each next component adds one
 * `registerSummariser("mlops:index:<Type>", ...)` here; unknown components get the generic lines.
 */

const of = (c: ComponentChanges, type: string) => c.changes.filter((x) => x.type === type);

/** How each cloud rolls the fleet when the machine definition changes. */
function fleetLines(c: ComponentChanges): string[] {
  const lines: string[] = [];
  for (const lt of of(c, "aws:ec2/launchTemplate:LaunchTemplate")) {
    c.covered.add(lt);
    lines.push(
      lt.kind === ChangeKind.Replace
        ? `launch template ${lt.name} replaced (rolling instance refresh of the Auto Scaling group)`
        : `launch template ${lt.name}: new version (${lt.inputs.map((i) => i.path).join(", ")}); the Auto Scaling group rolls its instances`,
    );
  }
  for (const t of of(c, "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate")) {
    c.covered.add(t);
    // The group taking the new template is the roll this line describes.
    for (const g of of(c, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager")) {
      if (g.inputs.length === 0 && g.reasons.every((r) => r.includes(`new id of ${t.name},`))) c.covered.add(g);
    }
    lines.push(
      `instance template ${t.name} replaced (${t.inputs
        .map((i) => i.path)
        .slice(0, 4)
        .join(", ")}); the managed instance group rolls its instances`,
    );
  }
  for (const s of of(c, "azure-native:compute:VirtualMachineScaleSet")) {
    const paths = s.inputs.map((i) => i.path).filter((p) => !p.startsWith("sku.capacity"));
    if (paths.length)
      lines.push(`scale set ${s.name} ${s.kind === ChangeKind.Replace ? "replaced" : "model updated"} (${paths.slice(0, 4).join(", ")})`);
  }
  return lines;
}

/** Scaling bounds in one line: `scaling max 3→6`. */
function scalingLines(c: ComponentChanges): string[] {
  const pairs: [string, string, string][] = [
    ["aws:autoscaling/group:Group", "minSize", "scaling min"],
    ["aws:autoscaling/group:Group", "maxSize", "scaling max"],
    ["gcp:compute/regionAutoscaler:RegionAutoscaler", "autoscalingPolicy.minReplicas", "scaling min"],
    ["gcp:compute/regionAutoscaler:RegionAutoscaler", "autoscalingPolicy.maxReplicas", "scaling max"],
    ["azure-native:monitor:AutoscaleSetting", "profiles[0].capacity.minimum", "scaling min"],
    ["azure-native:monitor:AutoscaleSetting", "profiles[0].capacity.maximum", "scaling max"],
  ];
  return pairs.flatMap(([type, path, label]) => changedValue(c, type, path, label) ?? []);
}

/** The load balancer and its TLS, the parts clients see. */
function edgeLines(c: ComponentChanges): string[] {
  const edge = (x: ResourceChange) =>
    /loadBalancer:LoadBalancer|ApplicationGateway|globalForwardingRule|acm\/certificate|managedSslCertificate/.test(x.type) &&
    x.kind !== ChangeKind.Update;
  return c.changes
    .filter(edge)
    .map(
      (x) =>
        `${x.name} ${x.kind === ChangeKind.Create ? "added" : x.kind === ChangeKind.Delete ? "removed" : "replaced"}: the endpoint's address or certificate changes`,
    );
}

registerSummariser("mlops:index:InferenceService", (c) => [...fleetLines(c), ...scalingLines(c), ...edgeLines(c)]);

const SUBNET_TYPES = ["aws:ec2/subnet:Subnet", "gcp:compute/subnetwork:Subnetwork", "azure-native:network:Subnet"];
const NAT_TYPES = ["aws:ec2/natGateway:NatGateway", "gcp:compute/routerNat:RouterNat", "azure-native:network:NatGateway"];

registerSummariser("mlops:index:MlopsVpc", (c) => {
  const lines: string[] = [];
  for (const s of c.changes.filter((x) => SUBNET_TYPES.includes(x.type))) {
    c.covered.add(s);
    const verb = { create: "added", delete: "removed", update: "updated", replace: "replaced (its instances and endpoints move)" }[s.kind];
    lines.push(`subnet ${s.name} ${verb}`);
  }
  for (const n of c.changes.filter((x) => NAT_TYPES.includes(x.type) && x.kind !== ChangeKind.Update)) {
    lines.push(
      `NAT ${n.name} ${n.kind === ChangeKind.Create ? "added" : n.kind === ChangeKind.Delete ? "removed" : "replaced"}: egress addresses change`,
    );
  }
  const vpc = c.changes.find(
    (x) => /ec2\/vpc:Vpc|compute\/network:Network|network:VirtualNetwork/.test(x.type) && x.kind === ChangeKind.Replace,
  );
  if (vpc) lines.unshift(`network ${vpc.name} replaced: everything in it is recreated`);
  return lines;
});

// The five components merged after the network and the service. Child names are `${name}-<part>`:
// lines name the part (`pool gpu`, `feature group transactions`), as the component's spec does.

/** `training-gpu` under `training` -> `gpu`. */
const part = (c: ComponentChanges, x: ResourceChange) => (x.name.startsWith(`${c.name}-`) ? x.name.slice(c.name.length + 1) : x.name);
const VERB_LOST = { create: "added", delete: "removed", replace: "replaced", update: "updated" } as const;

/** One line per create, delete or replace of the given types, with what it costs. */
function lifecycleLines(c: ComponentChanges, types: readonly string[], what: string, cost: string): string[] {
  const lines: string[] = [];
  for (const x of c.changes.filter((y) => types.includes(y.type) && y.kind !== ChangeKind.Update)) {
    c.covered.add(x);
    const lost = x.kind === ChangeKind.Replace || x.kind === ChangeKind.Delete;
    lines.push(`${what} ${part(c, x)} ${VERB_LOST[x.kind]}${lost && cost ? ` (${cost})` : ""}`);
  }
  return lines;
}

const IMAGE_REPOSITORIES = [
  "aws:ecr/repository:Repository",
  "gcp:artifactregistry/repository:Repository",
  "azure-native:containerregistry:Registry",
];
const TRACKING = [
  "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer",
  "gcp:vertex/aiMetadataStore:AiMetadataStore",
  "azure-native:machinelearningservices:Workspace",
];
const MODEL_GROUPS = ["aws:sagemaker/modelPackageGroup:ModelPackageGroup"];

registerSummariser("mlops:index:ModelRegistry", (c) => [
  ...lifecycleLines(c, IMAGE_REPOSITORIES, "image repository", "images lost unless retained"),
  ...lifecycleLines(c, TRACKING, "tracking", "experiment runs and model versions lost unless retained"),
  ...lifecycleLines(c, MODEL_GROUPS, "model group", "its registered versions are lost"),
]);

const FEATURE_GROUPS = [
  "aws:sagemaker/featureGroup:FeatureGroup",
  "gcp:vertex/aiFeatureGroup:AiFeatureGroup",
  "azure-native:machinelearningservices:FeaturesetContainerEntity",
];
const ONLINE_STORES = ["gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore", "azure-native:redis:Redis"];
const OFFLINE_TABLES = ["gcp:bigquery/table:Table", "gcp:bigquery/dataset:Dataset", "aws:glue/catalogDatabase:CatalogDatabase"];

registerSummariser("mlops:index:FeatureStore", (c) => [
  ...lifecycleLines(c, FEATURE_GROUPS, "feature group", "online records dropped"),
  ...lifecycleLines(c, ONLINE_STORES, "online store", "served features dropped until synced again"),
  ...lifecycleLines(c, OFFLINE_TABLES, "offline", "history lost unless retained"),
]);

const CLUSTERS = ["aws:eks/cluster:Cluster", "gcp:container/cluster:Cluster", "azure-native:containerservice:ManagedCluster"];
const POOLS = ["aws:eks/nodeGroup:NodeGroup", "gcp:container/nodePool:NodePool", "azure-native:containerservice:AgentPool"];
/** Where each cloud holds a pool's bounds. */
const POOL_BOUNDS: [string, string, string][] = [
  ["aws:eks/nodeGroup:NodeGroup", "scalingConfig.minSize", "min"],
  ["aws:eks/nodeGroup:NodeGroup", "scalingConfig.maxSize", "max"],
  ["gcp:container/nodePool:NodePool", "autoscaling.totalMinNodeCount", "min"],
  ["gcp:container/nodePool:NodePool", "autoscaling.totalMaxNodeCount", "max"],
  ["azure-native:containerservice:AgentPool", "minCount", "min"],
  ["azure-native:containerservice:AgentPool", "maxCount", "max"],
];

/** `pool gpu scaling max 2→4`, for each pool whose bounds changed in place. */
function poolScalingLines(c: ComponentChanges): string[] {
  const lines: string[] = [];
  for (const p of c.changes.filter((x) => POOLS.includes(x.type) && x.kind === ChangeKind.Update)) {
    const bounds = POOL_BOUNDS.filter(([type]) => type === p.type).flatMap(([, path, label]) => {
      const input = p.inputs.find((i) => i.path === path);
      return input ? [`${label} ${String(input.before)}→${String(input.after)}`] : [];
    });
    if (bounds.length === 0) continue;
    // desiredSize moves with the bounds on EKS: nothing else to say when only these changed.
    if (
      p.inputs.every(
        (i) => POOL_BOUNDS.some(([type, path]) => type === p.type && i.path === path) || i.path === "scalingConfig.desiredSize",
      )
    )
      c.covered.add(p);
    lines.push(`pool ${part(c, p)} scaling ${bounds.join(", ")}`);
  }
  return lines;
}

registerSummariser("mlops:index:TrainingCluster", (c) => [
  ...lifecycleLines(c, CLUSTERS, "cluster", "every pool, team namespace and running job with it"),
  ...lifecycleLines(c, POOLS, "pool", "its nodes are drained and recreated"),
  ...poolScalingLines(c),
  ...lifecycleLines(c, ["kubernetes:core/v1:Namespace"], "team namespace", "its jobs, volumes and secrets deleted"),
]);

const TRUST = [
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider",
  "azure-native:managedidentity:FederatedIdentityCredential",
];

registerSummariser("mlops:index:CiCdPipeline", (c) => [
  ...lifecycleLines(c, TRUST, "GitHub trust", "workflows cannot sign in until it exists again"),
  ...[
    changedValue(c, "aws:scheduler/schedule:Schedule", "scheduleExpression", "retrain schedule"),
    changedValue(c, "gcp:cloudscheduler/job:Job", "schedule", "retrain schedule"),
  ].flatMap((l) => l ?? []),
]);

registerSummariser("mlops:index:MonitoringStack", (c) => [
  ...[
    changedValue(c, "aws:budgets/budget:Budget", "limitAmount", "budget"),
    changedValue(c, "azure-native:consumption:Budget", "amount", "budget"),
  ].flatMap((l) => l ?? []),
  ...c.changes
    .filter((x) => x.type === "aws:sns/topicSubscription:TopicSubscription" && x.kind !== ChangeKind.Update)
    .map((x) => {
      c.covered.add(x);
      return `alert subscription ${part(c, x)} ${VERB_LOST[x.kind]}${x.kind === ChangeKind.Delete ? "" : " (the mailbox confirms it again)"}`;
    }),
]);
