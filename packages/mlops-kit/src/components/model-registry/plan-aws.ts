import type { Overrides } from "../../core/backend";
import type { DeployContext } from "../../core/context";
import { physicalName } from "../../core/naming";
import type { OVERRIDE_ROLES, TrackingSize } from "./args";
import type { ModelRegistrySpec } from "./spec";

/** SageMaker's tracking server sizes (CreateMlflowTrackingServer, TrackingServerSize: Small | Medium | Large). */
export const SAGEMAKER_TRACKING_SIZE: Record<TrackingSize, string> = { small: "Small", medium: "Medium", large: "Large" };

export interface AwsRegistryPlan {
  /** The artifact bucket's name before its hash is redone over the account (global S3 namespace). */
  bucketName: string;
  repositoryName: string;
  trackingServerName: string;
  trackingServerSize: string;
  mlflowVersion: string | undefined;
  maintenanceWindowStart: string | undefined;
  automaticModelRegistration: boolean;
  /** Model package group name by model name. */
  modelPackageGroupNames: Record<string, string>;
  vpcEndpointIds: string[];
  /** KMS waits this long before deleting a key the stack no longer holds (7–30 days, KMS ScheduleKeyDeletion). */
  keyDeletionWindowDays: number;
  overrides: Overrides<(typeof OVERRIDE_ROLES.aws)[number]>;
}

/** The AWS names and settings. Model package groups and the tracking server are unique per account and region: hashed. */
export function planAwsRegistry(name: string, spec: ModelRegistrySpec, ctx: DeployContext): AwsRegistryPlan {
  const aws = spec.aws;
  return {
    bucketName: physicalName("awsS3Bucket", [name, "models"], ctx.scope),
    repositoryName: physicalName("awsEcrRepository", [name, "images"], ctx.scope),
    trackingServerName: physicalName("awsSageMakerName", [name, "mlflow"], ctx.scope),
    trackingServerSize: SAGEMAKER_TRACKING_SIZE[spec.tracking.size],
    mlflowVersion: aws?.mlflowVersion,
    maintenanceWindowStart: aws?.maintenanceWindowStart,
    automaticModelRegistration: aws?.automaticModelRegistration ?? false,
    modelPackageGroupNames: Object.fromEntries(
      spec.models.map((m) => [m.name, physicalName("awsSageMakerName", [name, m.name], ctx.scope)]),
    ),
    vpcEndpointIds: aws?.vpcEndpointIds ?? [],
    keyDeletionWindowDays: ctx.profile === "prod" ? 30 : 7,
    overrides: (aws?.overrides ?? {}) as AwsRegistryPlan["overrides"],
  };
}
