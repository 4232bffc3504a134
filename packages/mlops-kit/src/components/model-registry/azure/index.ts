import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { Registry as MlRegistry } from "@pulumi/azure-native/machinelearningservices/registry";
import { Workspace } from "@pulumi/azure-native/machinelearningservices/workspace";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { azureTags } from "../../../core/tags";
import type { ResolvedNetwork } from "../../network/ref";
import type { RegistryResult } from "../contract";
import type { RegistryInfo } from "../info";
import type { ModelRegistryPlan } from "../plan";
import { createPrivateEndpoints } from "./private-endpoints";
import type { AzureModelRegistry } from "./resources";
import { type AzureWhere, createContainerRegistry, createInsights, createKeyVault, createStorage, keep } from "./stores";

/** Built-in role ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
export const AZURE_ROLES = {
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  acrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
  storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  azureMlDataScientist: "f6c7c914-8db3-469d-8ca1-694a8f32e121",
} as const;

/**
 * A ModelRegistry on Azure, in the order of creation: Log Analytics and Application Insights,
 * storage (artifacts), Key Vault, container registry, the Azure ML workspace over them, the shared
 * Azure ML registry when asked, private endpoints with their DNS records, and `access` grants.
 */
export function provision(plan: ModelRegistryPlan, network: ResolvedNetwork, ctx: ProvisionContext): RegistryResult {
  const client = getClientConfigOutput({ parent: ctx.parent });
  const w: AzureWhere = {
    resourceGroupName: network.field("resourceGroupName").apply((g) => g ?? ""),
    location: network.field("region"),
    subscriptionId: client.subscriptionId,
    tenantId: client.tenantId,
    tags: azureTags(plan.tags),
  };
  const { logAnalytics, appInsights } = createInsights(plan, w, ctx);
  const storage = createStorage(plan, w, ctx);
  const keyVault = createKeyVault(plan, w, ctx);
  const containerRegistry = createContainerRegistry(plan, w, ctx);
  const workspace = createWorkspace(
    plan,
    w,
    { storage: storage.storage.id, keyVault: keyVault.id, containerRegistry: containerRegistry.id, appInsights: appInsights.id },
    ctx,
  );
  const mlRegistry = plan.azure.sharedRegistry ? createMlRegistry(plan, w, ctx) : undefined;
  const privateEndpoints = createPrivateEndpoints(
    plan,
    network,
    {
      workspace: workspace.id,
      registry: containerRegistry.id,
      blob: storage.storage.id,
      file: storage.storage.id,
      vault: keyVault.id,
      ...(mlRegistry ? { mlregistry: mlRegistry.id } : {}),
    },
    ctx,
  );
  const resources: AzureModelRegistry = {
    logAnalytics,
    appInsights,
    ...storage,
    keyVault,
    containerRegistry,
    workspace,
    ...(mlRegistry ? { mlRegistry } : {}),
    privateEndpoints,
    roleAssignments: [],
  };
  resources.roleAssignments = grantAccess(plan, w, resources, ctx);
  return { cloud: "azure", info: registryInfo(plan, w, resources), resources };
}

function createWorkspace(
  plan: ModelRegistryPlan,
  w: AzureWhere,
  deps: {
    storage: pulumi.Input<string>;
    keyVault: pulumi.Input<string>;
    containerRegistry: pulumi.Input<string>;
    appInsights: pulumi.Input<string>;
  },
  ctx: ProvisionContext,
): Workspace {
  return new Workspace(
    `${plan.name}-workspace`,
    withOverrides(
      {
        resourceGroupName: w.resourceGroupName,
        location: w.location,
        workspaceName: plan.azure.workspaceName,
        kind: "Default",
        friendlyName: plan.name,
        description: `Experiments and models of model registry ${plan.name}`,
        sku: { name: "Basic", tier: "Basic" },
        identity: { type: "SystemAssigned" },
        storageAccount: deps.storage,
        keyVault: deps.keyVault,
        containerRegistry: deps.containerRegistry,
        applicationInsights: deps.appInsights,
        publicNetworkAccess: "Disabled",
        managedNetwork: { isolationMode: plan.azure.isolationMode },
        hbiWorkspace: plan.azure.hbiWorkspace,
        // The storage account refuses shared keys: the workspace reaches its datastores with its identity.
        systemDatastoresAuthMode: "Identity",
        tags: w.tags,
      },
      plan.azure.overrides,
      "workspace",
    ),
    keep(plan, ctx),
  );
}

