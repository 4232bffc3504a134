/**
 * mlops-kit's GCP types. Importing this module (`import type {} from "mlops-kit/gcp"`, or any
 * type from it) types the `.gcp` escape hatch of every component with the cloud's own resources.
 * It loads nothing at run time; programs on other clouds never read these SDK types.
 */

export type { GcpCiCdPipeline } from "./components/cicd-pipeline/gcp";
export type { GcpFeatureStore } from "./components/feature-store/gcp";
export type { GcpInferenceService } from "./components/inference-service/gcp";
export type { GcpModelRegistry } from "./components/model-registry/gcp";
export type { GcpMonitoringStack } from "./components/monitoring/gcp";
export type { GcpNetwork } from "./components/network/gcp";
export type { GcpTrainingCluster } from "./components/training-cluster/gcp";
