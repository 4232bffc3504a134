import { Trigger, type TriggerArgs } from "@pulumi/gcp/cloudbuild/trigger";
import { Job } from "@pulumi/gcp/cloudscheduler/job";
import { IAMMember as ProjectIamMember } from "@pulumi/gcp/projects/iammember";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import { IAMMember as ServiceAccountIamMember } from "@pulumi/gcp/serviceaccount/iammember";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import type { InferenceServiceInfo } from "../../inference-service/info";
import type { RegistryInfo } from "../../model-registry/info";
import { registerCommand, rolloutCommand } from "../actions";
import type { PipelineInputs } from "../contract";
import { type CiCdPipelinePlan, CiRole, type StagePlan } from "../plan";
import type { GcpBuildPlan } from "../plan-gcp";
import { imagePath } from "../workflows";
import { type GcpScope, grantRights } from "./identity";

/** Cloud Build's Docker builder, and the Cloud SDK image for shell steps (Cloud Build "Cloud builders"). */
export const DOCKER_BUILDER = "gcr.io/cloud-builders/docker";
export const SDK_BUILDER = "gcr.io/google.com/cloudsdktool/cloud-sdk:slim";

export interface GcpBuild {
  serviceAccount: Account;
  /** Runs the deploy triggers (the only build account with rollout rights). */
  deployServiceAccount: Account;
  triggers: Record<string, Trigger>;
  scheduler?: { serviceAccount: Account; job: Job };
  grants: pulumi.Resource[];
}

type Step = { name: string; id: string; entrypoint?: string; args: string[] };
const shell = (id: string, command: string): Step => ({ id, name: SDK_BUILDER, entrypoint: "bash", args: ["-c", command] });
/**
 * A user's command, its `$` escaped as `$$`: Cloud Build reads `$NAME` in a step's arguments as a
 * substitution and refuses unknown ones (Cloud Build "Substituting variable values"); the shell
 * then sees the `$` it was written with.
 */
const userShell = (id: string, command: string): Step => shell(id, command.replaceAll("$", "$$$$"));

/** Test, build, push and register; `$COMMIT_SHA` is Cloud Build's own substitution. */
function imageSteps(plan: CiCdPipelinePlan, r: RegistryInfo): Step[] {
  const image = `${imagePath(plan, r)}:$COMMIT_SHA`;
  const steps: Step[] = [];
  if (plan.build.testCommand) steps.push(userShell("test", plan.build.testCommand));
  steps.push(
    { id: "build", name: DOCKER_BUILDER, args: ["build", "--file", plan.build.dockerfile, "--tag", image, plan.build.context] },
    { id: "push", name: DOCKER_BUILDER, args: ["push", image] },
  );
  if (plan.build.model) steps.push(shell("register", registerCommand("gcp", r, plan.build.model, image, "$COMMIT_SHA")));
  return steps;
}

/** Moves the stage's tag to `_IMAGE_TAG` and replaces the stage's instance groups. */
function deploySteps(plan: CiCdPipelinePlan, stage: StagePlan, r: RegistryInfo, services: InferenceServiceInfo[]): Step[] {
  const image = imagePath(plan, r);
  return [
    shell("tag", `gcloud artifacts docker tags add "${image}:$_IMAGE_TAG" "${image}:${stage.name}"`),
    ...services.map((s, i) => shell(`rollout-${i}`, rolloutCommand(s))),
  ];
}

function trigger(
  plan: CiCdPipelinePlan,
  key: string,
  args: Omit<TriggerArgs, "name" | "serviceAccount" | "location">,
  sa: Account,
  scope: GcpScope,
  ctx: ProvisionContext,
  dependsOn: pulumi.Resource[],
): Trigger {
  const g = plan.gcp;
  return new Trigger(
    `${plan.name}-${key}`,
    withOverrides(
      {
        name: g?.build?.triggerNames[key] ?? key,
        location: "global",
        // The build runs as its own account, not Cloud Build's legacy default one.
        serviceAccount: pulumi.interpolate`projects/${scope.project}/serviceAccounts/${sa.email}`,
        tags: ["mlops", plan.name],
        ...args,
      },
      g?.overrides ?? {},
      "trigger",
    ),
    { ...ctx.opts, dependsOn },
  );
}

