/**
 * mlops-kit's Azure types. Importing this module (`import type {} from "mlops-kit/azure"`, or any
 * type from it) types the `.azure` escape hatch of every component with the cloud's own resources.
 * It loads nothing at run time; programs on other clouds never read these SDK types.
 */

export type { AzureCiCdPipeline } from "./components/cicd-pipeline/azure";
export type { AzureFeatureStore } from "./components/feature-store/azure";
export type { AzureInferenceService } from "./components/inference-service/azure";
export type { AzureModelRegistry } from "./components/model-registry/azure";
export type { AzureMonitoringStack } from "./components/monitoring/azure";
export type { AzureNetwork } from "./components/network/azure";
export type { AzureTrainingCluster } from "./components/training-cluster/azure";
