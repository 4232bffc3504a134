import type * as pulumi from "@pulumi/pulumi";
import type { FeatureStorePlan } from "../plan";
import type { AzureFeatureStorePlan } from "../plan-azure";
import type { OVERRIDE_ROLES } from "../spec";

/** The network's facts the Azure backend places resources with. */
export interface AzurePlacement {
  resourceGroupName: pulumi.Output<string>;
  location: pulumi.Output<string>;
  subscriptionId: pulumi.Output<string>;
  /** The private tier's subnet: every private endpoint goes there. */
  privateSubnetId: pulumi.Output<string>;
  /** `privatelink.*` zones by service (`blob`, `dfs`, `file`, `keyVault`, `mlApi`, `mlNotebooks`, `redis`). */
  privateDnsZoneIds: pulumi.Output<Record<string, string>>;
}

/** What every step of the Azure backend takes. */
export interface Step {
  plan: FeatureStorePlan;
  azure: AzureFeatureStorePlan;
  at: AzurePlacement;
  tags: Record<string, string>;
  opts: pulumi.CustomResourceOptions;
  /** Stateful resources: kept on destroy in prod. */
  keepOpts: pulumi.CustomResourceOptions;
  /** The spec's overrides for one child role merged over its arguments. */
  role: <T extends object>(args: T, role: (typeof OVERRIDE_ROLES)["azure"][number]) => T;
}

/** Built-in role ids (Azure "Built-in roles" reference). */
export const ROLES = {
  /** Lets a storage account's identity wrap and unwrap with a key (CMK). */
  keyVaultCryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  /** Feature sets and materialization jobs in the feature store workspace. */
  azureMlDataScientist: "f6c7c914-8db3-469d-8ca1-694a8f32e121",
  /** Manage the cache, list its keys (materialization writes to Redis with them). */
  redisCacheContributor: "e0f68234-74aa-48ed-b826-c38b57376e17",
} as const;
