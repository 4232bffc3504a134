import { Component } from "@pulumi/azure-native/applicationinsights/component";
import { Registry as ContainerRegistry } from "@pulumi/azure-native/containerregistry/registry";
import { Vault } from "@pulumi/azure-native/keyvault/vault";
import { Workspace as LogAnalyticsWorkspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { BlobContainer } from "@pulumi/azure-native/storage/blobContainer";
import { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { accountScopedName } from "../../../core/naming";
import type { ModelRegistryPlan } from "../plan";
import type { AzureModelRegistry } from "./resources";

/** Where the registry's Azure resources go: the network's resource group and location, and the subscription. */
export interface AzureWhere {
  resourceGroupName: pulumi.Output<string>;
  location: pulumi.Output<string>;
  subscriptionId: pulumi.Output<string>;
  tenantId: pulumi.Output<string>;
  tags: Record<string, string>;
}

export const keep = (plan: ModelRegistryPlan, ctx: ProvisionContext): pulumi.CustomResourceOptions => ({
  ...ctx.opts,
  retainOnDelete: plan.retain,
  protect: plan.deletionProtection,
});

/** Workspace-based Application Insights on a Log Analytics workspace (classic Application Insights is retired). */
export function createInsights(plan: ModelRegistryPlan, w: AzureWhere, ctx: ProvisionContext) {
  const o = plan.azure.overrides;
  const logAnalytics = new LogAnalyticsWorkspace(
    `${plan.name}-logs`,
    withOverrides(
      {
        resourceGroupName: w.resourceGroupName,
        location: w.location,
        sku: { name: "PerGB2018" },
        retentionInDays: plan.azure.logRetentionDays,
        tags: w.tags,
      },
      o,
      "logAnalytics",
    ),
    // Its logs are audit data: kept with the stateful resources in prod.
    { ...ctx.opts, retainOnDelete: plan.retain },
  );
  const appInsights = new Component(
    `${plan.name}-insights`,
    withOverrides(
      {
        resourceGroupName: w.resourceGroupName,
        location: w.location,
        kind: "web",
        applicationType: "web",
        workspaceResourceId: logAnalytics.id,
        ingestionMode: "LogAnalytics",
        tags: w.tags,
      },
      o,
      "appInsights",
    ),
    ctx.opts,
  );
  return { logAnalytics, appInsights };
}

type Storage = Pick<AzureModelRegistry, "storage" | "blobService" | "artifactContainer">;

/**
 * The workspace's storage account, which holds the artifacts: private only, no shared keys (the
 * workspace reaches it with its identity), versioned blobs with soft delete.
 */
export function createStorage(plan: ModelRegistryPlan, w: AzureWhere, ctx: ProvisionContext): Storage {
  const storage = new StorageAccount(
    `${plan.name}-storage`,
    withOverrides(
      {
        resourceGroupName: w.resourceGroupName,
        location: w.location,
        // Storage account names are global: the planned name's hash is redone over the subscription.
        accountName: w.subscriptionId.apply((s) => accountScopedName(plan.azure.storageAccountName, s)),
        kind: "StorageV2",
        sku: { name: plan.azure.zoneRedundant ? "Standard_ZRS" : "Standard_LRS" },
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        allowCrossTenantReplication: false,
        publicNetworkAccess: "Disabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
        encryption: {
          keySource: "Microsoft.Storage",
          requireInfrastructureEncryption: true,
          services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
        },
        tags: w.tags,
      },
      plan.azure.overrides,
      "storage",
    ),
    keep(plan, ctx),
  );
  const retention = { enabled: true, days: plan.azure.blobSoftDeleteDays };
  const blobService = new BlobServiceProperties(
    `${plan.name}-storage`,
    {
      resourceGroupName: w.resourceGroupName,
      accountName: storage.name,
      blobServicesName: "default",
      isVersioningEnabled: true,
      // Blob and container soft delete keep 1 to 365 days (Azure Storage "Soft delete for blobs").
      deleteRetentionPolicy: retention,
      containerDeleteRetentionPolicy: retention,
    },
    { ...ctx.opts, retainOnDelete: plan.retain },
  );
  const artifactContainer = new BlobContainer(
    `${plan.name}-artifacts`,
    {
      resourceGroupName: w.resourceGroupName,
      accountName: storage.name,
      containerName: plan.azure.artifactContainerName,
      publicAccess: "None",
    },
    { ...ctx.opts, retainOnDelete: plan.retain, dependsOn: [blobService] },
  );
  return { storage, blobService, artifactContainer };
}

/** The workspace's Key Vault: RBAC, purge protection, soft delete, private only. */
export function createKeyVault(plan: ModelRegistryPlan, w: AzureWhere, ctx: ProvisionContext): Vault {
  return new Vault(
    `${plan.name}-vault`,
    withOverrides(
      {
        resourceGroupName: w.resourceGroupName,
        location: w.location,
        // Vault names are global and stay reserved while soft-deleted: hashed over the subscription,
        // and a new `azure.nameGeneration` gives a new one.
        vaultName: w.subscriptionId.apply((s) => accountScopedName(plan.azure.keyVaultName, s)),
        properties: {
          tenantId: w.tenantId,
          sku: { family: "A", name: "standard" },
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          enablePurgeProtection: true,
          softDeleteRetentionInDays: plan.azure.keyVaultSoftDeleteDays,
          publicNetworkAccess: "Disabled",
          networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
        },
        tags: w.tags,
      },
      plan.azure.overrides,
      "keyVault",
    ),
    keep(plan, ctx),
  );
}

/** The image registry: Premium (private endpoints, retention), admin user off, private only. */
export function createContainerRegistry(plan: ModelRegistryPlan, w: AzureWhere, ctx: ProvisionContext): ContainerRegistry {
  return new ContainerRegistry(
    `${plan.name}-images`,
    withOverrides(
      {
        resourceGroupName: w.resourceGroupName,
        location: w.location,
        registryName: w.subscriptionId.apply((s) => accountScopedName(plan.azure.containerRegistryName, s)),
        sku: { name: "Premium" },
        adminUserEnabled: false,
        anonymousPullEnabled: false,
        publicNetworkAccess: "Disabled",
        networkRuleBypassOptions: "AzureServices",
        zoneRedundancy: plan.azure.zoneRedundant ? "Enabled" : "Disabled",
        // Untagged manifests are deleted after the retention period (Premium only, 0 to 365 days).
        policies: { retentionPolicy: { days: plan.azure.untaggedRetentionDays, status: "enabled" } },
        tags: w.tags,
      },
      plan.azure.overrides,
      "registry",
    ),
    keep(plan, ctx),
  );
}