/** Manual triggers build the branch's head from GitHub (1st-gen GitHub App, no token in state). */
function manualSource(plan: CiCdPipelinePlan) {
  return { uri: `https://github.com/${plan.repository}`, ref: `refs/heads/${plan.branch}`, repoType: "GITHUB" };
}

// A user-chosen build account must name where logs go (Cloud Build "Configure user-specified service accounts").
const OPTIONS = { logging: "CLOUD_LOGGING_ONLY" };

function createTriggers(
  plan: CiCdPipelinePlan,
  b: GcpBuildPlan,
  inputs: PipelineInputs,
  accounts: { build: BuildAccount; deploy: BuildAccount },
  scope: GcpScope,
  ctx: ProvisionContext,
) {
  const { account: sa, grants } = accounts.build;
  const r = inputs.registry;
  const triggers: Record<string, Trigger> = {};
  triggers.build = trigger(
    plan,
    "build",
    {
      description: `Builds and pushes the image of ${plan.repository}`,
      github: { owner: plan.owner, name: plan.repositoryName, push: { branch: `^${plan.branch.replace(/[.]/g, "\\.")}$` } },
      build: { steps: r.apply((x) => imageSteps(plan, x)), options: OPTIONS },
    },
    sa,
    scope,
    ctx,
    grants,
  );
  for (const stage of plan.stages) {
    const services = inputs.stageServices.apply((by) => by[stage.name] ?? []);
    triggers[`deploy-${stage.name}`] = trigger(
      plan,
      `deploy-${stage.name}`,
      {
        description: `Rolls ${plan.repository} out to ${stage.name} (_IMAGE_TAG: the commit)`,
        sourceToBuild: manualSource(plan),
        approvalConfig: { approvalRequired: stage.approval },
        substitutions: { _IMAGE_TAG: "latest" },
        build: { steps: pulumi.all([r, services]).apply(([x, s]) => deploySteps(plan, stage, x, s)), options: OPTIONS },
      },
      accounts.deploy.account,
      scope,
      ctx,
      accounts.deploy.grants,
    );
  }
  if (plan.retrain && b.triggerNames.retrain) {
    const command = plan.retrain.command;
    triggers.retrain = trigger(
      plan,
      "retrain",
      {
        description: `Retrains, then builds ${plan.repository}`,
        sourceToBuild: manualSource(plan),
        build: { steps: r.apply((x) => [userShell("retrain", command), ...imageSteps(plan, x)]), options: OPTIONS },
      },
      sa,
      scope,
      ctx,
      grants,
    );
  }
  return triggers;
}

/**
 * The body of `projects.locations.triggers.run`: RunBuildTriggerRequest, whose `projectId` and
 * `triggerId` are required (Cloud Build API reference), and the branch to build; base64, as
 * Cloud Scheduler's HttpTarget.body is bytes.
 */
export function runBody(project: pulumi.Input<string>, triggerId: pulumi.Input<string>, branch: string): pulumi.Output<string> {
  return pulumi
    .all([project, triggerId])
    .apply(([projectId, id]) =>
      Buffer.from(JSON.stringify({ projectId, triggerId: id, source: { branchName: branch } })).toString("base64"),
    );
}

/**
 * Cloud Scheduler calls the retrain trigger's `:run` with an OAuth token of its own account, which
 * may run builds (no trigger-level IAM exists: `roles/cloudbuild.builds.editor` on the project) and
 * act as the build's account.
 */
