import type { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import type * as pulumi from "@pulumi/pulumi";
import type { RegistryInfo } from "../../model-registry/info";

/**
 * The instance role reads the service's ModelRegistry: its reader policy (ECR pull with the
 * registry token, S3 read of the artifacts, decrypt with their key) attached to the role.
 */
export function grantRegistryRead(
  name: string,
  registry: pulumi.Output<RegistryInfo> | undefined,
  role: Role,
  opts: pulumi.CustomResourceOptions,
): RolePolicyAttachment[] {
  if (!registry) return [];
  const policyArn = registry.apply((r) => {
    if (!r.aws) throw new Error(`InferenceService "${name}": registry is missing its AWS reader policy (info.aws.readerPolicyArn)`);
    return r.aws.readerPolicyArn;
  });
  return [new RolePolicyAttachment(`${name}-registry-read`, { role: role.name, policyArn }, opts)];
}

/**
 * The instances' identity with the registry's read grant among its permissions: the group waits for
 * it as for the role's other permissions, or its first instances could not pull their image.
 */
export function withRegistryRead<I extends { role: Role; permissions: pulumi.Resource[] }>(
  identity: I,
  name: string,
  registry: pulumi.Output<RegistryInfo> | undefined,
  opts: pulumi.CustomResourceOptions,
): I & { registryRead: RolePolicyAttachment[] } {
  const registryRead = grantRegistryRead(name, registry, identity.role, opts);
  return { ...identity, permissions: [...identity.permissions, ...registryRead], registryRead };
}
