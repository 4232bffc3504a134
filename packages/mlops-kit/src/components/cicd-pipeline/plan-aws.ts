import type { Overrides } from "../../core/backend";
import { type NameScope, physicalName } from "../../core/naming";
import type { PipelineBase } from "./plan-base";
import type { OVERRIDE_ROLES } from "./spec";

/** The CodeBuild image: Ubuntu standard 7.0 (CodeBuild "Docker images provided by CodeBuild"; Docker 24+, for image builds). */
export const CODEBUILD_IMAGE = "aws/codebuild/standard:7.0";
/** 3 GB / 2 vCPU general-purpose Linux build host (CodeBuild "Build environment compute types"). */
export const CODEBUILD_COMPUTE = "BUILD_GENERAL1_SMALL";

export interface AwsBuildPlan {
  /** Builds and pushes the image (the only privileged project). */
  imageProjectName: string;
  /** Rolls the services out, one run per stage (not privileged). */
  deployProjectName: string;
  pipelineName: string;
  connectionName: string;
  logGroupName: string;
  buildRoleName: string;
  deployRoleName: string;
  pipelineRoleName: string;
}

export interface AwsPipelinePlan {
  overrides: Overrides<(typeof OVERRIDE_ROLES)["aws"][number]>;
  /** IAM role name per identity key (`publish`, `preview`, `deploy-<stage>`). */
  roleNames: Record<string, string>;
  build: AwsBuildPlan | undefined;
  /** EventBridge Scheduler starts the pipeline with RETRAIN=true. */
  schedule: { name: string; roleName: string; expression: string } | undefined;
}

/**
 * Five-field unix cron as EventBridge Scheduler's six-field `cron(...)`: a year field, and `?` in
 * whichever day field is `*` (Scheduler "Schedule types": one of day-of-month and day-of-week must
 * be `?`). Day-of-week names mean the same in both; the spec refuses numbers there.
 */
export function awsCron(cron: string): string {
  const [minute, hour, dom, month, dow] = cron.split(" ");
  const days = dow === "*" ? [dom, "?"] : ["?", dow];
  return `cron(${minute} ${hour} ${days[0]} ${month} ${days[1]} *)`;
}

export function planAwsPipeline(p: PipelineBase, scope: NameScope, overrides: AwsPipelinePlan["overrides"]): AwsPipelinePlan {
  const roleNames = Object.fromEntries(p.identities.map((i) => [i.key, physicalName("awsAccountIamRole", [p.name, "ci", i.key], scope)]));
  const build: AwsBuildPlan | undefined = p.build.cloudNative
    ? {
        imageProjectName: physicalName("awsCodeBuildProject", [p.name, "image"], scope),
        deployProjectName: physicalName("awsCodeBuildProject", [p.name, "deploy"], scope),
        pipelineName: physicalName("awsCodePipeline", [p.name], scope),
        connectionName: physicalName("awsConnection", [p.name, "github"], scope),
        logGroupName: `/aws/codebuild/${physicalName("awsScopedLogGroup", [p.name], scope)}`,
        buildRoleName: physicalName("awsAccountIamRole", [p.name, "codebuild"], scope),
        deployRoleName: physicalName("awsAccountIamRole", [p.name, "codebuild-deploy"], scope),
        pipelineRoleName: physicalName("awsAccountIamRole", [p.name, "codepipeline"], scope),
      }
    : undefined;
  const schedule =
    p.retrain && build
      ? {
          name: physicalName("awsSchedule", [p.name, "retrain"], scope),
          roleName: physicalName("awsAccountIamRole", [p.name, "scheduler"], scope),
          expression: awsCron(p.retrain.cron),
        }
      : undefined;
  return { overrides, roleNames, build, schedule };
}
