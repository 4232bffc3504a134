import type { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import type { FederatedIdentityCredential } from "@pulumi/azure-native/managedidentity/federatedIdentityCredential";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";

/** The Azure resources of a CiCdPipeline (GitHub Actions only: no build service in Azure). */
export interface AzureCiCdPipeline {
  /** By identity key (`publish`, `preview`, `deploy-<stage>`). */
  identities: Record<string, UserAssignedIdentity>;
  credentials: Record<string, FederatedIdentityCredential>;
  roleAssignments: RoleAssignment[];
}

declare module "../contract" {
  /** Types the `.azure` escape hatch for programs that import `mlops-kit/azure`. */
  interface CiCdPipelineCloudResources {
    azure: AzureCiCdPipeline;
  }
}
