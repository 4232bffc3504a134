import type { Cloud } from "../../core/cloud";
import type { CiCdPipelineInfo } from "../cicd-pipeline/info";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { RegistryInfo } from "../model-registry/info";
import type { MonitoringInfo } from "../monitoring/info";
import type { NetworkInfo } from "../network/info";
import type { ClusterInfo } from "../training-cluster/info";

/**
 * The neutral description of an MlopsPlatform: each part's own `info`, for the parts it has. Plain
 * values, so it crosses stack references (another stack's services can take `registry`).
 */
export interface MlopsPlatformInfo {
  cloud: Cloud;
  /** The MlopsPlatform's name. */
  name: string;
  network?: NetworkInfo;
  registry?: RegistryInfo;
  featureStore?: FeatureStoreInfo;
  training?: ClusterInfo;
  /** The services by name. */
  services: Record<string, InferenceServiceInfo>;
  pipeline?: CiCdPipelineInfo;
  monitoring?: MonitoringInfo;
}
