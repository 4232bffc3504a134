import * as pulumi from "@pulumi/pulumi";
import { type CloudId, resolveCloud } from "../../core/cloud";
import { Internals } from "../../core/component";
import { SpecError } from "../../core/errors";
import { CiCdPipeline } from "../cicd-pipeline/component";
import { FeatureStore } from "../feature-store/component";
import { InferenceService } from "../inference-service/component";
import { ModelRegistry } from "../model-registry/component";
import { MonitoringStack } from "../monitoring/component";
import { MlopsVpc } from "../network/component";
import type { NetworkInfo } from "../network/info";
import { TrainingCluster } from "../training-cluster/component";
import type { MlopsPlatformInfo } from "./info";
import { DEFAULT_PART_NAMES, type MlopsPlatformArgs, type MlopsPlatformSpec, parsePlatform, partName, TYPE } from "./spec";
import { featureStoreArgs, monitoringArgs, networkArgs, pipelineArgs, registryArgs, serviceArgs, trainingArgs } from "./wiring";

/** The platform's children: the escape hatches. */
interface Parts {
  network?: MlopsVpc;
  registry?: ModelRegistry;
  featureStore?: FeatureStore;
  training?: TrainingCluster;
  services: Record<string, InferenceService>;
  pipeline?: CiCdPipeline;
  monitoring?: MonitoringStack;
}

const internals = new Internals<MlopsPlatform, { name: string; cloud: CloudId; parts: Parts }>(TYPE);

/**
 * A whole ML platform from one spec: a network, a model registry, a feature store, a training
 * cluster, inference services, CI/CD and monitoring, each optional and each its component's own
 * spec, wired together: the network into every part that takes one, the registry into the services
 * (image pull and artifact read), the pipeline and the training teams, the feature store into the
 * teams, every service into the pipeline and the monitoring.
 *
 * Each part keeps the name the reference platform gives it (`models`, `features`, `training`,
 * `delivery`, `observability`; the network takes the platform's name, a service its key) and
 * carries an alias to the URN it has outside a platform: a stack that wired the components by hand
 * moves under an MlopsPlatform without replacing anything.
 */
export class MlopsPlatform extends pulumi.ComponentResource {
  /** The neutral description: each part's `info`. */
  public readonly info: pulumi.Output<MlopsPlatformInfo>;

  constructor(name: string, args: MlopsPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    // Every part's spec and the rules between parts are checked before anything registers.
    const spec = parsePlatform(name, args, () => resolveCloud(args?.cloud));
    super(`mlops:index:${TYPE}`, name, {}, opts);
    const parts = createParts(name, spec, this);
    const cloud = resolveCloud(spec.cloud);
    internals.set(this, { name, cloud, parts });
    this.info = platformInfo(name, cloud, parts);
    this.registerOutputs({ info: this.info });
  }

  get cloud(): CloudId {
    return internals.get(this).cloud;
  }

  /** The MlopsVpc (escape hatch). Throws when the spec has no `network`. */
  get network(): MlopsVpc {
    return part(this, "network");
  }

  /** The ModelRegistry (escape hatch). Throws when the spec has no `registry`. */
  get registry(): ModelRegistry {
    return part(this, "registry");
  }

  /** The FeatureStore (escape hatch). Throws when the spec has no `featureStore`. */
  get featureStore(): FeatureStore {
    return part(this, "featureStore");
  }

  /** The TrainingCluster (escape hatch). Throws when the spec has no `training`. */
  get training(): TrainingCluster {
    return part(this, "training");
  }

  /** The InferenceServices by name (escape hatches); empty when the spec has no `services`. */
  get services(): Readonly<Record<string, InferenceService>> {
    return internals.get(this).parts.services;
  }

  /** The CiCdPipeline (escape hatch). Throws when the spec has no `pipeline`. */
  get pipeline(): CiCdPipeline {
    return part(this, "pipeline");
  }

  /** The MonitoringStack (escape hatch). Throws when the spec has no `monitoring`. */
  get monitoring(): MonitoringStack {
    return part(this, "monitoring");
  }

  /** The InferenceService of that name (escape hatch). Throws when `services` has no such key. */
  service(name: string): InferenceService {
    const found = internals.get(this).parts.services[name];
    if (!found) {
      const known = Object.keys(internals.get(this).parts.services);
      throw new SpecError(TYPE, internals.get(this).name, [
        { path: "services", message: `has no service "${name}" (it has ${known.length ? known.join(", ") : "none"})` },
      ]);
    }
    return found;
  }
}

