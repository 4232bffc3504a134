import type { Tag } from "@pulumi/aws/autoscaling/tag";
import type { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import type { Addon } from "@pulumi/aws/eks/addon";
import type { Cluster } from "@pulumi/aws/eks/cluster";
import type { NodeGroup } from "@pulumi/aws/eks/nodeGroup";
import type { PodIdentityAssociation } from "@pulumi/aws/eks/podIdentityAssociation";
import type { Role } from "@pulumi/aws/iam/role";
import type { Key } from "@pulumi/aws/kms/key";
import type { InClusterObjects } from "../contract";

/** The AWS resources of a TrainingCluster. */
export interface AwsTrainingCluster {
  /** Encrypts Kubernetes secrets, node volumes and control-plane logs; rotates yearly. */
  key: Key;
  /** `/aws/eks/<cluster>/cluster`: every control-plane log type. */
  logGroup: LogGroup;
  cluster: Cluster;
  clusterRole: Role;
  nodeRole: Role;
  systemNodeGroup: NodeGroup;
  /** By pool name. */
  nodeGroups: Record<string, NodeGroup>;
  /** The node-template tags on each pool's Auto Scaling group, for scaling from zero. */
  scaleFromZeroTags: Record<string, Tag[]>;
  addons: Addon[];
  /** Team roles for EKS Pod Identity, by team. */
  teamRoles: Record<string, Role>;
  podIdentityAssociations: Record<string, PodIdentityAssociation>;
  autoscalerRole: Role;
  /** Namespaces, quotas, network policies, service accounts and Helm releases. */
  inCluster: InClusterObjects;
}

declare module "../contract" {
  /** Types the `.aws` escape hatch for programs that import `mlops-kit/aws`. */
  interface TrainingClusterCloudResources {
    aws: AwsTrainingCluster;
  }
}
