import type * as pulumi from "@pulumi/pulumi";
import type { PassThroughArgs } from "../../core/backend";
import type { Cloud, Profile } from "../../core/cloud";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { RegistryInfo } from "../model-registry/info";

// The public arguments of a CiCdPipeline: what a user writes, documented field by field.
// spec.ts validates them (the zod schema) and re-exports them.

/** One deployment stage: a GitHub environment whose jobs get the stage's cloud identity. */
export interface StageArgs {
  /** The stage's name (`staging`, `production`): a lowercase DNS label of at most 20 characters. */
  name: string;
  /**
   * The GitHub environment the stage's deploy job runs in; its identity trusts only this
   * environment's token (`repo:<owner>/<name>:environment:<environment>`).
   * @default the stage's name
   */
  environment?: string | undefined;
  /**
   * GitHub users or teams (`octocat`, `acme/ml-leads`) who approve a rollout to this stage. GitHub
   * enforces them as the environment's required reviewers, which are set in the repository's
   * settings (this component manages no GitHub resource); AWS CodePipeline and GCP Cloud Build ask
   * for their own approval before this stage when `approval` is on.
   * @default none
   */
  approvers?: string[] | undefined;
  /** A human approves before this stage rolls out (CodePipeline manual approval; Cloud Build `approvalConfig`). @default false for the first stage, true for later ones */
  approval?: boolean | undefined;
  /** Names of the `services` this stage rolls out to the new image. @default every service */
  services?: string[] | undefined;
  /** The Pulumi stack `deploy.yml` runs `pulumi up` on before rolling out, when set. @default none (roll-out only) */
  pulumiStack?: string | undefined;
}

/** How the serving image is built and the model version registered. */
export interface BuildArgs {
  /** The image's name under the registry's repository (GCP, Azure; AWS pushes to the ECR repository itself). @default the component's name */
  imageName?: string | undefined;
  /** Path of the Dockerfile in the repository. @default "Dockerfile" */
  dockerfile?: string | undefined;
  /** The build context's directory in the repository. @default "." */
  context?: string | undefined;
  /** Runs the tests before the image is built. @default none */
  testCommand?: string | undefined;
  /** The registry's model (a key of `registry.models`) a version is registered for after each push. @default none: no registration */
  model?: string | undefined;
  /**
   * Build in the cloud as well as in GitHub Actions: AWS CodeBuild + CodePipeline, GCP Cloud Build
   * triggers. Azure has no cloud-native build here (GitHub Actions only): `true` is refused.
   * @default true on AWS and GCP, false on Azure
   */
  cloudNative?: boolean | undefined;
}

/** Scheduled retraining. */
export interface RetrainArgs {
  /**
   * When, in UTC, as five-field cron (`0 3 * * MON`). Day-of-week by name (`MON-FRI`) or `*`, and
   * not both a day of month and a day of week (AWS cron cannot say "either").
   */
  schedule: string;
  /** What retraining runs, in the repository's checkout (a shell command). */
  command: string;
}

/** AWS specifics. */
export interface CiCdPipelineAwsArgs {
  /**
   * The account's existing GitHub OIDC provider (an account holds one per issuer URL). @default
   * one is created
   */
  oidcProviderArn?: pulumi.Input<string> | undefined;
  /** Pass-through arguments by child role (`codeBuildProject`, `pipeline`, ...). */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** GCP specifics. */
export interface CiCdPipelineGcpArgs {
  /** The project's number, which `principal://` identities name (the provider looks it up when absent). @default looked up */
  projectNumber?: string | undefined;
  /**
   * Part of the workload identity pool's id. GCP keeps a deleted pool's id reserved for 30 days
   * (soft delete): after a `pulumi destroy`, raise it to `up` again within that time, or undelete
   * the pool (`gcloud iam workload-identity-pools undelete`) and import it.
   * @default 1
   */
  poolGeneration?: number | undefined;
  /** Pass-through arguments by child role. */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** Azure specifics. */
export interface CiCdPipelineAzureArgs {
  /** The resource group of the identities. @default the registry's resource group */
  resourceGroupName?: pulumi.Input<string> | undefined;
  /** Pass-through arguments by child role. */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/**
 * Keyless CI/CD from a GitHub repository: OIDC identities per environment (publish, pull-request
 * preview, one per stage), a cloud-native image build and staged rollout where the cloud has one,
 * scheduled retraining, and the GitHub Actions workflows that use them.
 */
export interface CiCdPipelineArgs {
  /** The GitHub repository, `owner/name`. */
  repository: string;
  /**
   * The repository owner's numeric id: GCP's attribute condition also pins it, so a repository
   * recreated under the same name by another owner is not trusted. @default not pinned
   */
  repositoryOwnerId?: string | undefined;
  /** The branch whose pushes build, publish and deploy. @default "main" */
  branch?: string | undefined;
  /** Where images and model versions are published: a ModelRegistry's `info`. */
  registry: pulumi.Input<RegistryInfo>;
  /** InferenceServices the stages roll out: their `info`. @default none */
  services?: pulumi.Input<InferenceServiceInfo>[] | undefined;
  /** Deployment stages in order. @default staging, then production behind an approval */
  stages?: StageArgs[] | undefined;
  build?: BuildArgs | undefined;
  /** Scheduled retraining. @default none */
  retrain?: RetrainArgs | undefined;
  /** The cloud. @default the stack setting mlops:cloud */
  cloud?: Cloud;
  /** The profile. @default the stack setting mlops:profile, else dev */
  profile?: Profile;
  /** Tags (labels on GCP) for every resource. @default {} */
  tags?: Record<string, string> | undefined;
  aws?: CiCdPipelineAwsArgs | undefined;
  gcp?: CiCdPipelineGcpArgs | undefined;
  azure?: CiCdPipelineAzureArgs | undefined;
}

/** Children whose arguments `overrides` can extend, per cloud. */
export const OVERRIDE_ROLES = {
  aws: ["oidcProvider", "ciRole", "codeBuildProject", "deployProject", "pipeline", "artifactBucket", "connection", "schedule", "logGroup"],
  gcp: ["workloadIdentityPool", "workloadIdentityProvider", "ciServiceAccount", "buildServiceAccount", "trigger", "schedulerJob"],
  azure: ["identity", "federatedCredential"],
} as const;
