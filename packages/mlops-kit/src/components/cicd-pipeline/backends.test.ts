import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { physicalName } from "../../core/naming";
import { CiCdPipeline } from "./component";
import { PIPELINE_CONFIG, REGISTRIES, serviceInfo } from "./fixtures";
import type { CiCdPipelineArgs } from "./spec";

// Non-default values throughout: a repository, a branch, environments and a schedule of their own.
const SPEC = (cloud: CloudId): CiCdPipelineArgs => ({
  repository: "acme/fraud-model",
  repositoryOwnerId: "4242",
  branch: "trunk",
  registry: REGISTRIES[cloud],
  services: [serviceInfo(cloud, "fraud-api")],
  stages: [
    { name: "qa", environment: "qa-env" },
    { name: "live", approval: true },
  ],
  build: { model: "fraud", dockerfile: "serving/Dockerfile", context: "serving" },
  retrain: { schedule: "30 2 * * SUN", command: "python -m train" },
});

const synthOn = (cloud: CloudId, extra: Partial<CiCdPipelineArgs> = {}, stack = "dev") =>
  synth(() => new CiCdPipeline("delivery", { ...SPEC(cloud), ...extra }), { project: "p", stack, config: PIPELINE_CONFIG[cloud] });

const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

describe("CiCdPipeline on AWS", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await synthOn("aws");
  });

  it("GIVEN four identities THEN each role trusts GitHub's provider for one exact subject with StringEquals on aud and sub", () => {
    const roles = resourcesOfType(plan, "aws:iam/role:Role").filter((r) => r.name.startsWith("delivery-ci-"));
    expect(roles.map((r) => r.name).sort()).toEqual([
      "delivery-ci-deploy-live",
      "delivery-ci-deploy-qa",
      "delivery-ci-preview",
      "delivery-ci-publish",
    ]);
    const subjects = roles.map((r) => {
      const [s] = json(r.inputs.assumeRolePolicy).Statement;
      expect(s.Action).toBe("sts:AssumeRoleWithWebIdentity");
      expect(Object.keys(s.Condition)).toEqual(["StringEquals"]);
      expect(s.Condition.StringEquals["token.actions.githubusercontent.com:aud"]).toBe("sts.amazonaws.com");
      return s.Condition.StringEquals["token.actions.githubusercontent.com:sub"];
    });
    expect(subjects.sort()).toEqual([
      "repo:acme/fraud-model:environment:live",
      "repo:acme/fraud-model:environment:qa-env",
      "repo:acme/fraud-model:pull_request",
      "repo:acme/fraud-model:ref:refs/heads/trunk",
    ]);
  });

  it("GIVEN the registry THEN publish gets its publisher policy, preview its reader policy, and deploys refresh only the service's group", () => {
    const attached = (name: string) => resource(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name).inputs.policyArn;
    expect(attached("delivery-ci-publish")).toBe(REGISTRIES.aws.aws?.publisherPolicyArn);
    expect(attached("delivery-ci-preview")).toBe(REGISTRIES.aws.aws?.readerPolicyArn);
    const deploy = json(resource(plan, "aws:iam/rolePolicy:RolePolicy", "delivery-ci-deploy-live").inputs.policy);
    const rollout = deploy.Statement.find((s: { Sid: string }) => s.Sid === "RollOut");
    expect(rollout.Resource).toEqual([
      "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/fraud-api-asg-0123456",
    ]);
  });

  it("GIVEN a cloud-native build THEN only the image project is privileged, both use the KMS key, and the pipeline's store is KMS-encrypted", () => {
    const image = resource(plan, "aws:codebuild/project:Project", "delivery-image").inputs;
    const deploy = resource(plan, "aws:codebuild/project:Project", "delivery-deploy").inputs;
    expect([
      (image.environment as { privilegedMode: boolean }).privilegedMode,
      (deploy.environment as { privilegedMode: boolean }).privilegedMode,
    ]).toEqual([true, false]);
    expect((image.environment as { image: string }).image).toBe("aws/codebuild/standard:7.0");
    expect(image.encryptionKey).toBeTruthy();
    expect(deploy.encryptionKey).toBe(image.encryptionKey);
    const pipeline = resource(plan, "aws:codepipeline/pipeline:Pipeline", "delivery").inputs;
    expect(pipeline.pipelineType).toBe("V2");
    const [store] = pipeline.artifactStores as { encryptionKey: { type: string; id: string } }[];
    expect(store?.encryptionKey).toEqual({ type: "KMS", id: image.encryptionKey });
    const stages = (pipeline.stages as { name: string; actions: { category: string }[] }[]).map((s) => [
      s.name,
      s.actions.map((a) => a.category),
    ]);
    expect(stages).toEqual([
      ["Source", ["Source"]],
      ["Build", ["Build"]],
      ["Deploy-qa", ["Build"]],
      ["Deploy-live", ["Approval", "Build"]],
    ]);
  });

  it("GIVEN retraining THEN the schedule starts this pipeline with RETRAIN=true in AWS cron", () => {
    const s = resource(plan, "aws:scheduler/schedule:Schedule", "delivery-retrain").inputs;
    expect(s.scheduleExpression).toBe("cron(30 2 ? * SUN *)");
    const target = s.target as { arn: string; input: string };
    expect(target.arn).toBe("arn:aws:scheduler:::aws-sdk:codepipeline:startPipelineExecution");
    expect(json(target.input)).toEqual({
      Name: physicalName("awsCodePipeline", ["delivery"], { project: "p", stack: "dev" }),
      Variables: [{ Name: "RETRAIN", Value: "true" }],
    });
  });

  it("GIVEN an existing OIDC provider ARN THEN none is created and the roles trust that one", async () => {
    const arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    const p = await synthOn("aws", { aws: { oidcProviderArn: arn } });
    expect(resourcesOfType(p, "aws:iam/openIdConnectProvider:OpenIdConnectProvider")).toEqual([]);
    expect(json(resource(p, "aws:iam/role:Role", "delivery-ci-publish").inputs.assumeRolePolicy).Statement[0].Principal.Federated).toBe(
      arn,
    );
  });

  it("GIVEN the prod profile THEN the artifact bucket is retained and not force-destroyed", async () => {
    const p = await synthOn("aws", { profile: "prod" });
    const bucket = resourcesOfType(p, "aws:s3/bucket:Bucket")[0];
    expect([bucket?.retainOnDelete, bucket?.inputs.forceDestroy]).toEqual([true, false]);
  });
});

