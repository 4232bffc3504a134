import { CiCdPipeline } from "./components/cicd-pipeline/component";
import { FeatureStore } from "./components/feature-store/component";
import { InferenceService } from "./components/inference-service/component";
import { ModelRegistry } from "./components/model-registry/component";
import { MonitoringStack } from "./components/monitoring/component";
import { MlopsVpc } from "./components/network/component";
import { MlopsPlatform } from "./components/platform/component";
import { TrainingCluster } from "./components/training-cluster/component";

export { CiCdPipeline } from "./components/cicd-pipeline/component";
export type { AwsCiInfo, AzureCiInfo, CiCdPipelineInfo, CiIdentityInfo, CiWorkflows, GcpCiInfo } from "./components/cicd-pipeline/info";
export { type CiCdPipelinePlan, CiRole } from "./components/cicd-pipeline/plan";
export type {
  BuildArgs,
  CiCdPipelineArgs,
  CiCdPipelineAwsArgs,
  CiCdPipelineAzureArgs,
  CiCdPipelineGcpArgs,
  RetrainArgs,
  StageArgs,
} from "./components/cicd-pipeline/spec";
export { repositoryPreviewWorkflow } from "./components/cicd-pipeline/workflows";
export type {
  AwsClientConfig,
  AzureClientConfig,
  ClientGroupConfig,
  FeatureStoreClientConfig,
  GcpClientConfig,
} from "./components/feature-store/client-config";
export { FeatureStore } from "./components/feature-store/component";
export type {
  AwsFeatureStoreInfo,
  AzureFeatureStoreInfo,
  FeatureGroupInfo,
  FeatureStoreInfo,
  GcpFeatureStoreInfo,
} from "./components/feature-store/info";
export type { FeatureStorePlan } from "./components/feature-store/plan";
export {
  type EntityArgs,
  type FeatureArgs,
  type FeatureGroupArgs,
  type FeatureStoreAccessArgs,
  type FeatureStoreArgs,
  type FeatureStoreAwsArgs,
  type FeatureStoreAzureArgs,
  type FeatureStoreEncryptionArgs,
  type FeatureStoreGcpArgs,
  FeatureType,
  type JoinKeyArgs,
  KeyType,
  type OfflineStoreArgs,
  type OnlineStoreArgs,
  type SyncArgs,
} from "./components/feature-store/spec";
export { InferenceService } from "./components/inference-service/component";
export type { InferenceServiceInfo, ServiceMetricScope } from "./components/inference-service/info";
export type { InferenceServicePlan } from "./components/inference-service/plan";
export {
  type AccessLogsArgs,
  type ComputeArgs,
  type GpuArgs,
  type HealthCheckArgs,
  type InferenceServiceArgs,
  type InferenceServiceAwsArgs,
  type InferenceServiceAzureArgs,
  type InferenceServiceGcpArgs,
  type LoadBalancerArgs,
  LoadBalancerScheme,
  LoadBalancingAlgorithm,
  type RolloutArgs,
  type ScalingArgs,
  type SpotArgs,
  type StickinessArgs,
  type TlsArgs,
} from "./components/inference-service/spec";
export { ModelRegistry } from "./components/model-registry/component";
export type {
  AwsRegistryInfo,
  AzureRegistryInfo,
  GcpRegistryInfo,
  RegistryInfo,
} from "./components/model-registry/info";
export type { ModelRegistryPlan } from "./components/model-registry/plan";
export {
  type AccessArgs,
  type ApprovalArgs,
  type ArtifactsArgs,
  AzureIsolationMode,
  type ImagesArgs,
  type ModelArgs,
  type ModelRegistryArgs,
  type ModelRegistryAwsArgs,
  type ModelRegistryAzureArgs,
  type ModelRegistryGcpArgs,
  type TrackingArgs,
  TrackingSize,
} from "./components/model-registry/spec";
export { MonitoringStack } from "./components/monitoring/component";
export type { MonitoringInfo } from "./components/monitoring/info";
export { type MonitoringPlan, SloKind } from "./components/monitoring/plan";
export type {
  BudgetArgs,
  ModelSignalArgs,
  MonitoringLogsArgs,
  MonitoringStackArgs,
  MonitoringStackAwsArgs,
  MonitoringStackAzureArgs,
  MonitoringStackGcpArgs,
  NotificationArgs,
  SloArgs,
  UptimeArgs,
} from "./components/monitoring/spec";
export { MlopsVpc } from "./components/network/component";
export type { NetworkInfo } from "./components/network/info";
export { type MlopsVpcPlan, Tier } from "./components/network/plan";
export {
  type FlowLogsArgs,
  type MlopsVpcArgs,
  type MlopsVpcAwsArgs,
  type MlopsVpcAzureArgs,
  type MlopsVpcGcpArgs,
  NatMode,
  type NetworkWatcherRef,
} from "./components/network/spec";
export { MlopsPlatform } from "./components/platform/component";
export type { MlopsPlatformInfo } from "./components/platform/info";
export {
  DEFAULT_PART_NAMES,
  type MlopsPlatformArgs,
  type PlatformFeatureStoreArgs,
  type PlatformMonitoringArgs,
  type PlatformNetworkArgs,
  type PlatformPipelineArgs,
  type PlatformRegistryArgs,
  type PlatformServiceArgs,
  type PlatformTrainingArgs,
} from "./components/platform/spec";
export { TrainingCluster } from "./components/training-cluster/component";
export type { AzureClusterInfo, ClusterInfo, ClusterPoolInfo, GcpClusterInfo } from "./components/training-cluster/info";
export type { TrainingClusterPlan } from "./components/training-cluster/plan";
export {
  type AddonsArgs,
  type EndpointArgs,
  type PoolArgs,
  type QuotaArgs,
  ReleaseChannel,
  type SystemPoolArgs,
  type TaintArgs,
  TaintEffect,
  type TeamAccessArgs,
  type TeamArgs,
  type TrainingClusterArgs,
  type TrainingClusterAwsArgs,
  type TrainingClusterAzureArgs,
  type TrainingClusterGcpArgs,
} from "./components/training-cluster/spec";
export type { PassThroughArgs } from "./core/backend";
export { CATALOGS, type ComputeSize, chooseCompute } from "./core/catalog/compute";
export { GpuType } from "./core/catalog/gpu";
export type { CatalogEntry } from "./core/catalog/types";
export { Cloud, type CloudId, Profile } from "./core/cloud";
export { CloudConfigError, MissingSdkError, SpecError, type SpecIssue, UnsupportedError } from "./core/errors";
export { NAME_RULES, type NameKind, physicalName, shortHash } from "./core/naming";
export type { Tags } from "./core/tags";

/**
 * Every component, for serving them as a Pulumi component package to other languages:
 * `componentProviderHost({ components, name: "mlops" })`.
 */
export const components = [
  MlopsVpc,
  InferenceService,
  CiCdPipeline,
  ModelRegistry,
  TrainingCluster,
  FeatureStore,
  MonitoringStack,
  MlopsPlatform,
];