/** An Azure ML registry in the workspace's region: models shared across workspaces and subscriptions. */
function createMlRegistry(plan: ModelRegistryPlan, w: AzureWhere, ctx: ProvisionContext): MlRegistry {
  return new MlRegistry(
    `${plan.name}-shared`,
    withOverrides(
      {
        resourceGroupName: w.resourceGroupName,
        location: w.location,
        registryName: plan.azure.mlRegistryName,
        identity: { type: "SystemAssigned" },
        publicNetworkAccess: "Disabled",
        regionDetails: [
          {
            location: w.location,
            acrDetails: [{ systemCreatedAcrAccount: { acrAccountSku: "Premium" } }],
            storageAccountDetails: [
              {
                systemCreatedStorageAccount: {
                  storageAccountType: plan.azure.zoneRedundant ? "Standard_ZRS" : "Standard_LRS",
                  storageAccountHnsEnabled: false,
                  allowBlobPublicAccess: false,
                },
              },
            ],
          },
        ],
        tags: w.tags,
      },
      plan.azure.overrides,
      "mlRegistry",
    ),
    keep(plan, ctx),
  );
}

/** Writers push, write artifacts and register models; approvers work in the workspace; readers pull and read. */
function grantAccess(plan: ModelRegistryPlan, w: AzureWhere, r: AzureModelRegistry, ctx: ProvisionContext): RoleAssignment[] {
  const R = AZURE_ROLES;
  const grants: [string, string[], [string, pulumi.Input<string>, string][]][] = [
    [
      "writer",
      plan.access.writers,
      [
        [R.acrPush, r.containerRegistry.id, "registry"],
        [R.storageBlobDataContributor, r.storage.id, "storage"],
        [R.azureMlDataScientist, r.workspace.id, "workspace"],
      ],
    ],
    ["approver", plan.access.approvers, [[R.azureMlDataScientist, r.workspace.id, "workspace"]]],
    [
      "reader",
      [...plan.access.readers, ...plan.access.shareWith],
      [
        [R.acrPull, r.containerRegistry.id, "registry"],
        [R.storageBlobDataReader, r.storage.id, "storage"],
      ],
    ],
  ];
  const out: RoleAssignment[] = [];
  // ARM refuses a second assignment of one role to one principal on one scope (RoleAssignmentExists):
  // a principal that is both writer and approver, or reader and shared, gets each role once.
  const given = new Set<string>();
  for (const [kind, principals, roles] of grants) {
    principals.forEach((principalId, i) => {
      for (const [role, scope, target] of roles) {
        const key = `${role}/${target}/${principalId.toLowerCase()}`;
        if (given.has(key)) continue;
        given.add(key);
        out.push(
          new RoleAssignment(
            `${plan.name}-${kind}-${i}-${role.slice(0, 8)}`,
            {
              scope,
              roleDefinitionId: pulumi.interpolate`/subscriptions/${w.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
              principalId,
              description: `${kind} of model registry ${plan.name}`,
            },
            ctx.opts,
          ),
        );
      }
    });
  }
  return out;
}

function registryInfo(plan: ModelRegistryPlan, w: AzureWhere, r: AzureModelRegistry): pulumi.Output<RegistryInfo> {
  return pulumi
    .all({
      region: w.location,
      resourceGroupName: w.resourceGroupName,
      tracking: r.workspace.mlFlowTrackingUri,
      workspaceId: r.workspace.id,
      workspaceName: r.workspace.name,
      loginServer: r.containerRegistry.loginServer,
      acrId: r.containerRegistry.id,
      account: r.storage.name,
      storageId: r.storage.id,
      registryId: r.mlRegistry ? r.mlRegistry.id : pulumi.output<string | undefined>(undefined),
    })
    .apply(({ region, resourceGroupName, tracking, workspaceId, workspaceName, loginServer, acrId, account, storageId, registryId }) => ({
      cloud: "azure" as const,
      name: plan.name,
      region: region ?? "",
      trackingUri: plan.tracking.enabled ? (tracking ?? "") : "",
      imageRepositoryUrl: loginServer ?? "",
      imageRepositoryId: acrId ?? "",
      artifactUri: `https://${account}.blob.core.windows.net/${plan.azure.artifactContainerName}`,
      artifactStoreId: storageId ?? "",
      models: Object.fromEntries(plan.models.map((m) => [m.name, m.registryName])),
      azure: {
        resourceGroupName: resourceGroupName ?? "",
        workspaceId: workspaceId ?? "",
        workspaceName: workspaceName ?? "",
        artifactContainerName: plan.azure.artifactContainerName,
        ...(registryId ? { registryId } : {}),
      },
    }));
}

export type { AzureModelRegistry } from "./resources";
