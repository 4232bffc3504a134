import { RepositoryIamMember } from "@pulumi/gcp/artifactregistry/repositoryIamMember";
import { BucketIAMMember } from "@pulumi/gcp/storage/bucketIAMMember";
import type * as pulumi from "@pulumi/pulumi";
import type { RegistryInfo } from "../../model-registry/info";

/**
 * The instances' service account reads the service's ModelRegistry: Artifact Registry reader on its
 * repository and object viewer on its artifact bucket, each granted on that resource only.
 */
export function grantRegistryRead(
  name: string,
  registry: pulumi.Output<RegistryInfo> | undefined,
  member: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Resource[] {
  if (!registry) return [];
  const gcp = registry.apply((r) => {
    if (!r.gcp) throw new Error(`InferenceService "${name}": registry is missing its GCP repository (info.gcp)`);
    return r.gcp;
  });
  const images = new RepositoryIamMember(
    `${name}-registry-images`,
    {
      project: gcp.project,
      location: gcp.repositoryLocation,
      repository: gcp.repositoryName,
      role: "roles/artifactregistry.reader",
      member,
    },
    opts,
  );
  const artifacts = new BucketIAMMember(
    `${name}-registry-artifacts`,
    { bucket: registry.artifactStoreId, role: "roles/storage.objectViewer", member },
    opts,
  );
  return [images, artifacts];
}
