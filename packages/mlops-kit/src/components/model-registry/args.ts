import type * as pulumi from "@pulumi/pulumi";
import type { PassThroughArgs } from "../../core/backend";
import type { Cloud, Profile } from "../../core/cloud";
import type { NetworkInfo } from "../network/info";

/** The size of the experiment-tracking server (AWS: the SageMaker MLflow tracking server's size). */
export const TrackingSize = {
  /** Up to about 25 users (SageMaker "Small"). */
  small: "small",
  /** Up to about 50 users (SageMaker "Medium"). */
  medium: "medium",
  /** Up to about 100 users (SageMaker "Large"). */
  large: "large",
} as const;
export type TrackingSize = (typeof TrackingSize)[keyof typeof TrackingSize];

/** How an Azure ML workspace's managed network reaches the internet. */
export const AzureIsolationMode = {
  /** Outbound only to approved destinations (Azure ML's own services and the rules you add). */
  allowOnlyApprovedOutbound: "allowOnlyApprovedOutbound",
  /** Outbound to the internet allowed; inbound stays private. */
  allowInternetOutbound: "allowInternetOutbound",
} as const;
export type AzureIsolationMode = (typeof AzureIsolationMode)[keyof typeof AzureIsolationMode];

/** One model the registry holds versions of. */
export interface ModelArgs {
  /** The model's name: a lowercase DNS label of at most 32 characters (`fraud-detector`). */
  name: string;
  /** What the model does. @default none */
  description?: string | undefined;
  /** Tags (labels on GCP) for the model's own registry entry, over the registry's. @default {} */
  tags?: Record<string, string> | undefined;
}

/** Experiment tracking: runs with parameters, metrics, artifacts, source and environment. */
export interface TrackingArgs {
  /** Run a tracking server (AWS MLflow; GCP Vertex AI Experiments + TensorBoard; Azure ML's built-in MLflow). @default true */
  enabled?: boolean | undefined;
  /** AWS: the tracking server's size (the other clouds' tracking is serverless). @default "small" */
  size?: TrackingSize;
}

/** The model artifact store. */
export interface ArtifactsArgs {
  /** Days a replaced or deleted artifact version is kept before it is removed, 1 to 3650. @default 30 in dev, 365 in prod */
  noncurrentVersionDays?: number | undefined;
}

/** The serving-image repository. */
export interface ImagesArgs {
  /** Tags cannot be moved once pushed (a tag names one image for good). @default true */
  immutableTags?: boolean | undefined;
  /** Days an untagged image is kept before it is deleted, 1 to 3650. @default 14 in dev, 90 in prod */
  untaggedExpiryDays?: number | undefined;
}

/** Promotion of model versions through the stages. */
export interface ApprovalArgs {
  /**
   * New versions wait for an approver before they may be served (AWS: registered as
   * `PendingManualApproval`; the publisher policy cannot approve).
   * @default true
   */
  required?: boolean | undefined;
}

/**
 * Who may do what, as the cloud's principals: AWS IAM role ARNs of this account; GCP IAM members
 * (`serviceAccount:ci@p.iam.gserviceaccount.com`, `group:ml@example.com`); Azure principal
 * (object) ids. Components of this library that consume the registry grant themselves (an
 * InferenceService given `registry: registry.info`), so they are not listed here.
 */
export interface AccessArgs {
  /** Push images, write artifacts, register versions (a CI identity). @default none */
  writers?: string[] | undefined;
  /** Approve, reject and promote versions. @default none */
  approvers?: string[] | undefined;
  /** Pull images, read artifacts and versions. @default none */
  readers?: string[] | undefined;
  /**
   * Other accounts that may read (pull images, read artifacts, describe versions): AWS account ids
   * (12 digits); GCP IAM members of other projects; Azure principal ids (and an Azure ML registry is
   * created to share models across workspaces).
   * @default none
   */
  shareWith?: string[] | undefined;
}

