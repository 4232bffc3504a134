import { RepositoryIamMember } from "@pulumi/gcp/artifactregistry/repositoryIamMember";
import * as pulumi from "@pulumi/pulumi";
import { SpecError } from "../../../core/errors";
import { TYPE } from "../plan";

/** An Artifact Registry repository, as an image reference names it. */
export interface ArtifactRepository {
  location: string;
  project: string;
  repository: string;
}

/**
 * `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE[:TAG|@DIGEST]` ("Repository and image names",
 * Artifact Registry docs). Domain-scoped projects (`example.com:proj`) appear as `example.com/proj`.
 */
const ARTIFACT_REGISTRY_IMAGE = /^([a-z0-9-]+)-docker\.pkg\.dev\/((?:[a-z0-9.-]+\/)?[a-z][a-z0-9-]*[a-z0-9])\/([a-z0-9][a-z0-9._-]*)\/.+$/;

/** The repository an image lives in, or undefined when it is not an Artifact Registry image. */
export function artifactRepositoryOf(image: string): ArtifactRepository | undefined {
  const m = ARTIFACT_REGISTRY_IMAGE.exec(image);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return { location: m[1], project: m[2].replace("/", ":"), repository: m[3] };
}

/**
 * Reader on the image's own repository, in whichever project it lives: the least the instances need
 * to pull it, and the only grant that works for a registry in another project. Images elsewhere
 * (public registries) need no grant. An image given as an output must be an Artifact Registry
 * reference, since whether to grant is decided before its value is known.
 */
export function grantImagePull(
  name: string,
  image: pulumi.Input<string>,
  member: pulumi.Output<string>,
  opts: pulumi.CustomResourceOptions,
): RepositoryIamMember | undefined {
  if (typeof image === "string" && artifactRepositoryOf(image) === undefined) return undefined;
  const repo = pulumi.output(image).apply((ref) => {
    const r = artifactRepositoryOf(ref);
    if (!r) {
      throw new SpecError(TYPE, name, [
        {
          path: "image",
          message: `(${ref}) must be an Artifact Registry image (LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE) when given as an output; pass other registries' images as plain strings`,
        },
      ]);
    }
    return r;
  });
  return new RepositoryIamMember(
    `${name}-image-reader`,
    { project: repo.project, location: repo.location, repository: repo.repository, role: "roles/artifactregistry.reader", member },
    opts,
  );
}
