import type { Dataset } from "@pulumi/gcp/bigquery/dataset";
import type { DatasetIamMember } from "@pulumi/gcp/bigquery/datasetIamMember";
import type { Table } from "@pulumi/gcp/bigquery/table";
import type { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import type { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import type { KeyRing } from "@pulumi/gcp/kms/keyRing";
import type { ServiceIdentity } from "@pulumi/gcp/projects/serviceIdentity";
import type { AiFeatureGroup } from "@pulumi/gcp/vertex/aiFeatureGroup";
import type { AiFeatureGroupFeature } from "@pulumi/gcp/vertex/aiFeatureGroupFeature";
import type { AiFeatureOnlineStore } from "@pulumi/gcp/vertex/aiFeatureOnlineStore";
import type { AiFeatureOnlineStoreFeatureview } from "@pulumi/gcp/vertex/aiFeatureOnlineStoreFeatureview";
import type { AiFeatureOnlineStoreIamMember } from "@pulumi/gcp/vertex/aiFeatureOnlineStoreIamMember";

/** The GCP resources of a FeatureStore. */
export interface GcpFeatureStore {
  /**
   * The key (rotating every 90 days) that encrypts the dataset and the online store, the agents'
   * grants to use it (BigQuery's, Vertex AI's), and the identity that makes Vertex AI's agent exist.
   */
  encryption?: { keyRing: KeyRing; key: CryptoKey; vertexAgent: ServiceIdentity; agents: CryptoKeyIAMMember[] };
  /** The offline store and the groups' sources. */
  dataset: Dataset;
  /** By group name. */
  tables: Record<string, Table>;
  /** Absent when no group is online. */
  onlineStore?: AiFeatureOnlineStore;
  /** By group name. */
  featureGroups: Record<string, AiFeatureGroup>;
  /** By group name, then feature name. */
  features: Record<string, Record<string, AiFeatureGroupFeature>>;
  /** By group name, for the online groups. */
  featureViews: Record<string, AiFeatureOnlineStoreFeatureview>;
  /** `access.readers` / `access.writers` grants. */
  grants: (DatasetIamMember | AiFeatureOnlineStoreIamMember)[];
}

declare module "../contract" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface FeatureStoreCloudResources {
    gcp: GcpFeatureStore;
  }
}
