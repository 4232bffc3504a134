import type * as pulumi from "@pulumi/pulumi";
import type { PassThroughArgs } from "../../core/backend";
import type { Cloud, Profile } from "../../core/cloud";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { ComputeArgs } from "../inference-service/args";
import type { RegistryInfo } from "../model-registry/info";
import type { NetworkInfo } from "../network/info";

// The public arguments of a TrainingCluster: what a user writes, documented field by field.
// spec.ts validates them (the zod schema) and re-exports them.

/** What a Kubernetes taint does to pods that do not tolerate it. */
export const TaintEffect = {
  NoSchedule: "NoSchedule",
  PreferNoSchedule: "PreferNoSchedule",
  NoExecute: "NoExecute",
} as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

/** GKE release channels: how fast the control plane and nodes follow new Kubernetes versions. */
export const ReleaseChannel = {
  RAPID: "RAPID",
  REGULAR: "REGULAR",
  STABLE: "STABLE",
} as const;
export type ReleaseChannel = (typeof ReleaseChannel)[keyof typeof ReleaseChannel];

/** A node taint. */
export interface TaintArgs {
  /** The taint's key, a Kubernetes label key. */
  key: string;
  /** The taint's value. @default "" */
  value?: string | undefined;
  /** What the taint does. @default NoSchedule */
  effect?: TaintEffect;
}

/** A node pool for training jobs, scaled by the cluster autoscaler. */
export interface PoolArgs {
  /** The pool's name: a lowercase letter, then lowercase letters and digits, at most 12 characters (AKS's limit on Linux pools). */
  name: string;
  /** The size of each node, from the neutral catalog (vCPUs, memory, GPUs). */
  compute: ComputeArgs;
  /** Fewest nodes; 0 lets the pool scale to zero when idle. @default 0 */
  min?: number | undefined;
  /** Most nodes. */
  max: number;
  /** Run on spot capacity (evicted when the cloud needs it back). @default false */
  spot?: boolean | undefined;
  /** Each node's OS disk in GiB. @default 200 with a GPU, 100 without */
  diskGiB?: number | undefined;
  /** Kubernetes labels on every node of the pool. @default none */
  labels?: Record<string, string> | undefined;
  /**
   * Taints on every node of the pool. @default `nvidia.com/gpu=present:NoSchedule` on a GPU pool, so
   * only pods that tolerate it (GPU jobs) land there; none otherwise
   */
  taints?: TaintArgs[] | undefined;
}

/** The always-on pool that runs the cluster's own services (DNS, autoscaler, device plugins). */
export interface SystemPoolArgs {
  /** The size of each node. @default 2 vCPU, 8 GiB */
  compute?: ComputeArgs | undefined;
  /** Nodes. @default 2 in dev, 3 in prod (spread across the network's zones) */
  count?: number | undefined;
}

/** The Kubernetes API endpoint. */
export interface EndpointArgs {
  /**
   * Client ranges admitted to a public API endpoint. Absent: the endpoint is private, reachable only
   * from the network (and what is peered or connected to it). @default private
   */
  authorizedCidrs?: string[] | undefined;
}

/** A team's resource quota in its namespace (Kubernetes ResourceQuota on requests). */
export interface QuotaArgs {
  /** GPUs the team's pods may request at once (`requests.nvidia.com/gpu`). @default 8 */
  gpus?: number | undefined;
  /** vCPUs the team's pods may request at once. @default 64 */
  cpu?: number | undefined;
  /** Memory in GiB the team's pods may request at once. @default 256 */
  memoryGiB?: number | undefined;
}

/** What a team's workload identity may read. */
export interface TeamAccessArgs {
  /** A ModelRegistry's `info`: pull its images and read its artifacts. @default none */
  registry?: pulumi.Input<RegistryInfo> | undefined;
  /** A FeatureStore's `info`: read its offline store. @default none */
  featureStore?: pulumi.Input<FeatureStoreInfo> | undefined;
}

