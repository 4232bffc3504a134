import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { Key } from "@pulumi/azure-native/keyvault/key";
import { Vault } from "@pulumi/azure-native/keyvault/vault";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { Redis } from "@pulumi/azure-native/redis/redis";
import { BlobContainer } from "@pulumi/azure-native/storage/blobContainer";
import { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties";
import { ManagementPolicy } from "@pulumi/azure-native/storage/managementPolicy";
import { StorageAccount, type StorageAccountArgs } from "@pulumi/azure-native/storage/storageAccount";
import { PrincipalType } from "@pulumi/azure-native/types/enums/authorization";
import * as pulumi from "@pulumi/pulumi";
import { accountScopedName } from "../../../core/naming";
import type { AzureFeatureStore } from "./resources";
import { ROLES, type Step } from "./step";

/** The materialization identity: writes the stores, and unwraps the storage accounts' key. */
export function createIdentity({ plan, at, tags, opts, role }: Step): UserAssignedIdentity {
  return new UserAssignedIdentity(
    `${plan.name}-materialization`,
    role({ resourceGroupName: at.resourceGroupName, location: at.location, tags }, "identity"),
    opts,
  );
}

/**
 * A role assignment of one built-in role on one resource. The principal's type is always stated:
 * Azure refuses a type that does not match the principal (UnmatchedPrincipalType), the SDK sends
 * `User` when none is given, and a stated type spares a just-created identity the replication wait.
 */
export function grant(
  step: Step,
  name: string,
  scope: pulumi.Input<string>,
  roleId: string,
  principalId: pulumi.Input<string>,
  principalType: pulumi.Input<string> = PrincipalType.ServicePrincipal,
  opts: pulumi.CustomResourceOptions = {},
) {
  return new RoleAssignment(
    `${step.plan.name}-${name}`,
    {
      scope,
      roleDefinitionId: step.at.subscriptionId.apply(
        (s) => `/subscriptions/${s}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
      ),
      principalId,
      principalType,
    },
    { ...step.opts, ...opts },
  );
}

/**
 * An `access` principal: `user:<object id>`, `group:<object id>`, or a bare object id, a service
 * principal or managed identity (what InferenceService and TrainingCluster pass).
 */
export function accessPrincipal(id: pulumi.Input<string>): { principalId: pulumi.Output<string>; principalType: pulumi.Output<string> } {
  const parsed = pulumi.output(id).apply((raw) => {
    const m = /^(user|group):(.+)$/i.exec(raw);
    if (!m?.[1] || !m[2]) return { principalId: raw, principalType: PrincipalType.ServicePrincipal as string };
    return { principalId: m[2], principalType: m[1].toLowerCase() === "user" ? PrincipalType.User : PrincipalType.Group };
  });
  return { principalId: parsed.principalId, principalType: parsed.principalType };
}

/**
 * The Key Vault (RBAC, purge protection, private only): the workspace's vault, and the home of the
 * storage accounts' key. A purge-protected vault's name stays reserved after deletion for its retention, so the
 * name's hash takes the identity's principal id too: a destroyed and recreated store gets a new
 * identity, and with it a new vault name.
 */
export function createKeyVault(step: Step, identity: UserAssignedIdentity): Vault {
  const { plan, azure, at, tags, keepOpts, role } = step;
  const vault = new Vault(
    `${plan.name}-vault`,
    role(
      {
        resourceGroupName: at.resourceGroupName,
        location: at.location,
        vaultName: pulumi
          .all([at.subscriptionId, identity.principalId])
          .apply(([s, p]) => accountScopedName(azure.keyVaultName, `${s}/${p}`)),
        properties: {
          tenantId: identity.tenantId,
          sku: { family: "A", name: "standard" },
          enableRbacAuthorization: true,
          enablePurgeProtection: true,
          softDeleteRetentionInDays: azure.softDeleteRetentionDays,
          publicNetworkAccess: "Disabled",
          networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
        },
        tags,
      },
      "keyVault",
    ),
    keepOpts,
  );
  return vault;
}

/** The key the storage accounts encrypt with, and the identity's right to use it. */
export function createKey(step: Step, vault: Vault, identity: UserAssignedIdentity): NonNullable<AzureFeatureStore["encryption"]> {
  const { plan, at, tags, keepOpts, role } = step;
  const key = new Key(
    `${plan.name}-key`,
    role(
      {
        resourceGroupName: at.resourceGroupName,
        vaultName: vault.name,
        keyName: "offline-store",
        properties: {
          kty: "RSA",
          keySize: 3072,
          // Rotated every 90 days; storage follows the latest version (no version in the key URI).
          rotationPolicy: {
            lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }],
            attributes: { expiryTime: "P2Y" },
          },
        },
        tags,
      },
      "key",
    ),
    keepOpts,
  );
  // On the key, not the vault: the identity unwraps this key and no other secret of the vault.
  const keyUser = grant(step, "key-user", key.id, ROLES.keyVaultCryptoServiceEncryptionUser, identity.principalId);
  return { key, keyUser, vaultUri: vault.properties.apply((p) => p.vaultUri ?? "") };
}

/** What both storage accounts share: private, keyless, TLS 1.2, infrastructure encryption, CMK where asked. */
function storageArgs(
  step: Step,
  identity: UserAssignedIdentity,
  encryption: AzureFeatureStore["encryption"],
): Omit<StorageAccountArgs, "resourceGroupName" | "location" | "accountName" | "isHnsEnabled"> {
  return {
    kind: "StorageV2",
    sku: { name: step.plan.retain ? "Standard_ZRS" : "Standard_LRS" },
    minimumTlsVersion: "TLS1_2",
    enableHttpsTrafficOnly: true,
    allowBlobPublicAccess: false,
    allowSharedKeyAccess: false,
    allowCrossTenantReplication: false,
    publicNetworkAccess: "Disabled",
    networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
    identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
    encryption: {
      requireInfrastructureEncryption: true,
      services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
      ...(encryption
        ? {
            keySource: "Microsoft.Keyvault",
            keyVaultProperties: { keyName: encryption.key.name, keyVaultUri: encryption.vaultUri },
            encryptionIdentity: { encryptionUserAssignedIdentity: identity.id },
          }
        : { keySource: "Microsoft.Storage" }),
    },
    tags: step.tags,
  };
}

/** The offline store: ADLS Gen2 (hierarchical namespace), its container, soft delete and the retention. */
export function createOfflineStorage(
  step: Step,
  identity: UserAssignedIdentity,
  encryption: AzureFeatureStore["encryption"],
): AzureFeatureStore["offline"] {
  const { plan, azure, at, keepOpts, role } = step;
  const account = new StorageAccount(
    `${plan.name}-offline`,
    role(
      {
        resourceGroupName: at.resourceGroupName,
        location: at.location,
        accountName: at.subscriptionId.apply((s) => accountScopedName(azure.offlineStorageName, s)),
        ...storageArgs(step, identity, encryption),
        isHnsEnabled: true,
      },
      "offlineStorage",
    ),
    { ...keepOpts, dependsOn: encryption ? [encryption.keyUser] : [] },
  );
  const blobService = new BlobServiceProperties(
    `${plan.name}-offline`,
    {
      resourceGroupName: at.resourceGroupName,
      accountName: account.name,
      blobServicesName: "default",
      // Soft delete: a deleted or overwritten file stays recoverable for a week.
      deleteRetentionPolicy: { enabled: true, days: 7 },
      containerDeleteRetentionPolicy: { enabled: true, days: 7 },
    },
    keepOpts,
  );
  const container = new BlobContainer(
    `${plan.name}-offline`,
    { resourceGroupName: at.resourceGroupName, accountName: account.name, containerName: azure.offlineContainer, publicAccess: "None" },
    keepOpts,
  );
  const lifecycle = new ManagementPolicy(
    `${plan.name}-offline`,
    {
      resourceGroupName: at.resourceGroupName,
      accountName: account.name,
      managementPolicyName: "default",
      policy: {
        rules: [
          {
            name: "expire-offline-rows",
            enabled: true,
            type: "Lifecycle",
            definition: {
              // Source data and materialized rows age out; the feature set specs stay.
              filters: {
                blobTypes: ["blockBlob"],
                prefixMatch: [`${azure.offlineContainer}/sources/`, `${azure.offlineContainer}/materialized/`],
              },
              actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: plan.offline.retentionDays } } },
            },
          },
        ],
      },
    },
    keepOpts,
  );
  return { account, blobService, container, lifecycle };
}

/** The workspace's own storage (the service's artifacts), kept apart from the offline data. */
export function createWorkspaceStorage(
  step: Step,
  identity: UserAssignedIdentity,
  encryption: AzureFeatureStore["encryption"],
): StorageAccount {
  const { plan, azure, at, keepOpts, role } = step;
  return new StorageAccount(
    `${plan.name}-workspace`,
    role(
      {
        resourceGroupName: at.resourceGroupName,
        location: at.location,
        accountName: at.subscriptionId.apply((s) => accountScopedName(azure.workspaceStorageName, s)),
        ...storageArgs(step, identity, encryption),
        isHnsEnabled: false,
      },
      "workspaceStorage",
    ),
    { ...keepOpts, dependsOn: encryption ? [encryption.keyUser] : [] },
  );
}

/**
 * The online store: Azure Cache for Redis, TLS 1.2 only, the plain port off, no public access
 * (reached through its private endpoint). Standard in dev, Premium (zone-redundant) in prod.
 */
export function createRedis(step: Step): Redis {
  const { plan, azure, at, tags, keepOpts, role } = step;
  return new Redis(
    `${plan.name}-online`,
    role(
      {
        resourceGroupName: at.resourceGroupName,
        location: at.location,
        name: at.subscriptionId.apply((s) => accountScopedName(azure.redisName, s)),
        sku: plan.retain
          ? { name: "Premium", family: "P", capacity: azure.redisCapacity }
          : { name: "Standard", family: "C", capacity: azure.redisCapacity },
        enableNonSslPort: false,
        minimumTlsVersion: "1.2",
        publicNetworkAccess: "Disabled",
        redisVersion: "6",
        tags,
      },
      "redis",
    ),
    keepOpts,
  );
}
