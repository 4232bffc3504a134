import type { Cloud } from "../../core/cloud";

/** What an application needs to read one group. */
export interface ClientGroupConfig {
  /** The record identifier(s) to look features up by. */
  keys: string[];
  eventTimeFeature: string;
  features: string[];
  online: boolean;
  /** SageMaker feature group name; Vertex AI feature view id; Azure ML `name:version`. */
  onlineId?: string;
  offlineLocation: string;
}

/** AWS: SageMaker Feature Store Runtime (`GetRecord`/`BatchGetRecord`) and Athena over Glue. */
export interface AwsClientConfig {
  glueDatabase: string;
}

/** GCP: Vertex AI `FeatureOnlineStoreService.FetchFeatureValues` and BigQuery. */
export interface GcpClientConfig {
  project: string;
  dataset: string;
  /** The online store's resource name (`projects/.../featureOnlineStores/<id>`). */
  onlineStore?: string;
  /** Optimized stores: the Private Service Connect attachment clients reach the store through. */
  serviceAttachment?: string;
}

/** Azure: the azureml-featurestore SDK, by workspace. */
export interface AzureClientConfig {
  subscriptionId: string;
  resourceGroupName: string;
  workspaceName: string;
  /** The Redis host the online store serves from (TLS, port 6380). */
  redisHost?: string;
}

/** A generated client configuration: plain JSON an application reads features with. */
export interface FeatureStoreClientConfig {
  cloud: Cloud;
  region: string;
  groups: Record<string, ClientGroupConfig>;
  aws?: AwsClientConfig;
  gcp?: GcpClientConfig;
  azure?: AzureClientConfig;
}
