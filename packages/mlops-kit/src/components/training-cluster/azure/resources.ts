import type { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import type { AgentPool } from "@pulumi/azure-native/containerservice/agentPool";
import type { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import type { Key } from "@pulumi/azure-native/keyvault/key";
import type { Vault } from "@pulumi/azure-native/keyvault/vault";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import type { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import type { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import type { InClusterObjects } from "../contract";

/** The Azure resources of a TrainingCluster. */
export interface AzureTrainingCluster {
  /** The vault and key that encrypt etcd (KMS). */
  vault: Vault;
  key: Key;
  /** Container Insights and the cluster's logs. */
  logWorkspace: Workspace;
  /** The control plane's identity. */
  clusterIdentity: UserAssignedIdentity;
  cluster: ManagedCluster;
  /** The control plane's logs (API server, admin audit, controller manager, scheduler, autoscaler) to the workspace. */
  controlPlaneLogs: DiagnosticSetting;
  /** By pool name. */
  agentPools: Record<string, AgentPool>;
  /** Team identities for workload identity, by team. */
  teamIdentities: Record<string, UserAssignedIdentity>;
  /** The deployer's Azure Kubernetes Service RBAC Cluster Admin on the cluster, for the in-cluster objects. */
  deployerAccess: RoleAssignment;
  inCluster: InClusterObjects;
}

declare module "../contract" {
  /** Types the `.azure` escape hatch for programs that import `mlops-kit/azure`. */
  interface TrainingClusterCloudResources {
    azure: AzureTrainingCluster;
  }
}