describe("CiCdPipeline on GCP", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await synthOn("gcp");
  });

  it("GIVEN a repository and owner id THEN the provider's attribute condition pins both", () => {
    const provider = resourcesOfType(plan, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider")[0];
    expect(provider?.inputs.attributeCondition).toBe(
      "assertion.repository == 'acme/fraud-model' && assertion.repository_owner_id == '4242'",
    );
    expect(provider?.inputs.oidc).toEqual({ issuerUri: "https://token.actions.githubusercontent.com" });
  });

  it("GIVEN four identities THEN each account is bound to one subject principal, never a principalSet", () => {
    const bindings = resourcesOfType(plan, "gcp:serviceaccount/iAMMember:IAMMember").filter(
      (b) => b.inputs.role === "roles/iam.workloadIdentityUser",
    );
    expect(bindings.length).toBe(4);
    for (const b of bindings)
      expect(String(b.inputs.member)).toMatch(
        /^principal:\/\/iam\.googleapis\.com\/projects\/123456789012\/locations\/global\/workloadIdentityPools\/[a-z0-9-]+\/subject\/repo:acme\/fraud-model:/,
      );
  });

  it("GIVEN a deploy stage THEN instance admin is conditioned on the service's group", () => {
    const rollout = resource(plan, "gcp:projects/iAMMember:IAMMember", "delivery-ci-deploy-live-rollout").inputs;
    expect(rollout.role).toBe("roles/compute.instanceAdmin.v1");
    expect((rollout.condition as { expression: string }).expression).toBe(
      'resource.name == "projects/acme-ml/regions/us-central1/instanceGroupManagers/fraud-api-mig"',
    );
  });

  it("GIVEN stages THEN the later stage's trigger needs approval, the build runs as its own account and logs to Cloud Logging", () => {
    const trigger = (key: string) => resource(plan, "gcp:cloudbuild/trigger:Trigger", `delivery-${key}`).inputs;
    expect(trigger("deploy-qa").approvalConfig).toEqual({ approvalRequired: false });
    expect(trigger("deploy-live").approvalConfig).toEqual({ approvalRequired: true });
    expect((trigger("build").github as { push: { branch: string } }).push.branch).toBe("^trunk$");
    expect(String(trigger("build").serviceAccount)).toMatch(/^projects\/acme-ml\/serviceAccounts\//);
    expect((trigger("build").build as { options: { logging: string } }).options.logging).toBe("CLOUD_LOGGING_ONLY");
  });

  it("GIVEN a retrain command with shell variables THEN Cloud Build gets them escaped as $$, its own $COMMIT_SHA not", async () => {
    const p = await synthOn("gcp", { retrain: { schedule: "30 2 * * SUN", command: 'python -m train --out "$HOME/model"' } });
    const steps = (
      resource(p, "gcp:cloudbuild/trigger:Trigger", "delivery-retrain").inputs.build as { steps: { id: string; args: string[] }[] }
    ).steps;
    expect(steps.find((s) => s.id === "retrain")?.args).toEqual(["-c", 'python -m train --out "$$HOME/model"']);
    expect(steps.find((s) => s.id === "push")?.args[1]).toMatch(/:\$COMMIT_SHA$/);
  });

  it("GIVEN retraining THEN Cloud Scheduler POSTs the retrain trigger's run with an OAuth token", () => {
    const job = resource(plan, "gcp:cloudscheduler/job:Job", "delivery-retrain").inputs;
    expect(job.schedule).toBe("30 2 * * SUN");
    const target = job.httpTarget as { uri: string; httpMethod: string; oauthToken: { scope: string } };
    expect(target.httpMethod).toBe("POST");
    expect(target.uri).toMatch(/^https:\/\/cloudbuild\.googleapis\.com\/v1\/projects\/acme-ml\/locations\/global\/triggers\/.+:run$/);
    expect(target.oauthToken.scope).toBe("https://www.googleapis.com/auth/cloud-platform");
  });
});

