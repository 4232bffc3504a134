import { assertNever, byCloud, type CloudId, type Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { UnsupportedError } from "../../core/errors";
import { type AwsPipelinePlan, planAwsPipeline } from "./plan-aws";
import { type AzurePipelinePlan, planAzurePipeline } from "./plan-azure";
import { type BuildPlan, type CiIdentityPlan, CiRole, type PipelineBase, type StagePlan } from "./plan-base";
import { type GcpPipelinePlan, planGcpPipeline } from "./plan-gcp";
import { type CiCdPipelineSpec, DEFAULT_STAGES } from "./spec";

export const TYPE = "CiCdPipeline";

export * from "./plan-base";

/** Every decision of a CiCdPipeline: the neutral ones, and the chosen cloud's. */
export interface CiCdPipelinePlan extends PipelineBase {
  aws: AwsPipelinePlan | undefined;
  gcp: GcpPipelinePlan | undefined;
  azure: AzurePipelinePlan | undefined;
}

/** Defaults by profile. */
export const PIPELINE_PROFILE_DEFAULTS: Record<Profile, { retain: boolean; logRetentionDays: number }> = {
  dev: { retain: false, logRetentionDays: 30 },
  prod: { retain: true, logRetentionDays: 365 },
};

export function subjectFor(repository: string, role: CiRole, detail: string): string {
  switch (role) {
    case CiRole.publish:
      return `repo:${repository}:ref:refs/heads/${detail}`;
    case CiRole.preview:
      return `repo:${repository}:pull_request`;
    case CiRole.deploy:
      return `repo:${repository}:environment:${detail}`;
    default:
      return assertNever(role, "CI role");
  }
}

function planStages(spec: CiCdPipelineSpec): StagePlan[] {
  const stages = spec.stages ?? DEFAULT_STAGES.map((s) => ({ ...s }));
  return stages.map((s, i) => ({
    name: s.name,
    environment: ("environment" in s ? s.environment : undefined) ?? s.name,
    approvers: ("approvers" in s ? s.approvers : undefined) ?? [],
    approval: s.approval ?? i > 0,
    services: "services" in s ? s.services : undefined,
    pulumiStack: "pulumiStack" in s ? s.pulumiStack : undefined,
  }));
}

function planIdentities(repository: string, branch: string, stages: StagePlan[]): CiIdentityPlan[] {
  return [
    { key: "publish", role: CiRole.publish, subject: subjectFor(repository, CiRole.publish, branch) },
    { key: "preview", role: CiRole.preview, subject: subjectFor(repository, CiRole.preview, "") },
    ...stages.map((s) => ({
      key: `deploy-${s.name}`,
      role: CiRole.deploy,
      stage: s.name,
      subject: subjectFor(repository, CiRole.deploy, s.environment),
    })),
  ];
}

function planBuild(name: string, spec: CiCdPipelineSpec, cloud: CloudId): BuildPlan {
  const b = spec.build;
  // Azure: GitHub Actions only; the other two build in the cloud unless told not to.
  const cloudNative = b.cloudNative ?? byCloud(cloud, { aws: true, gcp: true, azure: false });
  if (cloudNative && !byCloud(cloud, { aws: true, gcp: true, azure: false })) {
    throw new UnsupportedError(
      TYPE,
      name,
      "azure",
      "build.cloudNative",
      "Azure has no managed build service this component uses (builds run in GitHub Actions with the federated identities); leave build.cloudNative unset",
    );
  }
  return {
    imageName: b.imageName ?? name,
    dockerfile: b.dockerfile,
    context: b.context,
    testCommand: b.testCommand,
    model: b.model,
    cloudNative,
  };
}

/** Every decision of a CiCdPipeline: identities and their subjects, stages, build, names per cloud. */
export function planCiCdPipeline(name: string, spec: CiCdPipelineSpec, ctx: DeployContext): CiCdPipelinePlan {
  const [owner = "", repositoryName = ""] = spec.repository.split("/");
  const stages = planStages(spec);
  const defaults = PIPELINE_PROFILE_DEFAULTS[ctx.profile];
  const identities = planIdentities(spec.repository, spec.branch, stages);
  const base = {
    cloud: ctx.cloud,
    profile: ctx.profile,
    name,
    repository: spec.repository,
    owner,
    repositoryName,
    repositoryOwnerId: spec.repositoryOwnerId,
    branch: spec.branch,
    identities,
    stages,
    build: planBuild(name, spec, ctx.cloud),
    retrain: spec.retrain ? { cron: spec.retrain.schedule.trim().split(/\s+/).join(" "), command: spec.retrain.command } : undefined,
    retain: defaults.retain,
    logRetentionDays: defaults.logRetentionDays,
    tags: ctx.tags,
  };
  const perCloud = byCloud<() => Pick<CiCdPipelinePlan, "aws" | "gcp" | "azure">>(ctx.cloud, {
    aws: () => ({ aws: planAwsPipeline(base, ctx.scope, spec.aws?.overrides ?? {}), gcp: undefined, azure: undefined }),
    gcp: () => ({
      aws: undefined,
      gcp: planGcpPipeline(base, spec.gcp?.poolGeneration ?? 1, ctx.scope, spec.gcp?.overrides ?? {}),
      azure: undefined,
    }),
    azure: () => ({ aws: undefined, gcp: undefined, azure: planAzurePipeline(base, ctx.scope, spec.azure?.overrides ?? {}) }),
  });
  return { ...base, ...perCloud() };
}
