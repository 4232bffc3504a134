import type { Cloud } from "../../core/cloud";

/**
 * The neutral description of a ModelRegistry that other components take (`registry:
 * registry.info`). A consumer grants its own identity what it needs from these ids (an
 * InferenceService: pull images, read artifacts; a CI pipeline: push and register); the registry
 * never reaches into its consumers. Plain values, so it crosses stack references.
 */
export interface RegistryInfo {
  cloud: Cloud;
  /** The ModelRegistry's name. */
  name: string;
  /** AWS region, GCP region or Azure location. */
  region: string;
  /**
   * Where runs are tracked. AWS: the SageMaker MLflow tracking server's ARN (what the
   * `sagemaker-mlflow` plugin takes as `MLFLOW_TRACKING_URI`); Azure: the workspace's MLflow
   * tracking URI (`azureml://...`); GCP: the Vertex AI metadata store's resource name
   * (Vertex AI Experiments; GCP has no managed MLflow server). Empty when tracking is off.
   */
  trackingUri: string;
  /** Where serving images are pushed: ECR repository URL; `<region>-docker.pkg.dev/<project>/<repo>`; `<registry>.azurecr.io`. */
  imageRepositoryUrl: string;
  /** The image repository, for grants: ECR repository ARN; Artifact Registry repository id; ACR resource id. */
  imageRepositoryId: string;
  /** Where model artifacts live: `s3://<bucket>`; `gs://<bucket>`; `https://<account>.blob.core.windows.net/<container>`. */
  artifactUri: string;
  /** The artifact store, for grants: S3 bucket ARN; GCS bucket name; Azure storage account id. */
  artifactStoreId: string;
  /** The key that encrypts artifacts and images (readers need decrypt on AWS): KMS key ARN; Cloud KMS key id; Key Vault key id. Absent: platform-managed keys. */
  encryptionKeyId?: string;
  /**
   * Each declared model, by name: the SageMaker model package group ARN; on GCP the display name
   * its Vertex AI Model Registry entries are registered under at run time; on Azure the model's
   * name in the workspace (and registry, when shared).
   */
  models: Record<string, string>;
  /** AWS: managed policies a consumer attaches to its own role. */
  aws?: AwsRegistryInfo;
  gcp?: GcpRegistryInfo;
  azure?: AzureRegistryInfo;
}

/** A registry's AWS specifics: managed policies a consumer attaches to its own role. */
export interface AwsRegistryInfo {
  /** Pull images, read artifacts, describe model packages. */
  readerPolicyArn: string;
  /** Push images, write artifacts, register model package versions (as PendingManualApproval). */
  publisherPolicyArn: string;
  /** Approve or reject model package versions (promotion). */
  approverPolicyArn: string;
  /** The MLflow tracking server's ARN, when tracking is on. */
  trackingServerArn?: string;
}

/** A registry's GCP specifics. */
export interface GcpRegistryInfo {
  project: string;
  /** The Artifact Registry repository's short name (its `repositoryId`) and location, for IAM bindings on it. */
  repositoryName: string;
  repositoryLocation: string;
  /** The Vertex AI metadata store's id, and the TensorBoard's, when tracking is on. */
  metadataStoreId?: string;
  tensorboardId?: string;
}

/** A registry's Azure specifics. */
export interface AzureRegistryInfo {
  resourceGroupName: string;
  /** The Azure ML workspace: its id and name. */
  workspaceId: string;
  workspaceName: string;
  /** The blob container that holds artifacts. */
  artifactContainerName: string;
  /** The Azure ML registry, when models are shared across workspaces. */
  registryId?: string;
}
