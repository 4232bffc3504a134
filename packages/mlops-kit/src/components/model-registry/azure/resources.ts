import type { Component } from "@pulumi/azure-native/applicationinsights/component";
import type { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import type { Registry as ContainerRegistry } from "@pulumi/azure-native/containerregistry/registry";
import type { Vault } from "@pulumi/azure-native/keyvault/vault";
import type { Registry as MlRegistry } from "@pulumi/azure-native/machinelearningservices/registry";
import type { Workspace } from "@pulumi/azure-native/machinelearningservices/workspace";
import type { PrivateDnsZoneGroup } from "@pulumi/azure-native/network/privateDnsZoneGroup";
import type { PrivateEndpoint } from "@pulumi/azure-native/network/privateEndpoint";
import type { Workspace as LogAnalyticsWorkspace } from "@pulumi/azure-native/operationalinsights/workspace";
import type { BlobContainer } from "@pulumi/azure-native/storage/blobContainer";
import type { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties";
import type { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";

/** The Azure resources of a ModelRegistry. */
export interface AzureModelRegistry {
  logAnalytics: LogAnalyticsWorkspace;
  appInsights: Component;
  /** The workspace's storage account; model artifacts in `artifactContainer`. */
  storage: StorageAccount;
  blobService: BlobServiceProperties;
  artifactContainer: BlobContainer;
  keyVault: Vault;
  containerRegistry: ContainerRegistry;
  /** The Azure ML workspace: MLflow tracking URI and model registry. */
  workspace: Workspace;
  /** The Azure ML registry that shares models across workspaces, when asked. */
  mlRegistry?: MlRegistry;
  /** Private endpoints by target (`workspace`, `registry`, `blob`, `file`, `vault`), each with its DNS zone group. */
  privateEndpoints: Record<string, { endpoint: PrivateEndpoint; dnsZoneGroup: PrivateDnsZoneGroup }>;
  /** `access` role assignments. */
  roleAssignments: RoleAssignment[];
}

declare module "../contract" {
  /** Types the `.azure` escape hatch for programs that import `mlops-kit/azure`. */
  interface ModelRegistryCloudResources {
    azure: AzureModelRegistry;
  }
}
