import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { PrincipalType } from "@pulumi/azure-native/types/enums/authorization";
import type * as pulumi from "@pulumi/pulumi";
import type { RegistryInfo } from "../../model-registry/info";

/** Built-in role ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
const ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
const STORAGE_BLOB_DATA_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";

const roleDefinition = (scope: string, role: string) =>
  `/subscriptions/${scope.split("/")[2]}/providers/Microsoft.Authorization/roleDefinitions/${role}`;

/**
 * The instances' identity reads the service's ModelRegistry: AcrPull on its container registry and
 * Storage Blob Data Reader on its artifact storage account, each assigned on that resource only.
 */
export function grantRegistryRead(
  name: string,
  registry: pulumi.Output<RegistryInfo> | undefined,
  identity: UserAssignedIdentity,
  opts: pulumi.CustomResourceOptions,
): RoleAssignment[] {
  if (!registry) return [];
  const assign = (suffix: string, scope: pulumi.Output<string>, role: string, what: string) =>
    new RoleAssignment(
      `${name}-registry-${suffix}`,
      {
        scope,
        roleDefinitionId: scope.apply((s) => roleDefinition(s, role)),
        principalId: identity.principalId,
        // Declared, so Azure does not look the new identity up in a directory that may not have it yet.
        principalType: PrincipalType.ServicePrincipal,
        description: `Instances of ${name} ${what}`,
      },
      opts,
    );
  return [
    assign("pull", registry.imageRepositoryId, ACR_PULL, "pull serving images"),
    assign("artifacts", registry.artifactStoreId, STORAGE_BLOB_DATA_READER, "read model artifacts"),
  ];
}
