import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import type { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import { FederatedIdentityCredential } from "@pulumi/azure-native/managedidentity/federatedIdentityCredential";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { PrincipalType } from "@pulumi/azure-native/types/enums/authorization";
import type * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import { azureTags } from "../../../core/tags";
import type { TeamAccessInputs } from "../contract";
import type { TrainingClusterPlan } from "../plan";
import { AZURE_ROLES, type AzureScope, roleId } from "./cluster";

/** The audience AKS workload identity tokens carry (AKS "Workload identity overview"). */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

export interface TeamIdentity {
  identity: UserAssignedIdentity;
  credential: FederatedIdentityCredential;
  grants: RoleAssignment[];
}

/**
 * A user-assigned identity per team, federated with the team's service account through the
 * cluster's OIDC issuer, with AcrPull on the registry and Storage Blob Data Reader on the registry's
 * artifact account and the feature store's offline account: on those resources only.
 */
export function createTeamIdentities(
  plan: TrainingClusterPlan,
  az: AzureScope,
  cluster: ManagedCluster,
  access: Record<string, TeamAccessInputs>,
  ctx: ProvisionContext,
): Record<string, TeamIdentity> {
  const out: Record<string, TeamIdentity> = {};
  for (const t of plan.teams) {
    const base = `${plan.name}-${t.name}`;
    const identity = new UserAssignedIdentity(
      base,
      { resourceGroupName: az.resourceGroupName, location: az.location, tags: azureTags(plan.tags) },
      ctx.opts,
    );
    const credential = new FederatedIdentityCredential(
      base,
      {
        resourceGroupName: az.resourceGroupName,
        resourceName: identity.name,
        issuer: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ""),
        subject: `system:serviceaccount:${t.namespace}:${t.serviceAccount}`,
        audiences: [WORKLOAD_IDENTITY_AUDIENCE],
      },
      ctx.opts,
    );
    const grant = (suffix: string, scope: pulumi.Input<string>, role: string) =>
      new RoleAssignment(
        `${base}-${suffix}`,
        {
          scope,
          roleDefinitionId: roleId(az.subscriptionId, role),
          principalId: identity.principalId,
          principalType: PrincipalType.ServicePrincipal,
        },
        ctx.opts,
      );
    const a = access[t.name];
    const grants: RoleAssignment[] = [];
    if (a?.registry) {
      grants.push(grant("images", a.registry.imageRepositoryId, AZURE_ROLES.acrPull));
      grants.push(grant("artifacts", a.registry.artifactStoreId, AZURE_ROLES.storageBlobDataReader));
    }
    if (a?.featureStore) grants.push(grant("features", a.featureStore.offlineStoreId, AZURE_ROLES.storageBlobDataReader));
    out[t.name] = { identity, credential, grants };
  }
  return out;
}