/** AWS-only settings. */
export interface ModelRegistryAwsArgs {
  /** The MLflow version of the tracking server (SageMaker's supported versions). @default SageMaker's default */
  mlflowVersion?: string | undefined;
  /** Weekly maintenance window start of the tracking server, `Ddd:HH:MM` in UTC (`Tue:03:30`). @default SageMaker's choice */
  maintenanceWindowStart?: string | undefined;
  /**
   * Register models logged to MLflow in the SageMaker Model Registry automatically.
   * @default false
   */
  automaticModelRegistration?: boolean | undefined;
  /**
   * VPC endpoint ids (`vpce-...`) the artifact bucket admits requests through; requests from
   * anywhere else are denied by the bucket policy (the MLflow server and SageMaker keep access).
   * @default none: the bucket is not restricted to endpoints
   */
  vpcEndpointIds?: string[] | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `key`, `bucket`, `repository`,
   * `trackingServer`, `trackingRole`, `modelPackageGroup`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** GCP-only settings. */
export interface ModelRegistryGcpArgs {
  /**
   * Bump to give the key ring and key new names: Cloud KMS never deletes a key ring or key, so a
   * stack destroyed and rebuilt in the same project fails on the names its first key ring still holds.
   * @default 0
   */
  keyRingGeneration?: number | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `keyRing`, `key`, `bucket`,
   * `repository`, `metadataStore`, `tensorboard`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** Azure-only settings. */
export interface ModelRegistryAzureArgs {
  /** How the workspace's managed network reaches out. @default "allowOnlyApprovedOutbound" */
  isolationMode?: AzureIsolationMode;
  /** High business impact workspace: less diagnostic data collected by Microsoft. @default false in dev, true in prod */
  hbiWorkspace?: boolean | undefined;
  /** Create an Azure ML registry to share models across workspaces and regions. @default true when `access.shareWith` is set */
  sharedRegistry?: boolean | undefined;
  /**
   * Bump to give the Key Vault (and workspace) a new name: a deleted vault's name stays reserved
   * while it is soft-deleted (7 to 90 days), so a stack destroyed and rebuilt in that time needs one.
   * @default 0
   */
  nameGeneration?: number | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `workspace`, `storage`,
   * `keyVault`, `registry`, `logAnalytics`, `appInsights`, `privateEndpoint`, `mlRegistry`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** The spec of a {@link ModelRegistry}: experiment tracking, model versions, artifacts and images. */
export interface ModelRegistryArgs {
  /** The cloud to build on. @default the stack's `mlops:cloud` */
  cloud?: Cloud;
  /** Defaults for retention and safety. @default the stack's `mlops:profile`, else "dev" */
  profile?: Profile;
  /** The network (an MlopsVpc's `network`): private access to the registry goes through it. */
  network: pulumi.Input<NetworkInfo>;
  /** The models the registry holds versions of. @default none (models can be registered at run time) */
  models?: ModelArgs[] | undefined;
  /** Experiment tracking. @default on, size "small" */
  tracking?: TrackingArgs | undefined;
  /** The artifact store. @default noncurrent versions kept 30 days in dev, 365 in prod */
  artifacts?: ArtifactsArgs | undefined;
  /** The image repository. @default immutable tags, untagged images deleted after 14 days in dev, 90 in prod */
  images?: ImagesArgs | undefined;
  /**
   * The stages a version moves through, in order: recorded on each model's registry entry (a tag)
   * and in the plan. A version's stage is set at run time (a version tag on AWS and Azure, a
   * version alias on GCP); on AWS promotion past the first stage needs an approved version.
   * @default ["development", "staging", "production", "archived"]
   */
  stages?: string[] | undefined;
  /** Promotion gated by approval. @default required */
  approval?: ApprovalArgs | undefined;
  /** Who may write, approve and read. @default nobody beyond the registry's consumers */
  access?: AccessArgs | undefined;
  /** Deletion protection on the stateful resources (bucket, repository, workspace, key vault, metadata store). @default false in dev, true in prod */
  deletionProtection?: boolean | undefined;
  /** Tags (labels on GCP) for every resource, over the defaults. @default {} */
  tags?: Record<string, string> | undefined;
  aws?: ModelRegistryAwsArgs | undefined;
  gcp?: ModelRegistryGcpArgs | undefined;
  azure?: ModelRegistryAzureArgs | undefined;
}

/** Children whose arguments `overrides` can extend, per cloud. */
export const OVERRIDE_ROLES = {
  aws: ["key", "bucket", "repository", "trackingServer", "trackingRole", "modelPackageGroup"],
  gcp: ["keyRing", "key", "bucket", "repository", "metadataStore", "tensorboard"],
  azure: ["workspace", "storage", "keyVault", "registry", "logAnalytics", "appInsights", "privateEndpoint", "mlRegistry"],
} as const;
