import type { Repository } from "@pulumi/gcp/artifactregistry/repository";
import type { RepositoryIamMember } from "@pulumi/gcp/artifactregistry/repositoryIamMember";
import type { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import type { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import type { KeyRing } from "@pulumi/gcp/kms/keyRing";
import type { ServiceIdentity } from "@pulumi/gcp/projects/serviceIdentity";
import type { Bucket } from "@pulumi/gcp/storage/bucket";
import type { BucketIAMMember } from "@pulumi/gcp/storage/bucketIAMMember";
import type { AiMetadataStore } from "@pulumi/gcp/vertex/aiMetadataStore";
import type { AiTensorboard } from "@pulumi/gcp/vertex/aiTensorboard";

/** The GCP resources of a ModelRegistry. */
export interface GcpModelRegistry {
  keyRing: KeyRing;
  /** Encrypts artifacts, images, the metadata store and the TensorBoard (CMEK); rotates every 90 days. */
  key: CryptoKey;
  /** The Vertex AI and Artifact Registry service agents (created if the project has none yet). */
  serviceAgents: { vertex: ServiceIdentity; artifactRegistry: ServiceIdentity };
  /** The service agents' right to use the key, by service (`vertex`, `artifactRegistry`, `storage`). */
  keyGrants: Record<string, CryptoKeyIAMMember>;
  bucket: Bucket;
  repository: Repository;
  /** Experiments and lineage (Vertex AI Experiments), when tracking is on. */
  metadataStore?: AiMetadataStore;
  /** Run metrics, when tracking is on. */
  tensorboard?: AiTensorboard;
  /** `access` grants on the repository and the bucket. */
  repositoryMembers: RepositoryIamMember[];
  bucketMembers: BucketIAMMember[];
}

declare module "../contract" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface ModelRegistryCloudResources {
    gcp: GcpModelRegistry;
  }
}
