import { Workspace } from "@pulumi/azure-native/machinelearningservices/workspace";
import { WorkspaceConnection } from "@pulumi/azure-native/machinelearningservices/workspaceConnection";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import type { Redis } from "@pulumi/azure-native/redis/redis";
import type { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import * as pulumi from "@pulumi/pulumi";
import { accountScopedName } from "../../../core/naming";
import type { AzureFeatureStore } from "./resources";
import type { Step } from "./step";

interface WorkspaceDeps {
  identity: UserAssignedIdentity;
  workspaceStorage: StorageAccount;
  offline: AzureFeatureStore["offline"];
  vault: pulumi.Input<string>;
  redis: Redis | undefined;
}

/**
 * The Azure ML workspace of kind FeatureStore: private only, a managed network that admits only
 * approved outbound traffic (private endpoints to the stores, for materialization's Spark), and
 * the offline and online stores named by their connections.
 */
export function createWorkspace(step: Step, deps: WorkspaceDeps): Workspace {
  const { plan, azure, at, tags, keepOpts, role } = step;
  const outbound = (serviceResourceId: pulumi.Input<string>, subresourceTarget: string) => ({
    type: "PrivateEndpoint" as const,
    category: "UserDefined",
    destination: { serviceResourceId, subresourceTarget, sparkEnabled: true },
  });
  return new Workspace(
    `${plan.name}-workspace`,
    role(
      {
        resourceGroupName: at.resourceGroupName,
        location: at.location,
        // A deleted workspace is soft-deleted for 14 days and its name cannot be reused meanwhile
        // ("Workspace soft deletion"): the name's hash takes the identity's principal id, so a
        // destroyed and recreated store (a new identity) gets a new name, as the vault does.
        workspaceName: deps.identity.principalId.apply((p) => accountScopedName(azure.workspaceName, p ?? "")),
        kind: "FeatureStore",
        description: `Feature store ${plan.name}`,
        // The materialization identity is the store's too: materialization jobs run as it.
        identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [deps.identity.id] },
        storageAccount: deps.workspaceStorage.id,
        keyVault: deps.vault,
        // The workspace storage takes no shared keys: its datastores authenticate as identities
        // (Azure ML "Disable shared key access for your workspace's storage account", in preview).
        systemDatastoresAuthMode: "identity",
        publicNetworkAccess: "Disabled",
        managedNetwork: {
          isolationMode: "AllowOnlyApprovedOutbound",
          outboundRules: {
            "offline-dfs": outbound(deps.offline.account.id, "dfs"),
            "offline-blob": outbound(deps.offline.account.id, "blob"),
            ...(deps.redis ? { "online-redis": outbound(deps.redis.id, "redisCache") } : {}),
          },
        },
        featureStoreSettings: {
          computeRuntime: { sparkRuntimeVersion: azure.sparkRuntimeVersion },
          offlineStoreConnectionName: azure.offlineConnectionName,
          ...(deps.redis ? { onlineStoreConnectionName: azure.onlineConnectionName } : {}),
        },
        sku: { name: "Basic", tier: "Basic" },
        tags,
      },
      "workspace",
    ),
    keepOpts,
  );
}

/**
 * The connections the feature store's settings name: the offline container (ADLS Gen2) and the
 * Redis cache, both used as the materialization identity.
 */
export function createConnections(step: Step, workspace: Workspace, deps: WorkspaceDeps): AzureFeatureStore["connections"] {
  const { plan, azure, at, opts } = step;
  const credentials = { clientId: deps.identity.clientId, resourceId: deps.identity.id };
  const offline = new WorkspaceConnection(
    `${plan.name}-offline-store`,
    {
      resourceGroupName: at.resourceGroupName,
      workspaceName: workspace.name,
      connectionName: azure.offlineConnectionName,
      properties: {
        authType: "ManagedIdentity",
        category: "ADLSGen2",
        target: pulumi.interpolate`${deps.offline.account.id}/blobServices/default/containers/${azure.offlineContainer}`,
        credentials,
      },
    },
    { ...opts, dependsOn: [deps.offline.container] },
  );
  const online = deps.redis
    ? new WorkspaceConnection(
        `${plan.name}-online-store`,
        {
          resourceGroupName: at.resourceGroupName,
          workspaceName: workspace.name,
          connectionName: azure.onlineConnectionName,
          properties: { authType: "ManagedIdentity", category: "Redis", target: deps.redis.id, credentials },
        },
        opts,
      )
    : undefined;
  return { offline, ...(online ? { online } : {}) };
}
