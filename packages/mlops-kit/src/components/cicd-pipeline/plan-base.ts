import type { CloudId, Profile } from "../../core/cloud";
import type { Tags } from "../../core/tags";

// The neutral decisions of a CiCdPipeline plan: plan.ts makes them, the cloud planners read them.

/** GitHub's OIDC issuer (GitHub Docs, "About security hardening with OpenID Connect"). */
export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

/** What a CI identity is for. */
export const CiRole = {
  /** Pushes of the branch: build, push the image, register the model version. */
  publish: "publish",
  /** Pull requests: read-only, for previews. */
  preview: "preview",
  /** A stage's GitHub environment: roll the services out. */
  deploy: "deploy",
} as const;
export type CiRole = (typeof CiRole)[keyof typeof CiRole];

/** One keyless identity and the one token subject it trusts. */
export interface CiIdentityPlan {
  /** `publish`, `preview`, `deploy-<stage>`: the child names' role word. */
  key: string;
  role: CiRole;
  /** The stage it deploys, for `deploy`. */
  stage?: string;
  /** The `sub` claim of GitHub's token, exactly (never a wildcard). */
  subject: string;
}

export interface StagePlan {
  name: string;
  environment: string;
  approvers: string[];
  /** A human approves before this stage. */
  approval: boolean;
  /** Service names this stage rolls out; undefined: all. */
  services: string[] | undefined;
  pulumiStack: string | undefined;
}

export interface BuildPlan {
  imageName: string;
  dockerfile: string;
  context: string;
  testCommand: string | undefined;
  model: string | undefined;
  cloudNative: boolean;
}

export interface RetrainPlan {
  /** Five-field cron, UTC (GitHub Actions, Cloud Scheduler). */
  cron: string;
  command: string;
}

/** The neutral part of a plan, which the cloud planners read. */
export interface PipelineBase {
  cloud: CloudId;
  profile: Profile;
  name: string;
  repository: string;
  owner: string;
  repositoryName: string;
  repositoryOwnerId: string | undefined;
  branch: string;
  identities: CiIdentityPlan[];
  stages: StagePlan[];
  build: BuildPlan;
  retrain: RetrainPlan | undefined;
  /** prod: logs, buckets and keys outlive the stack. */
  retain: boolean;
  logRetentionDays: number;
  tags: Tags;
}
