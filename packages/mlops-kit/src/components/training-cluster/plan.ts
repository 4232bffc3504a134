import type { Overrides } from "../../core/backend";
import { chooseCompute } from "../../core/catalog/compute";
import type { GpuType } from "../../core/catalog/gpu";
import { byCloud, type CloudId, type Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError, type SpecIssue, UnsupportedError } from "../../core/errors";
import { cloudwatchRetentionDays, keyDeletionWindowDays, LOG_ANALYTICS_RETENTION_DAYS } from "../../core/logs";
import { physicalName } from "../../core/naming";
import type { Tags } from "../../core/tags";
import { clusterAutoscalerImageTag, type HelmReleasePlan, helmReleases } from "./charts";
import type { OVERRIDE_ROLES, PoolSpec, ReleaseChannel, TaintEffect, TrainingClusterSpec } from "./spec";

/** The component's name in errors. */
export const TYPE = "TrainingCluster";

/** The taint every GPU pool gets unless the spec gives its own: only pods that tolerate it land there. */
export const GPU_TAINT = { key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" } as const;

export interface TaintPlan {
  key: string;
  value: string;
  effect: TaintEffect;
}

export interface PoolPlan {
  name: string;
  /** EC2 instance type, GCE machine type or Azure VM size, from the neutral catalog. */
  machineType: string;
  gpu: { type: GpuType; count: number } | undefined;
  /** GCE only: the accelerator attached to an N1 machine; absent when the GPUs are built in. */
  accelerator: string | undefined;
  min: number;
  max: number;
  spot: boolean;
  diskGiB: number;
  labels: Record<string, string>;
  taints: TaintPlan[];
}

export interface TeamPlan {
  name: string;
  /** The team's namespace, and its service account's name in it. */
  namespace: string;
  serviceAccount: string;
  quota: { gpus: number; cpu: number; memoryGiB: number };
  access: { registry: boolean; featureStore: boolean };
}

export interface TrainingClusterPlan {
  name: string;
  cloud: CloudId;
  profile: Profile;
  /** Kubernetes minor version, "1.35". */
  version: string;
  endpoint: { public: boolean; authorizedCidrs: string[] };
  system: { machineType: string; count: number; diskGiB: number };
  pools: PoolPlan[];
  teams: TeamPlan[];
  /** Helm releases, each with a pinned chart version. */
  helm: HelmReleasePlan[];
  logRetentionDays: number;
  /** The cloud's deletion protection on the cluster, and `retainOnDelete` on it. */
  deletionProtection: boolean;
  tags: Tags;
  aws: {
    clusterName: string;
    /** EKS writes control-plane logs to `/aws/eks/<cluster>/cluster` (EKS "Control plane logs"). */
    logGroupName: string;
    logRetentionDays: number;
    keyDeletionWindowDays: number;
    /** IAM role names of the team identities (64 characters at most). */
    teamRoleNames: Record<string, string>;
    /** The cluster autoscaler's image tag: the cluster's minor version, at its latest known patch. */
    autoscalerImageTag: string;
    overrides: Overrides<(typeof OVERRIDE_ROLES)["aws"][number]>;
  };
  gcp: {
    clusterName: string;
    releaseChannel: ReleaseChannel;
    nodeServiceAccountId: string;
    teamServiceAccountIds: Record<string, string>;
    overrides: Overrides<(typeof OVERRIDE_ROLES)["gcp"][number]>;
  };
  azure: {
    /** The API server's DNS prefix: 1-54 letters, digits and hyphens (AKS ManagedCluster `dnsPrefix`). */
    dnsPrefix: string;
    /** Pod addresses of Azure CNI overlay: outside the network, and not the service range. */
    podCidr: string;
    serviceCidr: string;
    dnsServiceIp: string;
    keyVaultName: string;
    logRetentionDays: number;
    overrides: Overrides<(typeof OVERRIDE_ROLES)["azure"][number]>;
  };
}

/** What `mlops:profile` sets for a TrainingCluster when the spec leaves a field unset. */
export const CLUSTER_PROFILE_DEFAULTS: Record<Profile, { systemNodes: number; logRetentionDays: number; protect: boolean }> = {
  dev: { systemNodes: 2, logRetentionDays: 30, protect: false },
  // Three system nodes: one per zone of a three-zone network, so losing a zone keeps DNS and the autoscaler.
  prod: { systemNodes: 3, logRetentionDays: 365, protect: true },
};

/** The system pool's default node: enough for CoreDNS, the autoscaler, device plugins and Kueue. */
const SYSTEM_COMPUTE = { cpu: 2, memoryGiB: 8 };

/** Azure CNI overlay ranges: RFC 6598 shared space, which no MlopsVpc network uses. */
export const AZURE_POD_CIDR = "100.64.0.0/14";
export const AZURE_SERVICE_CIDR = "100.68.0.0/20";

/** Every decision about the cluster that can be made without a cloud. Pure. */
export function planTrainingCluster(name: string, spec: TrainingClusterSpec, ctx: DeployContext): TrainingClusterPlan {
  const issues: SpecIssue[] = [];
  const defaults = CLUSTER_PROFILE_DEFAULTS[ctx.profile];
  const systemChoice = chooseCompute(ctx.cloud, spec.systemPool.compute ?? SYSTEM_COMPUTE, "systemPool.compute");
  if ("issue" in systemChoice) issues.push(systemChoice.issue);
  const pools = spec.pools.map((p, i) => planPool(p, i, ctx.cloud, issues));
  if (issues.length > 0) throw new SpecError(TYPE, name, issues);
  const logDays = spec.logRetentionDays ?? defaults.logRetentionDays;
  rejectUnsupported(name, spec, ctx.cloud, logDays);
  const protect = spec.deletionProtection ?? defaults.protect;
  const teams = spec.teams.map(planTeam);
  return {
    name,
    cloud: ctx.cloud,
    profile: ctx.profile,
    version: spec.version,
    endpoint: { public: spec.endpoint.authorizedCidrs !== undefined, authorizedCidrs: spec.endpoint.authorizedCidrs ?? [] },
    system: {
      machineType: "entry" in systemChoice ? systemChoice.entry.id : "",
      count: spec.systemPool.count ?? defaults.systemNodes,
      diskGiB: 100,
    },
    pools,
    teams,
    helm: helmReleases(ctx.cloud, spec.version, spec.addons, pools),
    logRetentionDays: logDays,
    deletionProtection: protect,
    tags: ctx.tags,
    aws: planAws(name, spec, ctx, logDays, teams),
    gcp: planGcp(name, spec, ctx, teams),
    azure: {
      dnsPrefix: name,
      podCidr: AZURE_POD_CIDR,
      serviceCidr: AZURE_SERVICE_CIDR,
      // The tenth address of the service range, as AKS's own default (10.0.0.10 in 10.0.0.0/16).
      dnsServiceIp: "100.68.0.10",
      keyVaultName: physicalName("azureKeyVault", [name, "aks"], ctx.scope),
      logRetentionDays: Math.max(LOG_ANALYTICS_RETENTION_DAYS.min, logDays),
      overrides: spec.azure?.overrides ?? {},
    },
  };
}

function planPool(p: PoolSpec, i: number, cloud: CloudId, issues: SpecIssue[]): PoolPlan {
  const choice = chooseCompute(cloud, p.compute, `pools.${i}.compute`);
  if ("issue" in choice) {
    issues.push(choice.issue);
    return { ...p, machineType: "", gpu: undefined, accelerator: undefined, diskGiB: 0, labels: {}, taints: [] };
  }
  const gpu = choice.entry.gpu;
  return {
    name: p.name,
    machineType: choice.entry.id,
    gpu,
    accelerator: choice.entry.accelerator,
    min: p.min,
    max: p.max,
    spot: p.spot,
    // GPU images (drivers, CUDA) and training datasets fill small disks.
    diskGiB: p.diskGiB ?? (gpu ? 200 : 100),
    // The device plugin chart schedules on nodes labelled as having NVIDIA GPUs (its default affinity).
    labels: { ...(gpu ? { "nvidia.com/gpu.present": "true" } : {}), ...p.labels, "mlops-kit/pool": p.name },
    taints: p.taints ?? (gpu ? [{ ...GPU_TAINT }] : []),
  };
}

function planTeam(t: TrainingClusterSpec["teams"][number]): TeamPlan {
  return {
    name: t.name,
    namespace: t.name,
    serviceAccount: t.name,
    quota: { ...t.quota },
    access: { registry: t.access.registry !== undefined, featureStore: t.access.featureStore !== undefined },
  };
}

function planAws(name: string, spec: TrainingClusterSpec, ctx: DeployContext, logDays: number, teams: TeamPlan[]) {
  const clusterName = physicalName("awsEksCluster", [name], ctx.scope);
  return {
    clusterName,
    logGroupName: `/aws/eks/${clusterName}/cluster`,
    logRetentionDays: cloudwatchRetentionDays(logDays),
    keyDeletionWindowDays: keyDeletionWindowDays(ctx.profile),
    teamRoleNames: Object.fromEntries(teams.map((t) => [t.name, physicalName("awsIamRole", [name, "team", t.name], ctx.scope)])),
    autoscalerImageTag: clusterAutoscalerImageTag(spec.version),
    overrides: spec.aws?.overrides ?? {},
  };
}

function planGcp(name: string, spec: TrainingClusterSpec, ctx: DeployContext, teams: TeamPlan[]) {
  return {
    clusterName: physicalName("gcpCluster", [name], ctx.scope),
    releaseChannel: spec.gcp?.releaseChannel ?? (ctx.profile === "prod" ? "STABLE" : "REGULAR"),
    nodeServiceAccountId: physicalName("gcpServiceAccount", [name, "nodes"], ctx.scope),
    teamServiceAccountIds: Object.fromEntries(teams.map((t) => [t.name, physicalName("gcpServiceAccount", [name, t.name], ctx.scope)])),
    overrides: spec.gcp?.overrides ?? {},
  } as const;
}

/** What a cloud's clusters cannot do, said before anything is registered. */
function rejectUnsupported(name: string, spec: TrainingClusterSpec, cloud: CloudId, logDays: number): void {
  const unsupported = (field: string, reason: string) => new UnsupportedError(TYPE, name, cloud, field, reason);
  const maxDays = LOG_ANALYTICS_RETENTION_DAYS.max;
  if (cloud === "azure" && logDays > maxDays) {
    throw unsupported("logRetentionDays", `(${logDays}) is above ${maxDays}, the longest a Log Analytics workspace keeps logs`);
  }
  // GKE writes control-plane and workload logs to the project's `_Default` bucket, whose retention
  // is the project's (Cloud Logging "Configure default settings"): a value here would do nothing.
  if (cloud === "gcp" && spec.logRetentionDays !== undefined) {
    throw unsupported("logRetentionDays", "GKE's logs go to the project's _Default log bucket, whose retention is set on that bucket");
  }
  const channelSet = spec.gcp?.releaseChannel !== undefined;
  if (channelSet && cloud !== "gcp") {
    throw unsupported("gcp.releaseChannel", byCloud(cloud, { aws: "EKS has no release channels", gcp: "", azure: "use AKS auto-upgrade" }));
  }
}

/**
 * AKS sends node traffic out through the network's NAT gateway (`outboundType:
 * userAssignedNATGateway`): a network without NAT leaves nodes unable to pull images or join.
 * EKS places the control plane's interfaces in subnets of at least two availability zones (EKS
 * CreateCluster, `subnetIds`: "UnsupportedAvailabilityZoneException" / "Subnets specified must be in
 * at least two different AZs"): a one-zone network fails after the key, roles and log group exist.
 */
export function checkClusterEgress(
  cluster: { cloud: CloudId; name: string },
  network: { name: string; natMode?: string | undefined; zones?: number | undefined },
): void {
  if (cluster.cloud === "aws" && network.zones !== undefined && network.zones < 2) {
    throw new SpecError(TYPE, cluster.name, [
      {
        path: "network",
        message: `is MlopsVpc "${network.name}" with ${network.zones} zone: EKS needs subnets in at least two availability zones; give the network zones >= 2`,
      },
    ]);
  }
  if (cluster.cloud === "azure" && network.natMode === "none") {
    throw new SpecError(TYPE, cluster.name, [
      {
        path: "network",
        message: `is MlopsVpc "${network.name}" with nat "none": AKS nodes go out through the network's NAT gateway; give the network nat "single" or "perZone"`,
      },
    ]);
  }
}
