import type { Project } from "@pulumi/aws/codebuild/project";
import { Pipeline } from "@pulumi/aws/codepipeline/pipeline";
import { Connection } from "@pulumi/aws/codestarconnections/connection";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import type { Key } from "@pulumi/aws/kms/key";
import type { Bucket } from "@pulumi/aws/s3/bucket";
import { Schedule } from "@pulumi/aws/scheduler/schedule";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { PipelineInputs } from "../contract";
import type { CiCdPipelinePlan, StagePlan } from "../plan";
import type { AwsBuildPlan } from "../plan-aws";
import { document } from "./policies";

/** The pipeline variable the schedule sets: the image build retrains first. */
export const RETRAIN_VARIABLE = "RETRAIN";

export interface PipelineParts {
  connection: Connection;
  pipeline: Pipeline;
  role: Role;
  policy: RolePolicy;
}

/**
 * The GitHub connection. AWS creates it PENDING: someone completes the handshake once in the
 * console (Developer Tools > Settings > Connections), after which the source stage can pull.
 */
export function createConnection(plan: CiCdPipelinePlan, b: AwsBuildPlan, ctx: ProvisionContext): Connection {
  return new Connection(
    `${plan.name}-github`,
    withOverrides(
      { name: b.connectionName, providerType: "GitHub", tags: awsTags({ ...plan.tags, Name: `${plan.name}-github` }) },
      plan.aws?.overrides ?? {},
      "connection",
    ),
    ctx.opts,
  );
}

const codebuild = (project: pulumi.Input<string>, variables: pulumi.Input<{ name: string; value: string }[]>) => ({
  category: "Build",
  owner: "AWS",
  provider: "CodeBuild",
  version: "1",
  inputArtifacts: ["source"],
  configuration: {
    ProjectName: project,
    // CodePipeline's CodeBuild action takes its variables as a JSON list (CodePipeline User Guide, "CodeBuild build and test action reference").
    EnvironmentVariables: pulumi.output(variables).apply((v) => JSON.stringify(v.map((x) => ({ ...x, type: "PLAINTEXT" })))),
  },
});

/**
 * The Manual approval's CustomData: at most 500 characters (CodePipeline User Guide, "Manual
 * approval action reference"; every action configuration value holds 1000 at most, API
 * ActionConfiguration), so a long list of approvers is cut with an ellipsis.
 */
export const APPROVAL_NOTE_MAX = 500;
export function approvalNote(repository: string, stage: StagePlan): string {
  const note = `Roll ${repository} out to ${stage.name}${stage.approvers.length ? ` (approvers: ${stage.approvers.join(", ")})` : ""}`;
  return note.length <= APPROVAL_NOTE_MAX ? note : `${note.slice(0, APPROVAL_NOTE_MAX - 1)}…`;
}

function stageOf(plan: CiCdPipelinePlan, stage: StagePlan, deploy: Project, inputs: PipelineInputs) {
  const groups = inputs.stageServices.apply((by) => (by[stage.name] ?? []).map((s) => s.scalingGroupId).join(" "));
  const vars = groups.apply((g) => [
    { name: "IMAGE_TAG", value: "#{SourceVariables.CommitId}" },
    { name: "STAGE", value: stage.name },
    { name: "ASG_NAMES", value: g },
  ]);
  const approval = {
    name: "Approve",
    category: "Approval",
    owner: "AWS",
    provider: "Manual",
    version: "1",
    runOrder: 1,
    configuration: { CustomData: approvalNote(plan.repository, stage) },
  };
  return {
    name: `Deploy-${stage.name}`,
    actions: [
      ...(stage.approval ? [approval] : []),
      { name: "RollOut", runOrder: stage.approval ? 2 : 1, ...codebuild(deploy.name, vars) },
    ],
  };
}

type PipelineInputsOf = {
  env: AwsEnvironment;
  key: Key;
  bucket: Bucket;
  connection: Connection;
  imageProject: Project;
  deployProject: Project;
};

