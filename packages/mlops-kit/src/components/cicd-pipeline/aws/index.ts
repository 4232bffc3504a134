import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import { withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import { type AwsEnvironment, awsEnvironment, encryptedLogGroup } from "../../shared/aws/encrypted-log-group";
import type { PipelineInputs, PipelineResult } from "../contract";
import type { CiCdPipelinePlan } from "../plan";
import type { AwsBuildPlan } from "../plan-aws";
import { createArtifactStore } from "./artifacts";
import { createBuildProjects } from "./build";
import { createCiRoles } from "./identity";
import { createConnection, createPipeline, createRetrainSchedule } from "./pipeline";
import type { AwsCiCdPipeline } from "./resources";

/** Key and build logs, artifact store, GitHub connection, CodeBuild projects, pipeline, retrain schedule. */
function provisionBuild(plan: CiCdPipelinePlan, b: AwsBuildPlan, inputs: PipelineInputs, env: AwsEnvironment, ctx: ProvisionContext) {
  const { key, logGroup } = encryptedLogGroup(
    env,
    {
      keyName: `${plan.name}-key`,
      logGroupName: `${plan.name}-build-logs`,
      logGroupPhysicalName: b.logGroupName,
      description: `Encrypts the build artifacts and logs of ${plan.repository} (${plan.name})`,
      retentionDays: plan.logRetentionDays,
      keyDeletionWindowDays: plan.retain ? 30 : 7,
      retain: plan.retain,
      tags: awsTags(plan.tags),
      logGroupArgs: (args) => withOverrides(args, plan.aws?.overrides ?? {}, "logGroup"),
    },
    ctx.opts,
  );
  const artifacts = createArtifactStore(plan, key, ctx);
  const connection = createConnection(plan, b, ctx);
  const projects = createBuildProjects(plan, b, inputs, { env, key, logGroup, bucket: artifacts.bucket }, ctx);
  const { pipeline } = createPipeline(plan, b, { env, key, bucket: artifacts.bucket, connection, ...projects }, inputs, ctx);
  const retrain = createRetrainSchedule(plan, env, pipeline, ctx);
  return {
    key,
    logGroup,
    artifacts,
    connection,
    imageProject: projects.imageProject,
    deployProject: projects.deployProject,
    pipeline,
    ...(retrain ? { retrainSchedule: retrain.schedule } : {}),
  };
}

/**
 * A CiCdPipeline on AWS, in the order of creation: GitHub's OIDC provider and a role per identity,
 * then (when the build runs in AWS too) the key and logs, artifact store, connection, CodeBuild
 * projects, CodePipeline and the retrain schedule.
 */
export function provision(plan: CiCdPipelinePlan, inputs: PipelineInputs, ctx: ProvisionContext): PipelineResult {
  const env = awsEnvironment(ctx.parent);
  const ci = createCiRoles(plan, inputs, env, ctx);
  const b = plan.aws?.build;
  const build = b ? provisionBuild(plan, b, inputs, env, ctx) : undefined;
  const identities = pulumi.all(plan.identities.map((i) => ci.roles[i.key]?.arn ?? pulumi.output(""))).apply((arns) =>
    plan.identities.map((i, k) => ({
      key: i.key,
      subject: i.subject,
      environment: plan.stages.find((s) => s.name === i.stage)?.environment ?? "",
      id: arns[k] ?? "",
    })),
  );
  const resources: AwsCiCdPipeline = {
    ...(ci.provider ? { oidcProvider: ci.provider } : {}),
    roles: ci.roles,
    ...(build ? { build } : {}),
  };
  return {
    cloud: "aws",
    identities,
    region: env.region,
    aws: pulumi
      .all([ci.providerArn, build?.pipeline.name, build?.connection.arn])
      .apply(([oidcProviderArn, pipelineName, connectionArn]) => ({
        oidcProviderArn,
        ...(pipelineName ? { pipelineName } : {}),
        ...(connectionArn ? { connectionArn } : {}),
      })),
    manualSteps: build
      ? [
          "Complete the GitHub connection once: AWS console > Developer Tools > Settings > Connections, choose the pending connection, Update pending connection, and install or choose the AWS Connector for GitHub app on the repository.",
        ]
      : [],
    resources,
  };
}

export type { AwsCiCdPipeline } from "./resources";
