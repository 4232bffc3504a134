import type { Cloud } from "../../core/cloud";

/**
 * The neutral description of a TrainingCluster that other components take (a monitoring stack's
 * `training`). Plain values, so it crosses stack references.
 */
export interface ClusterInfo {
  cloud: Cloud;
  /** The TrainingCluster's name. */
  name: string;
  /** The cloud's name of the cluster (EKS cluster name, GKE cluster name, AKS cluster name). */
  clusterName: string;
  /** AWS region, GCP region or Azure location. */
  region: string;
  /** The Kubernetes API server's URL. */
  endpoint: string;
  /** The cluster's certificate authority, base64 PEM. */
  certificateAuthority: string;
  /** The OIDC issuer workload identities federate with. */
  oidcIssuerUrl: string;
  /** The Kubernetes version the control plane runs. */
  version: string;
  /** Node pools by name: whether GPU, and scaling bounds. */
  pools: Record<string, ClusterPoolInfo>;
  /** Team namespaces. */
  namespaces: string[];
  /** Azure: the cluster's resource id and resource group; GCP: its project and location. */
  azure?: AzureClusterInfo;
  gcp?: GcpClusterInfo;
}

/** A node pool as others see it. */
export interface ClusterPoolInfo {
  gpu: boolean;
  min: number;
  max: number;
}

export interface AzureClusterInfo {
  clusterId: string;
  resourceGroupName: string;
}

export interface GcpClusterInfo {
  project: string;
  location: string;
}
