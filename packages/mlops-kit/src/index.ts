import { InferenceService } from "./components/inference-service/component";
import { MonitoringStack } from "./components/monitoring/component";
import { MlopsVpc } from "./components/network/component";

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
export const components = [MlopsVpc, InferenceService, MonitoringStack];
