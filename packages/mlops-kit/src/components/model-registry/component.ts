import * as pulumi from "@pulumi/pulumi";
import { type CloudId, loadBackend } from "../../core/cloud";
import { Internals, resourcesOn } from "../../core/component";
import { resolveContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import { checkResolved } from "../../core/secrets";
import { parseSpec } from "../../core/spec";
import { networkProblems, type ResolvedNetwork, resolveNetwork } from "../network/ref";
import type { ModelRegistryResourcesOn, RegistryBackend, RegistryResult } from "./contract";
import type { RegistryInfo } from "./info";
import { type ModelRegistryPlan, planModelRegistry, TYPE } from "./plan";
import { type ModelRegistryArgs, modelRegistrySchema } from "./spec";

const backends = {
  // lazy, synchronous load of one cloud's backend
  aws: () => require("./aws") as RegistryBackend,
  gcp: () => require("./gcp") as RegistryBackend,
  azure: () => require("./azure") as RegistryBackend,
} satisfies Record<CloudId, () => RegistryBackend>;

const internals = new Internals<ModelRegistry, { plan: ModelRegistryPlan; result: RegistryResult }>(TYPE);

/** Private endpoints (Azure) go in the isolated tier, with the other data services. */
const TIERS = ["isolated"] as const;

/**
 * Where a team tracks experiments and keeps models: an experiment-tracking endpoint, a model
 * registry with versions and approval-gated stages, an encrypted, versioned artifact store and a
 * container registry for serving images, with access for writers, approvers and readers. AWS:
 * SageMaker MLflow + model package groups + S3 + ECR; GCP: Vertex AI metadata store and
 * TensorBoard + GCS + Artifact Registry; Azure: an Azure ML workspace with its storage, Key Vault,
 * Application Insights and ACR, reached through private endpoints.
 *
 * Other components take its `info` output (`registry: registry.info`).
 */
export class ModelRegistry extends pulumi.ComponentResource {
  /** The neutral description other components take. */
  public readonly info: pulumi.Output<RegistryInfo>;
  /** Where runs are tracked (empty when tracking is off). */
  public readonly trackingUri: pulumi.Output<string>;
  /** Where serving images are pushed. */
  public readonly imageRepositoryUrl: pulumi.Output<string>;
  /** Where model artifacts live. */
  public readonly artifactUri: pulumi.Output<string>;

  constructor(name: string, args: ModelRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject the spec runs before anything registers.
    const { plan, network } = planRegistry(name, args);
    super(`mlops:index:${TYPE}`, name, {}, opts);
    const result = loadBackend(backends, plan.cloud).provision(plan, network, { parent: this, opts: { parent: this } });
    internals.set(this, { plan, result });
    this.info = result.info;
    this.trackingUri = result.info.trackingUri;
    this.imageRepositoryUrl = result.info.imageRepositoryUrl;
    this.artifactUri = result.info.artifactUri;
    this.registerOutputs({
      info: this.info,
      trackingUri: this.trackingUri,
      imageRepositoryUrl: this.imageRepositoryUrl,
      artifactUri: this.artifactUri,
    });
  }

  /** Every decision made for this registry: names, retention, safety, access. */
  get plan(): ModelRegistryPlan {
    return internals.get(this).plan;
  }

  get cloud(): CloudId {
    return internals.get(this).plan.cloud;
  }

  /** The AWS resources (escape hatch). Throws on other clouds. */
  get aws(): ModelRegistryResourcesOn<"aws"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "aws") as ModelRegistryResourcesOn<"aws">;
  }

  /** The GCP resources (escape hatch). Throws on other clouds. */
  get gcp(): ModelRegistryResourcesOn<"gcp"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "gcp") as ModelRegistryResourcesOn<"gcp">;
  }

  /** The Azure resources (escape hatch). Throws on other clouds. */
  get azure(): ModelRegistryResourcesOn<"azure"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "azure") as ModelRegistryResourcesOn<"azure">;
  }
}

/** The spec validated and planned, and the network checked as far as it is known, before anything registers. */
function planRegistry(name: string, args: ModelRegistryArgs): { plan: ModelRegistryPlan; network: ResolvedNetwork } {
  const spec = parseSpec(modelRegistrySchema, TYPE, name, args);
  const ctx = resolveContext(TYPE, name, spec);
  const plan = planModelRegistry(name, spec, ctx);
  const resolved = resolveNetwork(spec.network);
  const plain = !pulumi.Output.isInstance(spec.network) && !(spec.network instanceof Promise);
  const shape = plain ? networkProblems(spec.network, TIERS) : [];
  if (shape.length > 0) throw new SpecError(TYPE, name, shape);
  if (resolved.known && resolved.known.cloud !== ctx.cloud) {
    throw new SpecError(TYPE, name, [
      { path: "network", message: `is MlopsVpc "${resolved.known.name}" on ${resolved.known.cloud}; this registry is on ${ctx.cloud}` },
    ]);
  }
  // A network known only once it resolves (a stack reference) is checked then, in the same words.
  const info = checkResolved(resolved.info, (value, show) => {
    const problems = networkProblems(value, TIERS, show);
    if (problems.length > 0) return new SpecError(TYPE, name, problems);
    if (value.cloud !== ctx.cloud)
      return new SpecError(TYPE, name, [{ path: "network", message: `is on ${value.cloud}; this registry is on ${ctx.cloud}` }]);
    return undefined;
  });
  return { plan, network: resolved.known ? resolved : { ...resolved, info, field: (key) => info.apply((n) => n[key]) } };
}