describe("CiCdPipeline on Azure", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await synthOn("azure", { build: { model: "fraud" } });
  });

  it("GIVEN four identities THEN each has one federated credential for GitHub's issuer, Entra's audience and one exact subject", () => {
    const creds = resourcesOfType(plan, "azure-native:managedidentity:FederatedIdentityCredential");
    expect(creds.length).toBe(4);
    for (const c of creds) {
      expect(c.inputs.issuer).toBe("https://token.actions.githubusercontent.com");
      expect(c.inputs.audiences).toEqual(["api://AzureADTokenExchange"]);
    }
    expect(creds.map((c) => c.inputs.subject).sort()).toEqual([
      "repo:acme/fraud-model:environment:live",
      "repo:acme/fraud-model:environment:qa-env",
      "repo:acme/fraud-model:pull_request",
      "repo:acme/fraud-model:ref:refs/heads/trunk",
    ]);
  });

  it("GIVEN the registry and a service THEN roles are assigned on the registry, the storage account, the workspace and the scale set", () => {
    const scope = (name: string) => resource(plan, "azure-native:authorization:RoleAssignment", name).inputs;
    expect(String(scope("delivery-ci-publish-images").roleDefinitionId)).toMatch(/8311e382-0749-4cb8-b61a-304f252e45ec$/);
    expect(scope("delivery-ci-publish-images").scope).toBe(REGISTRIES.azure.imageRepositoryId);
    expect(String(scope("delivery-ci-preview-images").roleDefinitionId)).toMatch(/7f951dda-4ed3-4680-a7ca-43fe172d538d$/);
    expect(scope("delivery-ci-publish-workspace").scope).toBe(REGISTRIES.azure.azure?.workspaceId);
    expect(scope("delivery-ci-deploy-live-rollout-0").scope).toBe(serviceInfo("azure", "fraud-api").scalingGroupId);
  });
});