/** A team: its namespace, quota, network isolation and workload identity. */
export interface TeamArgs {
  /** The team's namespace: a lowercase DNS label of at most 30 characters. */
  name: string;
  /** What the team may request at once. @default 8 GPUs, 64 vCPUs, 256 GiB */
  quota?: QuotaArgs | undefined;
  /** What the team's service account (`<team>` in its namespace) may read. @default nothing */
  access?: TeamAccessArgs | undefined;
}

/** Optional job tooling, each a Helm release with a pinned chart version. */
export interface AddonsArgs {
  /** Kueue: job queueing and quotas across teams. @default false */
  kueue?: boolean | undefined;
  /** The KubeRay operator: Ray clusters and jobs. @default false */
  kubeRay?: boolean | undefined;
}

/** AWS settings. */
export interface TrainingClusterAwsArgs {
  /** Extra arguments merged over a child's, by role (`cluster`, `nodeRole`, `launchTemplate`, `nodeGroup`, `systemNodeGroup`). */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** GCP settings. */
export interface TrainingClusterGcpArgs {
  /** The release channel the cluster follows. @default REGULAR in dev, STABLE in prod */
  releaseChannel?: ReleaseChannel;
  /** Extra arguments merged over a child's, by role (`cluster`, `nodePool`, `systemNodePool`). */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** Azure settings. */
export interface TrainingClusterAzureArgs {
  /** Extra arguments merged over a child's, by role (`cluster`, `agentPool`). */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/**
 * A private managed Kubernetes cluster for model training: EKS, GKE or AKS on an MlopsVpc network,
 * GPU pools that scale to zero, and namespaces with quotas and workload identities for teams.
 */
export interface TrainingClusterArgs {
  /** The cloud. @default the stack's `mlops:cloud` */
  cloud?: Cloud;
  /** dev or prod defaults. @default the stack's `mlops:profile`, else dev */
  profile?: Profile;
  /** Tags (labels on GCP) on every resource that takes them. @default the component's own */
  tags?: Record<string, string> | undefined;
  /** An MlopsVpc's `network`: nodes run in its private tier. */
  network: pulumi.Input<NetworkInfo>;
  /**
   * The Kubernetes minor version, such as "1.35". The default is one all three services run in
   * standard support: EKS until 2027-03-27 (past it EKS bills extended support, six times the
   * control-plane rate), AKS until March 2027, GKE in every release channel but Extended's oldest.
   * EKS and AKS upgrade one minor version at a time: raise an existing cluster step by step. EKS
   * leaves its add-ons (vpc-cni, kube-proxy, pod identity agent, CoreDNS) on their versions when the
   * cluster moves: update them after each step (README, "Raising `version` on EKS").
   * @default "1.35"
   */
  version?: string | undefined;
  /** The API endpoint. @default private */
  endpoint?: EndpointArgs | undefined;
  /** The always-on system pool. @default 2 nodes of 2 vCPU, 8 GiB in dev; 3 in prod */
  systemPool?: SystemPoolArgs | undefined;
  /** Node pools for training jobs. @default none */
  pools?: PoolArgs[] | undefined;
  /** Teams, each with a namespace. @default none */
  teams?: TeamArgs[] | undefined;
  /** Optional job tooling. @default none */
  addons?: AddonsArgs | undefined;
  /**
   * Days to keep control-plane logs (AWS CloudWatch, Azure Log Analytics). Refused on GCP: GKE's logs
   * keep the retention of the project's `_Default` log bucket. @default 30 in dev, 365 in prod
   */
  logRetentionDays?: number | undefined;
  /** Refuse to delete the cluster (and keep it in state when it is removed). @default false in dev, true in prod */
  deletionProtection?: boolean | undefined;
  aws?: TrainingClusterAwsArgs | undefined;
  gcp?: TrainingClusterGcpArgs | undefined;
  azure?: TrainingClusterAzureArgs | undefined;
}

/** Child roles whose arguments the spec's `overrides` may extend, per cloud. */
export const OVERRIDE_ROLES = {
  aws: ["cluster", "nodeRole", "launchTemplate", "nodeGroup", "systemNodeGroup"],
  gcp: ["cluster", "nodePool", "systemNodePool"],
  azure: ["cluster", "agentPool"],
} as const;
