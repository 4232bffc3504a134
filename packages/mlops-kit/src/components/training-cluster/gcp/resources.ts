import type { Cluster } from "@pulumi/gcp/container/cluster";
import type { NodePool } from "@pulumi/gcp/container/nodePool";
import type { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import type { KeyRing } from "@pulumi/gcp/kms/keyRing";
import type { Account } from "@pulumi/gcp/serviceaccount/account";
import type { InClusterObjects } from "../contract";

/** The GCP resources of a TrainingCluster. */
export interface GcpTrainingCluster {
  keyRing: KeyRing;
  /** Encrypts Kubernetes secrets (application-layer encryption) and the nodes' boot disks; rotates every 90 days. */
  key: CryptoKey;
  cluster: Cluster;
  /** The nodes' own service account, with the minimal node role. */
  nodeServiceAccount: Account;
  systemNodePool: NodePool;
  /** By pool name. */
  nodePools: Record<string, NodePool>;
  /** Team service accounts for Workload Identity, by team. */
  teamServiceAccounts: Record<string, Account>;
  inCluster: InClusterObjects;
}

declare module "../contract" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface TrainingClusterCloudResources {
    gcp: GcpTrainingCluster;
  }
}
