import type { Cloud } from "../../core/cloud";

/** One feature group (feature view) as its readers see it. */
export interface FeatureGroupInfo {
  /** The group's name in the spec. */
  name: string;
  /** The entity's join keys, in order: the record identifier(s) a reader looks features up by. */
  keys: string[];
  /** The event-time column. */
  eventTimeFeature: string;
  /** Whether the group is served online. */
  online: boolean;
  /**
   * The group's online read target: SageMaker feature group name; the Vertex AI feature view's
   * resource id; the Azure ML feature set's `name:version`. Absent when not served online.
   */
  onlineId?: string;
  /** The group's offline data: `s3://...` prefix; `project.dataset.table`; `abfss://...` path. */
  offlineLocation: string;
}

/**
 * The neutral description of a FeatureStore that other components take (`featureStore:
 * fs.info`): an InferenceService grants itself online reads from it, a TrainingCluster offline
 * reads. Plain values, so it crosses stack references.
 */
export interface FeatureStoreInfo {
  cloud: Cloud;
  /** The FeatureStore's name. */
  name: string;
  /** AWS region, GCP region or Azure location. */
  region: string;
  /** By group name. */
  groups: Record<string, FeatureGroupInfo>;
  /** The offline store, for grants: S3 bucket ARN; BigQuery dataset id (`projects/<p>/datasets/<d>`); ADLS Gen2 storage account id. */
  offlineStoreId: string;
  /** The key that encrypts the stores (readers need decrypt on AWS): KMS key ARN; Cloud KMS key id; Key Vault key id. Absent: platform-managed keys. */
  encryptionKeyId?: string;
  aws?: AwsFeatureStoreInfo;
  gcp?: GcpFeatureStoreInfo;
  azure?: AzureFeatureStoreInfo;
}

/** A feature store's AWS specifics: managed policies a consumer attaches to its own role. */
export interface AwsFeatureStoreInfo {
  /** GetRecord / BatchGetRecord on the online groups. */
  onlineReaderPolicyArn: string;
  /** Read the offline store (S3, Glue catalog, Athena query results are the reader's own). */
  offlineReaderPolicyArn: string;
  /** The Glue database that catalogs the offline store. */
  glueDatabaseName: string;
}

/** A feature store's GCP specifics. */
export interface GcpFeatureStoreInfo {
  project: string;
  /** The BigQuery dataset (offline store) and the Vertex AI online store. */
  datasetId: string;
  onlineStoreId?: string;
}

/** A feature store's Azure specifics. */
export interface AzureFeatureStoreInfo {
  resourceGroupName: string;
  /** The Azure ML workspace of kind FeatureStore. */
  workspaceId: string;
  workspaceName: string;
  /** The Redis cache that serves online reads, when any group is online. */
  onlineStoreId?: string;
}
