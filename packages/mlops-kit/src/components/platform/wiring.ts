import type * as pulumi from "@pulumi/pulumi";
import type { CiCdPipelineArgs } from "../cicd-pipeline/args";
import type { FeatureStoreArgs } from "../feature-store/args";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { InferenceServiceArgs } from "../inference-service/args";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { ModelRegistryArgs } from "../model-registry/args";
import type { RegistryInfo } from "../model-registry/info";
import type { MonitoringStackArgs } from "../monitoring/args";
import type { NetworkInfo } from "../network/info";
import type { MlopsVpcArgs } from "../network/spec";
import type { TeamArgs, TrainingClusterArgs } from "../training-cluster/args";
import type { ClusterInfo } from "../training-cluster/info";
import type { MlopsPlatformSpec, PlatformServiceArgs } from "./spec";

// What each part is given: its own spec, the platform's cloud, profile and tags, and the outputs of
// the parts it depends on. Pure functions of the spec and those outputs.

type Common = Pick<MlopsVpcArgs, "cloud" | "profile" | "tags">;

/** The platform's cloud and profile, and its tags under the part's own. */
function common(spec: MlopsPlatformSpec, partTags: Record<string, string> | undefined): Common {
  const out: Common = {};
  if (spec.cloud !== undefined) out.cloud = spec.cloud;
  if (spec.profile !== undefined) out.profile = spec.profile;
  if (spec.tags !== undefined || partTags !== undefined) out.tags = { ...spec.tags, ...partTags };
  return out;
}

function own<T extends { name?: string | undefined }>(part: T): Omit<T, "name"> {
  const { name: _name, ...rest } = part;
  return rest;
}

export function networkArgs(spec: MlopsPlatformSpec, part: NonNullable<MlopsPlatformSpec["network"]>): MlopsVpcArgs {
  return { ...own(part), ...common(spec, part.tags) };
}

export function registryArgs(
  spec: MlopsPlatformSpec,
  part: NonNullable<MlopsPlatformSpec["registry"]>,
  network: pulumi.Input<NetworkInfo>,
): ModelRegistryArgs {
  return { ...own(part), ...common(spec, part.tags), network };
}

export function featureStoreArgs(
  spec: MlopsPlatformSpec,
  part: NonNullable<MlopsPlatformSpec["featureStore"]>,
  network: pulumi.Input<NetworkInfo> | undefined,
): FeatureStoreArgs {
  return { ...own(part), ...common(spec, part.tags), ...(network ? { network } : {}) };
}

/** A service pulls its images and reads its artifacts from the platform's registry, when it has one. */
export function serviceArgs(
  spec: MlopsPlatformSpec,
  part: PlatformServiceArgs,
  network: pulumi.Input<NetworkInfo>,
  registry: pulumi.Input<RegistryInfo> | undefined,
): InferenceServiceArgs {
  return { ...part, ...common(spec, part.tags), network, ...(registry ? { registry } : {}) };
}

/**
 * A team that sets no `access` reads what the platform holds: its registry's images and artifacts,
 * its feature store's offline store. A team that sets `access` (even `{}`) gets exactly that.
 */
export function teamsWithAccess(
  teams: TeamArgs[] | undefined,
  registry: pulumi.Input<RegistryInfo> | undefined,
  featureStore: pulumi.Input<FeatureStoreInfo> | undefined,
): TeamArgs[] | undefined {
  if (!teams) return undefined;
  const access = { ...(registry ? { registry } : {}), ...(featureStore ? { featureStore } : {}) };
  return teams.map((team) => (team.access !== undefined ? team : { ...team, access }));
}

export function trainingArgs(
  spec: MlopsPlatformSpec,
  part: NonNullable<MlopsPlatformSpec["training"]>,
  network: pulumi.Input<NetworkInfo>,
  registry: pulumi.Input<RegistryInfo> | undefined,
  featureStore: pulumi.Input<FeatureStoreInfo> | undefined,
): TrainingClusterArgs {
  const teams = teamsWithAccess(part.teams, registry, featureStore);
  return { ...own(part), ...common(spec, part.tags), network, ...(teams ? { teams } : {}) };
}

/** The pipeline publishes to the platform's registry and rolls out every service. */
export function pipelineArgs(
  spec: MlopsPlatformSpec,
  part: NonNullable<MlopsPlatformSpec["pipeline"]>,
  registry: pulumi.Input<RegistryInfo>,
  services: pulumi.Input<InferenceServiceInfo>[],
): CiCdPipelineArgs {
  return { ...own(part), ...common(spec, part.tags), registry, services };
}

/** What the platform has that a MonitoringStack watches. */
export interface Watched {
  services: pulumi.Input<InferenceServiceInfo>[];
  training?: pulumi.Input<ClusterInfo> | undefined;
  featureStore?: pulumi.Input<FeatureStoreInfo> | undefined;
}

/** What the monitoring watches: every service, and the training cluster's GPU pools and the feature store's online store. */
export function monitoringTargets(watched: Watched): Pick<MonitoringStackArgs, "services" | "training" | "featureStores"> {
  return {
    services: watched.services,
    ...(watched.training ? { training: [watched.training] } : {}),
    ...(watched.featureStore ? { featureStores: [watched.featureStore] } : {}),
  };
}

export function monitoringArgs(
  spec: MlopsPlatformSpec,
  part: NonNullable<MlopsPlatformSpec["monitoring"]>,
  watched: Watched,
): MonitoringStackArgs {
  return { ...own(part), ...common(spec, part.tags), ...monitoringTargets(watched) };
}
