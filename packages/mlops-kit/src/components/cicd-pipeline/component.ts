import * as pulumi from "@pulumi/pulumi";
import { byCloud, type CloudId, loadBackend } from "../../core/cloud";
import { Internals, resourcesOn } from "../../core/component";
import { resolveContext } from "../../core/context";
import { parseSpec } from "../../core/spec";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { RegistryInfo } from "../model-registry/info";
import type { CiCdPipelineResourcesOn, PipelineBackend, PipelineResult } from "./contract";
import type { CiCdPipelineInfo, CiWorkflows } from "./info";
import { type CiCdPipelinePlan, planCiCdPipeline, TYPE } from "./plan";
import { type CiCdPipelineArgs, type CiCdPipelineSpec, ciCdPipelineSchema } from "./spec";
import { imagePath, workflows } from "./workflows";

const backends = {
  // lazy, synchronous load of one cloud's backend
  aws: () => require("./aws") as PipelineBackend,
  gcp: () => require("./gcp") as PipelineBackend,
  azure: () => require("./azure") as PipelineBackend,
} satisfies Record<CloudId, () => PipelineBackend>;

const internals = new Internals<CiCdPipeline, { plan: CiCdPipelinePlan; result: PipelineResult }>(TYPE);

/**
 * Keyless CI/CD from a GitHub repository to the platform: OIDC identities per environment, each
 * trusting one token subject (the branch's pushes publish, pull requests preview read-only, each
 * stage's GitHub environment deploys); image builds and a staged rollout with approval in the
 * cloud where it has a build service (AWS CodeBuild + CodePipeline, GCP Cloud Build); scheduled
 * retraining; and the GitHub Actions workflows that use them, as outputs.
 */
export class CiCdPipeline extends pulumi.ComponentResource {
  /** Everything a workflow needs, as plain values (identities per environment, provider ids, image). */
  public readonly info: pulumi.Output<CiCdPipelineInfo>;
  /** The GitHub Actions workflows (file contents). */
  public readonly workflows: pulumi.Output<CiWorkflows>;
  /** What a person must do once before the pipeline runs (complete a connection, install an app). */
  public readonly manualSteps: pulumi.Output<string[]>;

  constructor(name: string, args: CiCdPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject the spec runs before anything registers.
    const spec = parseSpec(ciCdPipelineSchema, TYPE, name, args);
    const ctx = resolveContext(TYPE, name, spec);
    const plan = planCiCdPipeline(name, spec, ctx);
    super(`mlops:index:${TYPE}`, name, {}, opts);
    const registry = checkedRegistry(plan, spec);
    const services = checkedServices(plan, spec);
    const stageServices = services.apply((all) =>
      Object.fromEntries(plan.stages.map((s) => [s.name, s.services ? all.filter((x) => s.services?.includes(x.name)) : all])),
    );
    const inputs = {
      registry,
      services,
      stageServices,
      stageServiceCounts: Object.fromEntries(plan.stages.map((s) => [s.name, s.services?.length ?? spec.services.length])),
      awsOidcProviderArn: spec.aws?.oidcProviderArn,
      gcpProjectNumber: spec.gcp?.projectNumber,
      azureResourceGroupName: spec.azure?.resourceGroupName,
    };
    const result = loadBackend(backends, plan.cloud).provision(plan, inputs, { parent: this, opts: { parent: this } });
    internals.set(this, { plan, result });

    this.info = pulumi
      .all([result.identities, result.region, registry, result.aws, result.gcp, result.azure])
      .apply(([identities, region, reg, aws, gcp, azure]) => ({
        cloud: plan.cloud,
        repository: plan.repository,
        region,
        image: imagePath(plan, reg),
        identities,
        ...(aws ? { aws } : {}),
        ...(gcp ? { gcp } : {}),
        ...(azure ? { azure } : {}),
      }));
    const scheduledInCloud = plan.retrain !== undefined && plan.build.cloudNative;
    this.workflows = pulumi
      .all([this.info, registry, stageServices])
      .apply(([info, reg, byStage]) => workflows(plan, { info, registry: reg, stageServices: byStage }, scheduledInCloud));
    this.manualSteps = pulumi.output(result.manualSteps);
    this.registerOutputs({ info: this.info, workflows: this.workflows, manualSteps: this.manualSteps });
  }

  /** Every decision made for this pipeline: identities and subjects, stages, build, names. */
  get plan(): CiCdPipelinePlan {
    return internals.get(this).plan;
  }

  get cloud(): CloudId {
    return internals.get(this).plan.cloud;
  }

  /** The AWS resources (escape hatch). Throws on other clouds. */
  get aws(): CiCdPipelineResourcesOn<"aws"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "aws") as CiCdPipelineResourcesOn<"aws">;
  }

  /** The GCP resources (escape hatch). Throws on other clouds. */
  get gcp(): CiCdPipelineResourcesOn<"gcp"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "gcp") as CiCdPipelineResourcesOn<"gcp">;
  }

  /** The Azure resources (escape hatch). Throws on other clouds. */
  get azure(): CiCdPipelineResourcesOn<"azure"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "azure") as CiCdPipelineResourcesOn<"azure">;
  }
}

/** The registry, checked as it resolves: on the pipeline's cloud, with the model the build registers. */
function checkedRegistry(plan: CiCdPipelinePlan, spec: CiCdPipelineSpec): pulumi.Output<RegistryInfo> {
  return pulumi.output(spec.registry).apply((r) => {
    const where = `${TYPE} ${JSON.stringify(plan.name)}`;
    if (r.cloud !== plan.cloud) throw new Error(`${where}: registry is on ${r.cloud}, the pipeline on ${plan.cloud}`);
    // The cloud's own part carries what grants are made from (policies, resource group, project).
    if (byCloud(plan.cloud, { aws: !r.aws, gcp: !r.gcp, azure: !r.azure })) throw new Error(`${where}: registry has no ${plan.cloud} part`);
    if (plan.build.model !== undefined && !Object.hasOwn(r.models, plan.build.model)) {
      throw new Error(
        `${where}: build.model (${plan.build.model}) is not a model of the registry (${Object.keys(r.models).join(", ") || "none"})`,
      );
    }
    return r as RegistryInfo;
  });
}

/** The services, checked as they resolve: on the pipeline's cloud, and every stage's names known. */
function checkedServices(plan: CiCdPipelinePlan, spec: CiCdPipelineSpec): pulumi.Output<InferenceServiceInfo[]> {
  return pulumi.all(spec.services.map((s) => pulumi.output(s))).apply((list) => {
    const where = `${TYPE} ${JSON.stringify(plan.name)}`;
    const all = list as InferenceServiceInfo[];
    all.forEach((s, i) => {
      if (s.cloud !== plan.cloud) throw new Error(`${where}: services.${i} (${s.name}) is on ${s.cloud}, the pipeline on ${plan.cloud}`);
    });
    plan.stages.forEach((stage, i) => {
      for (const n of stage.services ?? []) {
        if (!all.some((s) => s.name === n)) throw new Error(`${where}: stages.${i}.services names ${n}, which is not one of services`);
      }
    });
    return all;
  });
}
