import type * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../core/backend";
import type { CloudId } from "../../core/cloud";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { RegistryInfo } from "../model-registry/info";
import type { NetworkInfo } from "../network/info";
import type { ResolvedNetwork } from "../network/ref";
import type { TrainingClusterPlan } from "./plan";

// The contract between TrainingCluster and its backends: what a backend takes and hands back. It
// lives apart from the component so that backends never import the component that loads them.

/** What one team's identity may read, each reference checked to be on the cluster's cloud as it resolves. */
export interface TeamAccessInputs {
  registry: pulumi.Output<RegistryInfo> | undefined;
  featureStore: pulumi.Output<FeatureStoreInfo> | undefined;
}

export interface ClusterInputs {
  network: ResolvedNetwork;
  /** The network description, checked to be on the cluster's cloud. */
  networkInfo: pulumi.Output<NetworkInfo>;
  /** By team name. */
  access: Record<string, TeamAccessInputs>;
}

/** One team's Kubernetes objects: namespace, quota, the two network policies, service account. */
export interface TeamObjects {
  namespace: pulumi.CustomResource;
  quota: pulumi.CustomResource;
  defaultDeny: pulumi.CustomResource;
  allowTeam: pulumi.CustomResource;
  serviceAccount: pulumi.CustomResource;
}

/** What runs inside the cluster, by team and by Helm release name. */
export interface InClusterObjects {
  teams: Record<string, TeamObjects>;
  releases: Record<string, pulumi.CustomResource>;
}

interface ClusterResultBase {
  /** The cloud's name of the cluster. */
  clusterName: pulumi.Output<string>;
  endpoint: pulumi.Output<string>;
  /** Base64 PEM. */
  certificateAuthority: pulumi.Output<string>;
  oidcIssuerUrl: pulumi.Output<string>;
  /** A kubeconfig that runs the cloud's credential plugin: no static token. */
  kubeconfig: pulumi.Output<string>;
  /**
   * The Kubernetes provider the in-cluster objects were created with. Typed as Pulumi's provider
   * resource, so a program that never builds a cluster type-checks without @pulumi/kubernetes.
   */
  provider: pulumi.ProviderResource;
  /** Azure: cluster id and resource group; GCP: project and location. */
  azure?: pulumi.Output<{ clusterId: string; resourceGroupName: string }>;
  gcp?: pulumi.Output<{ project: string; location: string }>;
}

/**
 * Each cloud's resources of a TrainingCluster, filled in by that cloud's entry point
 * (`mlops-kit/aws`, ...), so a program on one cloud never reads the others' SDK types.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface TrainingClusterCloudResources {}
/** The resources of `C`, once its entry point is imported; `unknown` before. */
export type TrainingClusterResourcesOn<C extends CloudId> = C extends keyof TrainingClusterCloudResources
  ? TrainingClusterCloudResources[C]
  : unknown;

export type ClusterResult = ClusterResultBase & { cloud: CloudId; resources: unknown };

export interface ClusterBackend {
  provision(plan: TrainingClusterPlan, inputs: ClusterInputs, ctx: ProvisionContext): ClusterResult;
}
