import type { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { Project } from "@pulumi/aws/codebuild/project";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import type { Key } from "@pulumi/aws/kms/key";
import type { Bucket } from "@pulumi/aws/s3/bucket";
import * as pulumi from "@pulumi/pulumi";
import { type PolicyStatement, serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { PipelineInputs } from "../contract";
import type { CiCdPipelinePlan } from "../plan";
import { type AwsBuildPlan, CODEBUILD_COMPUTE, CODEBUILD_IMAGE } from "../plan-aws";
import { deployBuildspec, imageBuildspec } from "./buildspec";
import { document, rolloutStatements } from "./policies";

export interface BuildProjects {
  imageProject: Project;
  deployProject: Project;
  imageRole: Role;
  deployRole: Role;
  grants: pulumi.Resource[];
}

/** What both projects need: their log group, the pipeline's artifacts, and the key of both. */
function commonStatements(logGroupArn: string, bucketArn: string, keyArn: string): PolicyStatement[] {
  return [
    { Sid: "BuildLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:log-stream:*` },
    { Sid: "Artifacts", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], Resource: `${bucketArn}/*` },
    // CodeBuild checks the artifact bucket's owner and region before it reads or writes (CodeBuild
    // User Guide, "Allow CodeBuild to interact with other AWS services": S3BucketIdentity).
    { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"], Resource: bucketArn },
    { Sid: "ArtifactKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], Resource: keyArn },
  ];
}

interface Shared {
  env: AwsEnvironment;
  key: Key;
  logGroup: LogGroup;
  bucket: Bucket;
}

function projectRole(plan: CiCdPipelinePlan, roleName: string, resourceName: string, s: Shared, ctx: ProvisionContext): Role {
  return new Role(
    resourceName,
    {
      name: roleName,
      description: `CodeBuild of ${plan.repository} (${plan.name})`,
      assumeRolePolicy: s.env.account.apply((acct) => JSON.stringify(serviceTrustPolicy("codebuild.amazonaws.com", acct))),
      tags: awsTags({ ...plan.tags, Name: resourceName }),
    },
    ctx.opts,
  );
}

function project(
  plan: CiCdPipelinePlan,
  resourceName: string,
  a: {
    name: string;
    role: Role;
    buildspec: pulumi.Input<string>;
    privileged: boolean;
    variables: { name: string; value: pulumi.Input<string> }[];
  },
  s: Shared,
  ctx: ProvisionContext,
  dependsOn: pulumi.Resource[],
): Project {
  const role = a.privileged ? "codeBuildProject" : "deployProject";
  return new Project(
    resourceName,
    withOverrides(
      {
        name: a.name,
        description: `${a.privileged ? "Builds and pushes the image" : "Rolls out a stage"} of ${plan.repository}`,
        serviceRole: a.role.arn,
        source: { type: "CODEPIPELINE", buildspec: a.buildspec },
        artifacts: { type: "CODEPIPELINE" },
        environment: {
          computeType: CODEBUILD_COMPUTE,
          image: CODEBUILD_IMAGE,
          type: "LINUX_CONTAINER",
          imagePullCredentialsType: "CODEBUILD",
          // Docker-in-Docker needs a privileged container: only the project that builds images.
          privilegedMode: a.privileged,
          environmentVariables: a.variables.map((v) => ({ ...v, type: "PLAINTEXT" })),
        },
        encryptionKey: s.key.arn,
        logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: s.logGroup.name }, s3Logs: { status: "DISABLED" } },
        buildTimeout: 60,
        queuedTimeout: 120,
        tags: awsTags({ ...plan.tags, Name: resourceName, "mlops:build": a.privileged ? "image" : "deploy" }),
      },
      plan.aws?.overrides ?? {},
      role,
    ),
    { ...ctx.opts, dependsOn },
  );
}

/** The image project (privileged, publisher rights) and the deploy project (rollout rights). */
export function createBuildProjects(
  plan: CiCdPipelinePlan,
  b: AwsBuildPlan,
  inputs: PipelineInputs,
  s: Shared,
  ctx: ProvisionContext,
): BuildProjects {
  const n = plan.name;
  const imageRole = projectRole(plan, b.buildRoleName, `${n}-codebuild`, s, ctx);
  const deployRole = projectRole(plan, b.deployRoleName, `${n}-codebuild-deploy`, s, ctx);
  const common = pulumi.all([s.logGroup.arn, s.bucket.arn, s.key.arn]).apply(([l, bk, k]) => commonStatements(l, bk, k));
  const publisher = new RolePolicyAttachment(
    `${n}-codebuild-publish`,
    { role: imageRole.name, policyArn: inputs.registry.apply((r) => r.aws?.publisherPolicyArn ?? "") },
    ctx.opts,
  );
  const imagePolicy = new RolePolicy(
    `${n}-codebuild`,
    { role: imageRole.id, policy: common.apply((c) => JSON.stringify(document(c))) },
    ctx.opts,
  );
  const deployPolicy = new RolePolicy(
    `${n}-codebuild-deploy`,
    {
      role: deployRole.id,
      policy: pulumi
        .all([common, inputs.registry, inputs.services, s.env.scope])
        .apply(([c, r, services, scope]) =>
          JSON.stringify(
            document([
              ...c,
              { Sid: "EcrRetag", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:PutImage"], Resource: r.imageRepositoryId },
              ...rolloutStatements(scope, services),
            ]),
          ),
        ),
    },
    ctx.opts,
  );
  const image = inputs.registry.apply((r) => r.imageRepositoryUrl);
  const imageProject = project(
    plan,
    `${n}-image`,
    {
      name: b.imageProjectName,
      role: imageRole,
      buildspec: inputs.registry.apply((r) => imageBuildspec(plan, r)),
      privileged: true,
      variables: [
        { name: "IMAGE", value: image },
        { name: "IMAGE_TAG", value: "latest" },
        { name: "RETRAIN", value: "false" },
      ],
    },
    s,
    ctx,
    [publisher, imagePolicy],
  );
  const deployProject = project(
    plan,
    `${n}-deploy`,
    {
      name: b.deployProjectName,
      role: deployRole,
      buildspec: deployBuildspec(),
      privileged: false,
      variables: [
        { name: "IMAGE", value: image },
        // STAGE and ASG_NAMES come from the pipeline's action, per stage.
        { name: "IMAGE_TAG", value: "latest" },
      ],
    },
    s,
    ctx,
    [deployPolicy],
  );
  return { imageProject, deployProject, imageRole, deployRole, grants: [publisher, imagePolicy, deployPolicy] };
}