type OptionalPart = Exclude<keyof Parts, "services">;

/** A part asked for that the spec does not have is a mistake in the program, said in its terms. */
function part<K extends OptionalPart>(platform: MlopsPlatform, key: K): NonNullable<Parts[K]> {
  const { name, parts } = internals.get(platform);
  const found = parts[key];
  if (!found) throw new SpecError(TYPE, name, [{ path: key, message: "is not set, so the platform has no such part" }]);
  return found as NonNullable<Parts[K]>;
}

/**
 * The parts, in the order the reference platform creates them. Each is parented to the platform and
 * aliased to its unparented URN; its own children inherit the alias (the engine derives a child's
 * old URN from the old URN its parent matched).
 */
function createParts(name: string, spec: MlopsPlatformSpec, platform: MlopsPlatform): Parts {
  const opts: pulumi.ComponentResourceOptions = { parent: platform, aliases: [{ parent: pulumi.rootStackResource }] };
  const parts: Parts = { services: {} };
  if (spec.network) parts.network = new MlopsVpc(partName(spec.network, name), networkArgs(spec, spec.network), opts);
  const network = () => requiredNetwork(parts.network);
  if (spec.registry) {
    parts.registry = new ModelRegistry(
      partName(spec.registry, DEFAULT_PART_NAMES.registry),
      registryArgs(spec, spec.registry, network()),
      opts,
    );
  }
  const registry = parts.registry?.info;
  if (spec.featureStore) {
    const args = featureStoreArgs(spec, spec.featureStore, parts.network?.network);
    parts.featureStore = new FeatureStore(partName(spec.featureStore, DEFAULT_PART_NAMES.featureStore), args, opts);
  }
  for (const [key, service] of Object.entries(spec.services ?? {})) {
    parts.services[key] = new InferenceService(key, serviceArgs(spec, service, network(), registry), opts);
  }
  const services = Object.values(parts.services).map((s) => s.info);
  if (spec.pipeline && registry) {
    const args = pipelineArgs(spec, spec.pipeline, registry, services);
    parts.pipeline = new CiCdPipeline(partName(spec.pipeline, DEFAULT_PART_NAMES.pipeline), args, opts);
  }
  if (spec.training) {
    const args = trainingArgs(spec, spec.training, network(), registry, parts.featureStore?.info);
    parts.training = new TrainingCluster(partName(spec.training, DEFAULT_PART_NAMES.training), args, opts);
  }
  // Last: the monitoring names its alerts after the clusters and stores it watches, known once they exist.
  if (spec.monitoring) {
    const watched = { services, training: parts.training?.info, featureStore: parts.featureStore?.info };
    const args = monitoringArgs(spec, spec.monitoring, watched);
    parts.monitoring = new MonitoringStack(partName(spec.monitoring, DEFAULT_PART_NAMES.monitoring), args, opts);
  }
  return parts;
}

/** parsePlatform refuses a part that needs the network when there is none; this says so if that ever slips. */
function requiredNetwork(network: MlopsVpc | undefined): pulumi.Output<NetworkInfo> {
  if (!network) throw new Error(`${TYPE}: a part needs the platform's network, and it has none`);
  return network.network;
}

function platformInfo(name: string, cloud: CloudId, parts: Parts): pulumi.Output<MlopsPlatformInfo> {
  const services = pulumi.all(Object.fromEntries(Object.entries(parts.services).map(([k, s]) => [k, s.info])));
  return pulumi
    .all([
      parts.network?.network,
      parts.registry?.info,
      parts.featureStore?.info,
      parts.training?.info,
      services,
      parts.pipeline?.info,
      parts.monitoring?.info,
    ])
    .apply(([network, registry, featureStore, training, byName, pipeline, monitoring]) => {
      const info: MlopsPlatformInfo = { cloud, name, services: byName };
      if (network) info.network = network;
      if (registry) info.registry = registry;
      if (featureStore) info.featureStore = featureStore;
      if (training) info.training = training;
      if (pipeline) info.pipeline = pipeline;
      if (monitoring) info.monitoring = monitoring;
      return info;
    });
}
