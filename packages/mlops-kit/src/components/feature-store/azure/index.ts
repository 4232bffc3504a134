import type { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import { withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { azureTags } from "../../../core/tags";
import type { ResolvedNetwork } from "../../network/ref";
import type { FeatureStoreInputs, FeatureStoreResult } from "../contract";
import type { FeatureGroupInfo } from "../info";
import { type FeatureStorePlan, TYPE } from "../plan";
import { type EndpointTarget, privateEndpoint } from "./private-endpoints";
import { createEntities, createFeatureSets } from "./registry";
import type { AzureFeatureStore } from "./resources";
import { type AzurePlacement, ROLES, type Step } from "./step";
import {
  accessPrincipal,
  createIdentity,
  createKey,
  createKeyVault,
  createOfflineStorage,
  createRedis,
  createWorkspaceStorage,
  grant,
} from "./stores";
import { createConnections, createWorkspace } from "./workspace";

export type { AzureFeatureStore } from "./resources";

/**
 * A FeatureStore on Azure, in the order of creation: the materialization identity, the Key Vault
 * and key, the offline (ADLS Gen2) and workspace storage, the Redis online store, private endpoints
 * for each, the feature store workspace and its store connections, the identity's roles, then
 * entities and feature sets (their specs uploaded to the offline store).
 */
export function provision(plan: FeatureStorePlan, inputs: FeatureStoreInputs, ctx: ProvisionContext): FeatureStoreResult {
  const azure = plan.azure;
  if (!azure || !inputs.network) throw new Error("an Azure plan and a network are required");
  const step: Step = {
    plan,
    azure,
    at: placement(plan, inputs.network),
    tags: azureTags(plan.tags),
    opts: ctx.opts,
    keepOpts: { ...ctx.opts, retainOnDelete: plan.retain },
    role: (args, role) => withOverrides(args, azure.overrides, role),
  };
  const identity = createIdentity(step);
  const keyVault = createKeyVault(step, identity);
  const encryption = plan.customerManagedKey ? createKey(step, keyVault, identity) : undefined;
  const offline = createOfflineStorage(step, identity, encryption);
  const workspaceStorage = createWorkspaceStorage(step, identity, encryption);
  const redis = plan.online.enabled ? createRedis(step) : undefined;
  const privateEndpoints = createPrivateEndpoints(step, {
    keyVault: keyVault.id,
    offline: offline.account.id,
    workspaceStorage: workspaceStorage.id,
    redis: redis?.id,
  });
  const deps = { identity, workspaceStorage, offline, vault: keyVault.id, redis };
  const workspace = createWorkspace(step, deps);
  privateEndpoints.workspace = privateEndpoint(step, {
    name: "workspace",
    resourceId: workspace.id,
    groupId: "amlworkspace",
    zones: ["mlApi", "mlNotebooks"],
  });
  const connections = createConnections(step, workspace, deps);
  const roleAssignments = grantRoles(step, inputs, { identity, workspace, offline: offline.account.id, redis: redis?.id });
  const entities = createEntities(step, workspace);
  const featureSets = createFeatureSets(step, {
    workspace,
    offline,
    entities,
    waitFor: [connections.offline, ...(connections.online ? [connections.online] : []), ...roleAssignments],
  });

  const resources: AzureFeatureStore = {
    identity,
    keyVault,
    ...(encryption ? { encryption } : {}),
    offline,
    workspaceStorage,
    ...(redis ? { redis } : {}),
    workspace,
    connections,
    privateEndpoints,
    roleAssignments,
    entities,
    featureSets,
  };
  return { cloud: "azure", ...outputs(step, resources), resources };
}

/** Where the store goes: the network's resource group, location and private tier. */
function placement(plan: FeatureStorePlan, network: ResolvedNetwork): AzurePlacement {
  const need = (key: "resourceGroupName", what: string) =>
    network.field(key).apply((v) => {
      if (!v)
        throw new SpecError(TYPE, plan.name, [
          { path: "network", message: `has no ${what}: pass the network output of an MlopsVpc on azure` },
        ]);
      return v;
    });
  return {
    resourceGroupName: need("resourceGroupName", "resourceGroupName"),
    location: plan.azure?.location !== undefined ? pulumi.output(plan.azure.location) : network.field("region"),
    subscriptionId: network.field("networkId").apply((id) => {
      const m = /^\/subscriptions\/([^/]+)\//i.exec(id);
      if (!m?.[1])
        throw new SpecError(TYPE, plan.name, [{ path: "network", message: `(${JSON.stringify(id)}) must be an Azure virtual network id` }]);
      return m[1];
    }),
    privateSubnetId: network.subnetIds.private.apply((ids) => ids[0] ?? ""),
    privateDnsZoneIds: network.field("privateDnsZoneIds").apply((ids) => ids ?? {}),
  };
}

function createPrivateEndpoints(
  step: Step,
  ids: {
    keyVault: pulumi.Output<string>;
    offline: pulumi.Output<string>;
    workspaceStorage: pulumi.Output<string>;
    redis: pulumi.Output<string> | undefined;
  },
): AzureFeatureStore["privateEndpoints"] {
  // An Azure ML workspace's storage needs both blob and file endpoints ("Configure a private
  // endpoint for an Azure Machine Learning workspace"); ADLS Gen2 needs dfs besides blob.
  const targets: EndpointTarget[] = [
    { name: "vault", resourceId: ids.keyVault, groupId: "vault", zones: ["keyVault"] },
    { name: "offline-dfs", resourceId: ids.offline, groupId: "dfs", zones: ["dfs"] },
    { name: "offline-blob", resourceId: ids.offline, groupId: "blob", zones: ["blob"] },
    { name: "workspace-blob", resourceId: ids.workspaceStorage, groupId: "blob", zones: ["blob"] },
    { name: "workspace-file", resourceId: ids.workspaceStorage, groupId: "file", zones: ["file"] },
    ...(ids.redis ? [{ name: "redis", resourceId: ids.redis, groupId: "redisCache", zones: ["redis"] }] : []),
  ];
  return Object.fromEntries(targets.map((t) => [t.name, privateEndpoint(step, t)]));
}

/**
 * The materialization identity's roles ("Manage access control for managed feature store"): AzureML
 * Data Scientist on the workspace, Storage Blob Data Contributor on the offline store, Redis Cache
 * Contributor on the online store. `access.readers` read the offline store and use the workspace;
 * `access.writers` write the offline store.
 */
function grantRoles(
  step: Step,
  inputs: FeatureStoreInputs,
  on: {
    identity: AzureFeatureStore["identity"];
    workspace: AzureFeatureStore["workspace"];
    offline: pulumi.Output<string>;
    redis: pulumi.Output<string> | undefined;
  },
): RoleAssignment[] {
  const principal = on.identity.principalId;
  const mine = [
    grant(step, "materialization-workspace", on.workspace.id, ROLES.azureMlDataScientist, principal),
    grant(step, "materialization-offline", on.offline, ROLES.storageBlobDataContributor, principal),
    ...(on.redis ? [grant(step, "materialization-online", on.redis, ROLES.redisCacheContributor, principal)] : []),
  ];
  const theirs = (kind: string, ids: pulumi.Input<string>[], storageRole: string) =>
    ids.flatMap((id, i) => {
      const who = accessPrincipal(id);
      return [
        grant(step, `${kind}-${i}-workspace`, on.workspace.id, ROLES.azureMlDataScientist, who.principalId, who.principalType),
        grant(step, `${kind}-${i}-offline`, on.offline, storageRole, who.principalId, who.principalType),
      ];
    });
  return [
    ...mine,
    ...theirs("reader", inputs.readers, ROLES.storageBlobDataReader),
    ...theirs("writer", inputs.writers, ROLES.storageBlobDataContributor),
  ];
}

function outputs(step: Step, r: AzureFeatureStore): Pick<FeatureStoreResult, "info" | "clientConfig"> {
  const both = described(step, r);
  return { info: both.apply((b) => b.info), clientConfig: both.apply((b) => b.client) };
}

function described(step: Step, r: AzureFeatureStore) {
  const { plan, azure } = step;
  const parts = {
    location: step.at.location,
    resourceGroupName: step.at.resourceGroupName,
    subscriptionId: step.at.subscriptionId,
    offlineStoreId: r.offline.account.id,
    account: r.offline.account.name,
    workspaceId: r.workspace.id,
    workspaceName: r.workspace.name,
    redisId: r.redis ? r.redis.id : pulumi.output(""),
    redisHost: r.redis ? r.redis.hostName : pulumi.output(""),
    keyUri: r.encryption ? r.encryption.key.keyUri : pulumi.output(""),
  };
  return pulumi.all(parts).apply((raw) => {
    // Every part is a resource's string output (pulumi.all's object form types them optional).
    const { location, resourceGroupName, subscriptionId, offlineStoreId, account, workspaceId, workspaceName, redisId, redisHost, keyUri } =
      Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v ?? ""])) as Record<keyof typeof parts, string>;
    const groups = azure.groups.map((g): FeatureGroupInfo & { features: string[] } => {
      const group = plan.groups.find((p) => p.name === g.group);
      const online = g.storeType === "OnlineAndOffline";
      return {
        name: g.group,
        keys: group?.keys.map((k) => k.name) ?? [],
        eventTimeFeature: group?.eventTimeColumn ?? "",
        online,
        ...(online ? { onlineId: `${g.featureSetName}:${g.version}` } : {}),
        offlineLocation: `abfss://${azure.offlineContainer}@${account}.dfs.core.windows.net/${g.sourceFolder}`,
        features: group?.features.map((f) => f.name) ?? [],
      };
    });
    const info = {
      cloud: "azure" as const,
      name: plan.name,
      region: location,
      groups: Object.fromEntries(groups.map(({ features: _f, ...g }) => [g.name, g])),
      offlineStoreId,
      ...(keyUri ? { encryptionKeyId: keyUri } : {}),
      azure: { resourceGroupName, workspaceId, workspaceName, ...(redisId ? { onlineStoreId: redisId } : {}) },
    };
    const client = {
      cloud: "azure" as const,
      region: location,
      groups: Object.fromEntries(groups.map((g) => [g.name, g])),
      azure: { subscriptionId, resourceGroupName, workspaceName, ...(redisHost ? { redisHost } : {}) },
    };
    return { info, client };
  });
}
