import type { Overrides } from "../../core/backend";
import type { DeployContext } from "../../core/context";
import { physicalName } from "../../core/naming";
import type { OVERRIDE_ROLES } from "./args";
import { REGISTRY_PROFILE_DEFAULTS } from "./defaults";
import type { ModelRegistrySpec } from "./spec";

/** The ARM values of the spec's isolation modes (ManagedNetworkSettings.isolationMode). */
export const AZURE_ISOLATION_MODE = {
  allowOnlyApprovedOutbound: "AllowOnlyApprovedOutbound",
  allowInternetOutbound: "AllowInternetOutbound",
} as const;

/**
 * Key Vault soft delete keeps a deleted vault 7 to 90 days (Key Vault "soft-delete overview"); the
 * security pack asks for 90 in every profile (mlops-azure-keyvault-soft-delete), and
 * `azure.nameGeneration` gives a rebuilt stack a vault name that is not reserved.
 */
export const KEY_VAULT_SOFT_DELETE_DAYS = { dev: 90, prod: 90 } as const;

export interface AzureRegistryPlan {
  /** Global names, before their hash is redone over the subscription. */
  storageAccountName: string;
  keyVaultName: string;
  containerRegistryName: string;
  workspaceName: string;
  mlRegistryName: string;
  artifactContainerName: string;
  isolationMode: string;
  hbiWorkspace: boolean;
  sharedRegistry: boolean;
  keyVaultSoftDeleteDays: number;
  /** Blob and container soft delete: the artifact retention, at most 365 days (Azure Storage "Soft delete for blobs"). */
  blobSoftDeleteDays: number;
  /** ACR deletes untagged manifests after this many days (retention policy, 0 to 365, Premium only). */
  untaggedRetentionDays: number;
  /** Zone-redundant storage and registry in prod (Premium ACR supports zone redundancy). */
  zoneRedundant: boolean;
  logRetentionDays: number;
  overrides: Overrides<(typeof OVERRIDE_ROLES.azure)[number]>;
}

export function planAzureRegistry(name: string, spec: ModelRegistrySpec, ctx: DeployContext, shared: boolean): AzureRegistryPlan {
  const azure = spec.azure;
  const prod = ctx.profile === "prod";
  // A soft-deleted vault or workspace keeps its name: a new generation gets new names.
  const generation = azure?.nameGeneration ? [`g${azure.nameGeneration}`] : [];
  return {
    storageAccountName: physicalName("azureStorageAccount", [name, "models"], ctx.scope),
    keyVaultName: physicalName("azureKeyVault", [name, "kv", ...generation], ctx.scope),
    containerRegistryName: physicalName("azureContainerRegistry", [name, "images"], ctx.scope),
    workspaceName: physicalName("azureMlWorkspace", [name, ...generation], ctx.scope),
    mlRegistryName: physicalName("azureMlWorkspace", [name, "shared"], ctx.scope),
    artifactContainerName: "models",
    isolationMode: AZURE_ISOLATION_MODE[azure?.isolationMode ?? "allowOnlyApprovedOutbound"],
    hbiWorkspace: azure?.hbiWorkspace ?? prod,
    sharedRegistry: azure?.sharedRegistry ?? shared,
    keyVaultSoftDeleteDays: KEY_VAULT_SOFT_DELETE_DAYS[ctx.profile],
    blobSoftDeleteDays: Math.min(spec.artifacts.noncurrentVersionDays ?? REGISTRY_PROFILE_DEFAULTS[ctx.profile].noncurrentVersionDays, 365),
    untaggedRetentionDays: Math.min(spec.images.untaggedExpiryDays ?? REGISTRY_PROFILE_DEFAULTS[ctx.profile].untaggedExpiryDays, 365),
    zoneRedundant: prod,
    logRetentionDays: prod ? 365 : 30,
    overrides: (azure?.overrides ?? {}) as AzureRegistryPlan["overrides"],
  };
}
