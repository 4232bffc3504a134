import type { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import type { Project } from "@pulumi/aws/codebuild/project";
import type { Pipeline } from "@pulumi/aws/codepipeline/pipeline";
import type { Connection } from "@pulumi/aws/codestarconnections/connection";
import type { OpenIdConnectProvider } from "@pulumi/aws/iam/openIdConnectProvider";
import type { Role } from "@pulumi/aws/iam/role";
import type { Key } from "@pulumi/aws/kms/key";
import type { Schedule } from "@pulumi/aws/scheduler/schedule";
import type { ArtifactStore } from "./artifacts";

/** The AWS resources of a CiCdPipeline. */
export interface AwsCiCdPipeline {
  /** GitHub's OIDC provider; absent when `aws.oidcProviderArn` names the account's existing one. */
  oidcProvider?: OpenIdConnectProvider;
  /** The CI roles by identity key (`publish`, `preview`, `deploy-<stage>`). */
  roles: Record<string, Role>;
  /** The cloud-native build, unless `build.cloudNative` is off. */
  build?: {
    key: Key;
    logGroup: LogGroup;
    artifacts: ArtifactStore;
    /** PENDING until completed in the console. */
    connection: Connection;
    imageProject: Project;
    deployProject: Project;
    pipeline: Pipeline;
    retrainSchedule?: Schedule;
  };
}

declare module "../contract" {
  /** Types the `.aws` escape hatch for programs that import `mlops-kit/aws`. */
  interface CiCdPipelineCloudResources {
    aws: AwsCiCdPipeline;
  }
}