/** CodePipeline's role: its artifacts and key, the connection, and starting the two projects' builds. */
function pipelineRole(plan: CiCdPipelinePlan, b: AwsBuildPlan, a: PipelineInputsOf, ctx: ProvisionContext) {
  const n = plan.name;
  const role = new Role(
    `${n}-codepipeline`,
    {
      name: b.pipelineRoleName,
      assumeRolePolicy: a.env.account.apply((acct) => JSON.stringify(serviceTrustPolicy("codepipeline.amazonaws.com", acct))),
      tags: awsTags({ ...plan.tags, Name: `${n}-codepipeline` }),
    },
    ctx.opts,
  );
  const policy = new RolePolicy(
    `${n}-codepipeline`,
    {
      role: role.id,
      policy: pulumi
        .all([a.bucket.arn, a.key.arn, a.connection.arn, a.imageProject.arn, a.deployProject.arn])
        .apply(([bucket, key, connection, image, deploy]) =>
          JSON.stringify(
            document([
              {
                Sid: "Artifacts",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:GetBucketVersioning"],
                Resource: [bucket, `${bucket}/*`],
              },
              { Sid: "ArtifactKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], Resource: key },
              // The connection's actions were renamed from codestar-connections; both are honoured.
              {
                Sid: "Source",
                Effect: "Allow",
                Action: ["codestar-connections:UseConnection", "codeconnections:UseConnection"],
                Resource: connection,
              },
              { Sid: "Builds", Effect: "Allow", Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"], Resource: [image, deploy] },
            ]),
          ),
        ),
    },
    ctx.opts,
  );
  return { role, policy };
}

/** Source (the GitHub connection, CODE_ZIP) and Build (the image, retraining first when RETRAIN is true). */
function sourceAndBuild(plan: CiCdPipelinePlan, a: PipelineInputsOf) {
  return [
    {
      name: "Source",
      actions: [
        {
          name: "GitHub",
          category: "Source",
          owner: "AWS",
          provider: "CodeStarSourceConnection",
          version: "1",
          namespace: "SourceVariables",
          outputArtifacts: ["source"],
          configuration: {
            ConnectionArn: a.connection.arn,
            FullRepositoryId: plan.repository,
            BranchName: plan.branch,
            OutputArtifactFormat: "CODE_ZIP",
          },
        },
      ],
    },
    {
      name: "Build",
      actions: [
        {
          name: "Image",
          ...codebuild(a.imageProject.name, [
            { name: "IMAGE_TAG", value: "#{SourceVariables.CommitId}" },
            { name: "RETRAIN", value: `#{variables.${RETRAIN_VARIABLE}}` },
          ]),
        },
      ],
    },
  ];
}

/** CodePipeline V2: Source (GitHub connection) → Build → each stage (approval where asked, then roll-out). */
export function createPipeline(
  plan: CiCdPipelinePlan,
  b: AwsBuildPlan,
  a: PipelineInputsOf,
  inputs: PipelineInputs,
  ctx: ProvisionContext,
): PipelineParts {
  const { role, policy } = pipelineRole(plan, b, a, ctx);
  const pipeline = new Pipeline(
    plan.name,
    withOverrides(
      {
        name: b.pipelineName,
        pipelineType: "V2",
        executionMode: "QUEUED",
        roleArn: role.arn,
        artifactStores: [{ type: "S3", location: a.bucket.bucket, encryptionKey: { type: "KMS", id: a.key.arn } }],
        variables: [{ name: RETRAIN_VARIABLE, defaultValue: "false", description: "true: the image build retrains first" }],
        stages: [...sourceAndBuild(plan, a), ...plan.stages.map((s) => stageOf(plan, s, a.deployProject, inputs))],
        tags: awsTags({ ...plan.tags, Name: plan.name }),
      },
      plan.aws?.overrides ?? {},
      "pipeline",
    ),
    { ...ctx.opts, dependsOn: [policy] },
  );
  return { connection: a.connection, pipeline, role, policy };
}

/**
 * EventBridge Scheduler starts the pipeline with RETRAIN=true through its universal target
 * (`aws-sdk:codepipeline:startPipelineExecution`; Scheduler User Guide, "Using universal targets"),
 * as a role that may start this pipeline only.
 */
export function createRetrainSchedule(plan: CiCdPipelinePlan, env: AwsEnvironment, pipeline: Pipeline, ctx: ProvisionContext) {
  const sched = plan.aws?.schedule;
  if (!sched) return undefined;
  const n = plan.name;
  const role = new Role(
    `${n}-scheduler`,
    {
      name: sched.roleName,
      assumeRolePolicy: env.account.apply((acct) => JSON.stringify(serviceTrustPolicy("scheduler.amazonaws.com", acct))),
      tags: awsTags({ ...plan.tags, Name: `${n}-scheduler` }),
    },
    ctx.opts,
  );
  const policy = new RolePolicy(
    `${n}-scheduler`,
    {
      role: role.id,
      policy: pipeline.arn.apply((arn) =>
        JSON.stringify(document([{ Sid: "StartPipeline", Effect: "Allow", Action: "codepipeline:StartPipelineExecution", Resource: arn }])),
      ),
    },
    ctx.opts,
  );
  const schedule = new Schedule(
    `${n}-retrain`,
    withOverrides(
      {
        name: sched.name,
        description: `Retrains and rebuilds ${plan.repository}`,
        scheduleExpression: sched.expression,
        scheduleExpressionTimezone: "UTC",
        flexibleTimeWindow: { mode: "OFF" },
        target: {
          arn: env.partition.apply((p) => `arn:${p}:scheduler:::aws-sdk:codepipeline:startPipelineExecution`),
          roleArn: role.arn,
          input: pipeline.name.apply((name) => JSON.stringify({ Name: name, Variables: [{ Name: RETRAIN_VARIABLE, Value: "true" }] })),
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        },
      },
      plan.aws?.overrides ?? {},
      "schedule",
    ),
    { ...ctx.opts, dependsOn: [policy] },
  );
  return { role, policy, schedule };
}
