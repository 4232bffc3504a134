import type { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import type { Key } from "@pulumi/azure-native/keyvault/key";
import type { Vault } from "@pulumi/azure-native/keyvault/vault";
import type { FeaturesetContainerEntity } from "@pulumi/azure-native/machinelearningservices/featuresetContainerEntity";
import type { FeaturesetVersion } from "@pulumi/azure-native/machinelearningservices/featuresetVersion";
import type { FeaturestoreEntityContainerEntity } from "@pulumi/azure-native/machinelearningservices/featurestoreEntityContainerEntity";
import type { FeaturestoreEntityVersion } from "@pulumi/azure-native/machinelearningservices/featurestoreEntityVersion";
import type { Workspace } from "@pulumi/azure-native/machinelearningservices/workspace";
import type { WorkspaceConnection } from "@pulumi/azure-native/machinelearningservices/workspaceConnection";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import type { Redis } from "@pulumi/azure-native/redis/redis";
import type { Blob } from "@pulumi/azure-native/storage/blob";
import type { BlobContainer } from "@pulumi/azure-native/storage/blobContainer";
import type { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties";
import type { ManagementPolicy } from "@pulumi/azure-native/storage/managementPolicy";
import type { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import type * as pulumi from "@pulumi/pulumi";
import type { PrivateAccess } from "./private-endpoints";

/** The Azure resources of a FeatureStore. */
export interface AzureFeatureStore {
  /** Materialization runs as it; it also unwraps the storage accounts' key. */
  identity: UserAssignedIdentity;
  /** The workspace's vault, which also holds the storage accounts' key. */
  keyVault: Vault;
  /** The storage accounts' CMK and the identity's right to use it; absent with platform keys. */
  encryption?: { key: Key; keyUser: RoleAssignment; vaultUri: pulumi.Output<string> };
  /** The offline store (ADLS Gen2). */
  offline: { account: StorageAccount; blobService: BlobServiceProperties; container: BlobContainer; lifecycle: ManagementPolicy };
  /** The workspace's own storage. */
  workspaceStorage: StorageAccount;
  /** The online store; absent when no group is online. */
  redis?: Redis;
  workspace: Workspace;
  connections: { offline: WorkspaceConnection; online?: WorkspaceConnection };
  /** By target (`offline-dfs`, `offline-blob`, `workspace-blob`, `workspace-file`, `vault`, `redis`, `workspace`). */
  privateEndpoints: Record<string, PrivateAccess>;
  /** The materialization identity's and `access`'s role assignments. */
  roleAssignments: RoleAssignment[];
  /** By entity name. */
  entities: Record<string, { container: FeaturestoreEntityContainerEntity; version: FeaturestoreEntityVersion }>;
  /** By group name: the uploaded spec, the container and the version. */
  featureSets: Record<string, { spec: Blob; container: FeaturesetContainerEntity; version: FeaturesetVersion }>;
}

declare module "../contract" {
  /** Types the `.azure` escape hatch for programs that import `mlops-kit/azure`. */
  interface FeatureStoreCloudResources {
    azure: AzureFeatureStore;
  }
}
