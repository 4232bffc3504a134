/**
 * mlops-kit's AWS types. Importing this module (`import type {} from "mlops-kit/aws"`, or any
 * type from it) types the `.aws` escape hatch of every component with the cloud's own resources.
 * It loads nothing at run time; programs on other clouds never read these SDK types.
 */

export type { AwsCiCdPipeline } from "./components/cicd-pipeline/aws";
export type { AwsFeatureStore } from "./components/feature-store/aws";
export type { AwsInferenceService } from "./components/inference-service/aws";
export type { AwsModelRegistry } from "./components/model-registry/aws";
export type { AwsMonitoringStack } from "./components/monitoring/aws";
export type { AwsNetwork } from "./components/network/aws";
export type { AwsTrainingCluster } from "./components/training-cluster/aws";
