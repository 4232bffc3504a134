import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { FederatedIdentityCredential } from "@pulumi/azure-native/managedidentity/federatedIdentityCredential";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { PrincipalType } from "@pulumi/azure-native/types/enums/authorization";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { azureTags } from "../../../core/tags";
import type { RegistryInfo } from "../../model-registry/info";
import type { PipelineInputs } from "../contract";
import { type CiCdPipelinePlan, type CiIdentityPlan, CiRole, GITHUB_ISSUER } from "../plan";
import { AZURE_TOKEN_AUDIENCE } from "../plan-azure";

/** Built-in role definition ids (Azure RBAC "Azure built-in roles"). */
export const ROLES = {
  acrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  azureMlDataScientist: "f6c7c914-8db3-469d-8ca1-694a8f32e121",
  virtualMachineContributor: "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
} as const;
type RoleName = keyof typeof ROLES;

export interface AzureIdentities {
  identities: Record<string, UserAssignedIdentity>;
  credentials: Record<string, FederatedIdentityCredential>;
  assignments: RoleAssignment[];
}

/** The role definition's id in the subscription of the resource it is assigned on. */
function roleDefinition(scope: string, role: RoleName): string {
  return `/subscriptions/${scope.split("/")[2]}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[role]}`;
}

function assign(
  name: string,
  scope: pulumi.Output<string>,
  role: RoleName,
  principalId: pulumi.Output<string>,
  opts: pulumi.CustomResourceOptions,
) {
  return new RoleAssignment(
    name,
    {
      scope,
      roleDefinitionId: scope.apply((s) => roleDefinition(s, role)),
      principalId,
      // Declared, so Azure does not look the new identity up in a directory that may not have it yet.
      principalType: PrincipalType.ServicePrincipal,
    },
    opts,
  );
}

/**
 * Blob rights on the registry's artifact container, not the whole storage account (Azure Storage,
 * "Assign an Azure role for access to blob data": a container is a role assignment scope).
 */
export function artifactScope(r: RegistryInfo): string {
  const container = r.azure?.artifactContainerName;
  return container ? `${r.artifactStoreId}/blobServices/default/containers/${container}` : r.artifactStoreId;
}

/** Rights by role, each on the resource itself: the registry, the artifact container, the workspace, each scale set. */
function grants(
  plan: CiCdPipelinePlan,
  id: CiIdentityPlan,
  principalId: pulumi.Output<string>,
  inputs: PipelineInputs,
  opts: pulumi.CustomResourceOptions,
) {
  const n = `${plan.name}-ci-${id.key}`;
  const r = inputs.registry;
  const acr = r.apply((x) => x.imageRepositoryId);
  const storage = r.apply(artifactScope);
  switch (id.role) {
    case CiRole.publish: {
      const out = [
        assign(`${n}-images`, acr, "acrPush", principalId, opts),
        assign(`${n}-artifacts`, storage, "storageBlobDataContributor", principalId, opts),
      ];
      if (plan.build.model)
        out.push(
          assign(
            `${n}-workspace`,
            r.apply((x) => x.azure?.workspaceId ?? ""),
            "azureMlDataScientist",
            principalId,
            opts,
          ),
        );
      return out;
    }
    case CiRole.preview:
      return [
        assign(`${n}-images`, acr, "acrPull", principalId, opts),
        assign(`${n}-artifacts`, storage, "storageBlobDataReader", principalId, opts),
      ];
    case CiRole.deploy: {
      const services = inputs.stageServices.apply((by) => by[id.stage ?? ""] ?? []);
      const count = inputs.stageServiceCounts[id.stage ?? ""] ?? 0;
      const out = [assign(`${n}-images`, acr, "acrPush", principalId, opts)];
      for (let k = 0; k < count; k++) {
        out.push(
          assign(
            `${n}-rollout-${k}`,
            services.apply((s) => s[k]?.scalingGroupId ?? ""),
            "virtualMachineContributor",
            principalId,
            opts,
          ),
        );
      }
      return out;
    }
  }
}

/** A user-assigned identity per CI identity, federated with exactly one GitHub token subject. */
export function createIdentities(
  plan: CiCdPipelinePlan,
  inputs: PipelineInputs,
  resourceGroupName: pulumi.Output<string>,
  ctx: ProvisionContext,
): AzureIdentities {
  const a = plan.azure;
  if (!a) throw new Error("CiCdPipeline: an Azure plan is needed");
  const identities: Record<string, UserAssignedIdentity> = {};
  const credentials: Record<string, FederatedIdentityCredential> = {};
  const assignments: RoleAssignment[] = [];
  for (const id of plan.identities) {
    const n = `${plan.name}-ci-${id.key}`;
    const identity = new UserAssignedIdentity(
      n,
      withOverrides(
        { resourceGroupName, resourceName: a.identityNames[id.key], tags: azureTags({ ...plan.tags, Name: n }) },
        a.overrides,
        "identity",
      ),
      ctx.opts,
    );
    identities[id.key] = identity;
    credentials[id.key] = new FederatedIdentityCredential(
      n,
      withOverrides(
        {
          resourceGroupName,
          resourceName: identity.name,
          federatedIdentityCredentialResourceName: a.credentialNames[id.key],
          issuer: GITHUB_ISSUER,
          subject: id.subject,
          audiences: [AZURE_TOKEN_AUDIENCE],
        },
        a.overrides,
        "federatedCredential",
      ),
      ctx.opts,
    );
    assignments.push(...grants(plan, id, identity.principalId, inputs, ctx.opts));
  }
  return { identities, credentials, assignments };
}