function createScheduler(
  plan: CiCdPipelinePlan,
  sa: Account,
  retrain: Trigger,
  scope: GcpScope,
  region: pulumi.Output<string>,
  ctx: ProvisionContext,
) {
  const s = plan.gcp?.scheduler;
  if (!s || !plan.retrain) return undefined;
  const n = `${plan.name}-scheduler`;
  const account = new Account(
    n,
    { accountId: s.serviceAccountId, displayName: `Retrain schedule of ${plan.name}`.slice(0, 100) },
    ctx.opts,
  );
  const member = pulumi.interpolate`serviceAccount:${account.email}`;
  const runs = new ProjectIamMember(n, { project: scope.project, role: "roles/cloudbuild.builds.editor", member }, ctx.opts);
  const actAs = new ServiceAccountIamMember(n, { serviceAccountId: sa.name, role: "roles/iam.serviceAccountUser", member }, ctx.opts);
  const job = new Job(
    `${plan.name}-retrain`,
    withOverrides(
      {
        name: s.jobName,
        region,
        description: `Retrains ${plan.repository}`,
        schedule: plan.retrain.cron,
        timeZone: "Etc/UTC",
        attemptDeadline: "320s",
        retryConfig: { retryCount: 3 },
        httpTarget: {
          httpMethod: "POST",
          // Cloud Build API projects.locations.triggers.run; the body is base64 (Cloud Scheduler HttpTarget.body).
          uri: pulumi.interpolate`https://cloudbuild.googleapis.com/v1/projects/${scope.project}/locations/global/triggers/${retrain.triggerId}:run`,
          body: runBody(scope.project, retrain.triggerId, plan.branch),
          headers: { "Content-Type": "application/json" },
          oauthToken: { serviceAccountEmail: account.email, scope: "https://www.googleapis.com/auth/cloud-platform" },
        },
      },
      plan.gcp?.overrides ?? {},
      "schedulerJob",
    ),
    { ...ctx.opts, dependsOn: [runs, actAs] },
  );
  return { serviceAccount: account, job };
}

/** Cloud Build: its own account and rights, the triggers, and the retrain schedule. */
export function createBuild(
  plan: CiCdPipelinePlan,
  inputs: PipelineInputs,
  scope: GcpScope,
  region: pulumi.Output<string>,
  ctx: ProvisionContext,
): GcpBuild | undefined {
  const b = plan.gcp?.build;
  if (!b) return undefined;
  const rollsOut = Object.values(inputs.stageServiceCounts).some((c) => c > 0);
  const a = { plan, inputs, services: inputs.services, rollsOut, project: scope.project };
  // Pushes build, test and publish; only the deploy triggers' account rolls out, conditioned on every stage's groups.
  const build = buildAccount(`${plan.name}-build`, b.serviceAccountId, "Cloud Build", CiRole.publish, a, ctx);
  const deploy = buildAccount(`${plan.name}-build-deploy`, b.deployServiceAccountId, "Cloud Build deploys", CiRole.deploy, a, ctx);
  const triggers = createTriggers(plan, b, inputs, { build, deploy }, scope, ctx);
  const scheduler = triggers.retrain ? createScheduler(plan, build.account, triggers.retrain, scope, region, ctx) : undefined;
  return {
    serviceAccount: build.account,
    deployServiceAccount: deploy.account,
    triggers,
    ...(scheduler ? { scheduler } : {}),
    grants: [...build.grants, ...deploy.grants],
  };
}

interface BuildAccount {
  account: Account;
  grants: pulumi.Resource[];
}

/** A build account with its logs and the rights of `role` (publish: push and register; deploy: tag and roll out). */
function buildAccount(
  n: string,
  accountId: string,
  what: string,
  role: CiRole,
  a: Parameters<typeof grantRights>[3],
  ctx: ProvisionContext,
): BuildAccount {
  const account = new Account(
    n,
    withOverrides(
      { accountId, displayName: `${what} of ${a.plan.name}`.slice(0, 100) },
      a.plan.gcp?.overrides ?? {},
      "buildServiceAccount",
    ),
    ctx.opts,
  );
  const member = pulumi.interpolate`serviceAccount:${account.email}`;
  const grants: pulumi.Resource[] = [
    new ProjectIamMember(`${n}-logs`, { project: a.project, role: "roles/logging.logWriter", member }, ctx.opts),
    ...grantRights(n, role, member, { ...a, rollsOut: role === CiRole.deploy && a.rollsOut }, ctx.opts),
  ];
  return { account, grants };
}
