import type { Cloud, Profile } from "../../core/cloud";
import type { CiCdPipelineArgs } from "../cicd-pipeline/args";
import type { FeatureStoreArgs } from "../feature-store/args";
import type { InferenceServiceArgs } from "../inference-service/args";
import type { ModelRegistryArgs } from "../model-registry/args";
import type { MonitoringStackArgs } from "../monitoring/args";
import type { MlopsVpcArgs } from "../network/spec";
import type { TrainingClusterArgs } from "../training-cluster/args";

// The public arguments of an MlopsPlatform: each part is its component's own arguments, less what
// the platform wires (the network, the registry, the services, the cloud and the profile).

/** The names the parts take when they set none: the reference platform's, so its stacks keep their URNs. */
export const DEFAULT_PART_NAMES = {
  registry: "models",
  featureStore: "features",
  training: "training",
  pipeline: "delivery",
  monitoring: "observability",
} as const;

/** The platform's network: an MlopsVpc. */
export interface PlatformNetworkArgs extends Omit<MlopsVpcArgs, "cloud" | "profile"> {
  /** The MlopsVpc's name. @default the platform's name */
  name?: string | undefined;
}

/** The platform's ModelRegistry, on the platform's network. */
export interface PlatformRegistryArgs extends Omit<ModelRegistryArgs, "network" | "cloud" | "profile"> {
  /** The ModelRegistry's name. @default "models" */
  name?: string | undefined;
}

/** The platform's FeatureStore, on the platform's network when it has one. */
export interface PlatformFeatureStoreArgs extends Omit<FeatureStoreArgs, "network" | "cloud" | "profile"> {
  /** The FeatureStore's name. @default "features" */
  name?: string | undefined;
}

/**
 * The platform's TrainingCluster, on the platform's network. A team that sets no `access` reads the
 * platform's registry and feature store (those it has); `access: {}` grants nothing.
 */
export interface PlatformTrainingArgs extends Omit<TrainingClusterArgs, "network" | "cloud" | "profile"> {
  /** The TrainingCluster's name. @default "training" */
  name?: string | undefined;
}

/** One of the platform's InferenceServices (named by its key in `services`), pulling from the platform's registry. */
export interface PlatformServiceArgs extends Omit<InferenceServiceArgs, "network" | "registry" | "cloud" | "profile"> {}

/** The platform's CiCdPipeline: it publishes to the platform's registry and rolls out every service. */
export interface PlatformPipelineArgs extends Omit<CiCdPipelineArgs, "registry" | "services" | "cloud" | "profile"> {
  /** The CiCdPipeline's name. @default "delivery" */
  name?: string | undefined;
}

/** The platform's MonitoringStack: it watches every service, the training cluster and the feature store. */
export interface PlatformMonitoringArgs extends Omit<MonitoringStackArgs, "services" | "training" | "featureStores" | "cloud" | "profile"> {
  /** The MonitoringStack's name. @default "observability" */
  name?: string | undefined;
}

/**
 * The spec of an {@link MlopsPlatform}: every part optional, each its component's own spec, wired
 * together (network into everything that takes one, the registry into the services, the pipeline
 * and the training teams, every service into the pipeline and the monitoring).
 */
export interface MlopsPlatformArgs {
  /** The cloud every part is built on. @default the stack's `mlops:cloud` */
  cloud?: Cloud;
  /** dev or prod defaults for every part. @default the stack's `mlops:profile`, else "dev" */
  profile?: Profile;
  /** Tags (labels on GCP) for every part's resources; a part's own `tags` win. @default {} */
  tags?: Record<string, string> | undefined;
  /** The network the other parts run in. Needed by the registry, the services and the training cluster. @default none */
  network?: PlatformNetworkArgs | undefined;
  /** Experiment tracking, model versions, artifacts and serving images. Needed by the pipeline. @default none */
  registry?: PlatformRegistryArgs | undefined;
  /** Features shared by training and serving. @default none */
  featureStore?: PlatformFeatureStoreArgs | undefined;
  /** A Kubernetes cluster for training jobs. @default none */
  training?: PlatformTrainingArgs | undefined;
  /** Model servers by name (the name is the InferenceService's). Needed by the monitoring. @default none */
  services?: Record<string, PlatformServiceArgs> | undefined;
  /** Keyless CI/CD publishing to the registry and rolling out the services. @default none */
  pipeline?: PlatformPipelineArgs | undefined;
  /** Alerts, checks, a dashboard and a budget over the services, the training cluster and the feature store. @default none */
  monitoring?: PlatformMonitoringArgs | undefined;
}
