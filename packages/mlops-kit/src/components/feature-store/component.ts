import * as pulumi from "@pulumi/pulumi";
import { type CloudId, loadBackend } from "../../core/cloud";
import { Internals, resourcesOn } from "../../core/component";
import { resolveContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import { checkResolved } from "../../core/secrets";
import { parseSpec } from "../../core/spec";
import { networkProblems, type ResolvedNetwork, resolveNetwork } from "../network/ref";
import type { FeatureStoreClientConfig } from "./client-config";
import type { FeatureStoreBackend, FeatureStoreInputs, FeatureStoreResourcesOn, FeatureStoreResult } from "./contract";
import type { FeatureStoreInfo } from "./info";
import { type FeatureStorePlan, planFeatureStore, TYPE } from "./plan";
import { registerFeatureStore } from "./ref";
import { type FeatureStoreArgs, type FeatureStoreSpec, featureStoreSchema } from "./spec";

const backends = {
  // lazy, synchronous load of one cloud's backend
  aws: () => require("./aws") as FeatureStoreBackend,
  gcp: () => require("./gcp") as FeatureStoreBackend,
  azure: () => require("./azure") as FeatureStoreBackend,
} satisfies Record<CloudId, () => FeatureStoreBackend>;

const internals = new Internals<FeatureStore, { plan: FeatureStorePlan; result: FeatureStoreResult }>(TYPE);

/** The network's private tier holds the stores' private endpoints (Azure). */
const TIERS = ["private"] as const;

/**
 * A feature store from one neutral schema: entities, feature groups with typed features, an
 * offline store for history and an online store for serving. AWS: SageMaker Feature Store (S3 +
 * Glue offline); GCP: BigQuery + Vertex AI Feature Store; Azure: Azure ML managed feature store
 * (ADLS Gen2 offline, Azure Cache for Redis online).
 */
export class FeatureStore extends pulumi.ComponentResource {
  /** The neutral description consumers take (`featureStore: fs.info`). */
  public readonly info: pulumi.Output<FeatureStoreInfo>;
  /** What an application needs to read features (group names, record identifiers, endpoints). */
  public readonly clientConfig: pulumi.Output<FeatureStoreClientConfig>;
  /** The offline store: S3 bucket ARN; BigQuery dataset; ADLS Gen2 storage account id. */
  public readonly offlineStoreId: pulumi.Output<string>;

  constructor(name: string, args: FeatureStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject the spec runs before anything registers.
    const { spec, plan, network } = planStore(name, args);
    super(`mlops:index:${TYPE}`, name, {}, opts);
    const inputs: FeatureStoreInputs = {
      network: network && checkedNetwork(name, plan, network),
      readers: spec.access?.readers ?? [],
      writers: spec.access?.writers ?? [],
    };
    const result = loadBackend(backends, plan.cloud).provision(plan, inputs, { parent: this, opts: { parent: this } });
    internals.set(this, { plan, result });
    if (plan.gcp && plan.gcp.ttlUnenforced.length > 0) {
      pulumi.log.warn(
        `ttlSeconds of ${plan.gcp.ttlUnenforced.join(", ")} is not enforced on gcp: Vertex AI online stores keep a value until the next sync replaces it`,
        this,
      );
    }
    this.info = result.info;
    registerFeatureStore(this.info, {
      cloud: plan.cloud,
      name: plan.name,
      onlineGroups: plan.groups.filter((g) => g.online).map((g) => g.name),
    });
    this.clientConfig = result.clientConfig;
    this.offlineStoreId = result.info.offlineStoreId;
    this.registerOutputs({ info: this.info, clientConfig: this.clientConfig, offlineStoreId: this.offlineStoreId });
  }

  /** Every decision made for this store: types per cloud, names, retention, sync. */
  get plan(): FeatureStorePlan {
    return internals.get(this).plan;
  }

  get cloud(): CloudId {
    return internals.get(this).plan.cloud;
  }

  /** The AWS resources (escape hatch). Throws on other clouds. */
  get aws(): FeatureStoreResourcesOn<"aws"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "aws") as FeatureStoreResourcesOn<"aws">;
  }

  /** The GCP resources (escape hatch). Throws on other clouds. */
  get gcp(): FeatureStoreResourcesOn<"gcp"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "gcp") as FeatureStoreResourcesOn<"gcp">;
  }

  /** The Azure resources (escape hatch). Throws on other clouds. */
  get azure(): FeatureStoreResourcesOn<"azure"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "azure") as FeatureStoreResourcesOn<"azure">;
  }
}

/** The spec validated, planned and checked against what is known of the network, before anything registers. */
function planStore(name: string, args: FeatureStoreArgs): { spec: FeatureStoreSpec; plan: FeatureStorePlan; network?: ResolvedNetwork } {
  const spec = parseSpec(featureStoreSchema, TYPE, name, args);
  const ctx = resolveContext(TYPE, name, spec);
  if (spec.network === undefined) {
    if (ctx.cloud === "azure") {
      throw new SpecError(TYPE, name, [
        { path: "network", message: "is required on azure: the stores are reached through private endpoints in its private tier" },
      ]);
    }
    return { spec, plan: planFeatureStore(name, spec, ctx) };
  }
  const network = resolveNetwork(spec.network);
  const plain = !pulumi.Output.isInstance(spec.network) && !(spec.network instanceof Promise);
  const shape = plain ? networkProblems(spec.network, TIERS) : [];
  if (shape.length > 0) throw new SpecError(TYPE, name, shape);
  if (network.known && network.known.cloud !== ctx.cloud) {
    throw new SpecError(TYPE, name, [
      { path: "network", message: `is MlopsVpc "${network.known.name}" on ${network.known.cloud}; this feature store is on ${ctx.cloud}` },
    ]);
  }
  return { spec, plan: planFeatureStore(name, spec, ctx), network };
}

/** A network known only once it resolves (a stack reference) is checked then, in the same words. */
function checkedNetwork(name: string, plan: FeatureStorePlan, network: ResolvedNetwork): ResolvedNetwork {
  if (network.known) return network;
  const info = checkResolved(network.info, (i, show) => {
    const problems = networkProblems(i, TIERS, show);
    if (problems.length > 0) return new SpecError(TYPE, name, problems);
    if (i.cloud !== plan.cloud) {
      return new SpecError(TYPE, name, [
        { path: "network", message: `is on ${show(i.cloud).replace(/^"|"$/g, "")}; this feature store is on ${plan.cloud}` },
      ]);
    }
    return undefined;
  });
  return { ...network, info, field: (key) => info.apply((n) => n[key]) };
}
