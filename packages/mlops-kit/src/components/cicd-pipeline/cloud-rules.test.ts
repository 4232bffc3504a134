import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultNewResource, type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { physicalName } from "../../core/naming";
import { deployBuildspec } from "./aws/buildspec";
import { APPROVAL_NOTE_MAX, approvalNote } from "./aws/pipeline";
import { CiCdPipeline } from "./component";
import { PIPELINE_CONFIG, REGISTRIES, serviceInfo } from "./fixtures";
import type { StagePlan } from "./plan";

// What the clouds' APIs enforce and mocks do not: the rules below each failed before their fix.

const stage = (approvers: string[]): StagePlan => ({
  name: "live",
  environment: "live",
  approvers,
  approval: true,
  services: undefined,
  pulumiStack: undefined,
});

describe("AWS: CodePipeline's Manual approval CustomData", () => {
  it("GIVEN two approvers THEN the note names them in full", () => {
    expect(approvalNote("acme/fraud-model", stage(["alice", "acme/ml-leads"]))).toBe(
      "Roll acme/fraud-model out to live (approvers: alice, acme/ml-leads)",
    );
  });

  it("GIVEN forty long team slugs THEN the note is cut to the API's 500 characters with an ellipsis", () => {
    const teams = Array.from({ length: 40 }, (_, i) => `acme-corporation/machine-learning-platform-team-${i}`);
    const note = approvalNote("acme/fraud-model", stage(teams));
    expect(APPROVAL_NOTE_MAX).toBe(500);
    expect(note.length).toBe(500);
    expect(note.startsWith("Roll acme/fraud-model out to live (approvers: acme-corporation/machine-learning-platform-team-0, ")).toBe(true);
    expect(note.endsWith("…")).toBe(true);
  });
});

/** Runs the deploy buildspec's commands in one shell, as CodeBuild 0.2 does, with a fake `aws` CLI. */
function runDeploy(fake: string): { status: number | null; calls: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-buildspec-"));
  const log = path.join(dir, "calls");
  fs.writeFileSync(path.join(dir, "aws"), `#!/bin/sh\necho "$*" >> "${log}"\n${fake}\n`, { mode: 0o755 });
  const commands: string[] = parse(deployBuildspec()).phases.build.commands;
  const r = spawnSync("sh", ["-c", commands.join("\n")], {
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      IMAGE: "123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud",
      IMAGE_TAG: "abc123",
      STAGE: "live",
      ASG_NAMES: "api-a api-b",
    },
    encoding: "utf8",
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, calls: calls.map((c) => c.split(" ").slice(0, 2).join(" ")) };
}

describe("AWS: the deploy project's buildspec", () => {
  it("GIVEN ECR refuses the retag for lack of rights THEN the stage fails and no group is refreshed", () => {
    const r = runDeploy(`case "$2" in put-image) echo "An error occurred (AccessDeniedException)" >&2; exit 254;; esac; echo manifest`);
    expect(r.status).not.toBe(0);
    expect(r.calls).toEqual(["ecr batch-get-image", "ecr put-image"]);
  });

  it("GIVEN the stage's tag already points at the image THEN both groups are refreshed", () => {
    const r = runDeploy(`case "$2" in put-image) echo "An error occurred (ImageAlreadyExistsException)" >&2; exit 254;; esac; echo ok`);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      "ecr batch-get-image",
      "ecr put-image",
      "autoscaling start-instance-refresh",
      "autoscaling start-instance-refresh",
    ]);
  });

  it("GIVEN the first group's refresh fails THEN the stage fails", () => {
    const r = runDeploy(`case "$2" in start-instance-refresh) exit 254;; esac; echo ok`);
    expect(r.status).not.toBe(0);
    expect(r.calls.filter((c) => c === "autoscaling start-instance-refresh")).toEqual(["autoscaling start-instance-refresh"]);
  });
});

describe("AWS: the CodeBuild roles", () => {
  it("GIVEN a cloud-native build THEN both projects' roles may read the artifact bucket's ACL and location (CodeBuild's bucket identity check)", async () => {
    const plan = await synth(
      () =>
        new CiCdPipeline("delivery", {
          repository: "acme/fraud-model",
          registry: REGISTRIES.aws,
          services: [serviceInfo("aws", "fraud-api")],
        }),
      { project: "p", stack: "dev", config: PIPELINE_CONFIG.aws },
    );
    // The mock engine's ARN for the bucket (auto-named from its logical name).
    const bucketArn = "arn:aws:mock:bucket:delivery-artifacts";
    for (const name of ["delivery-codebuild", "delivery-codebuild-deploy"]) {
      const doc = JSON.parse(String(resource(plan, "aws:iam/rolePolicy:RolePolicy", name).inputs.policy));
      expect(doc.Statement.find((s: { Sid: string }) => s.Sid === "ArtifactBucket")).toEqual({
        Sid: "ArtifactBucket",
        Effect: "Allow",
        Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"],
        Resource: bucketArn,
      });
    }
  });
});

describe("GCP: Cloud Build accounts and Cloud Scheduler's run request", () => {
  let plan: Plan;
  const scope = { project: "p", stack: "dev" };
  beforeAll(async () => {
    plan = await synth(
      () =>
        new CiCdPipeline("delivery", {
          repository: "acme/fraud-model",
          branch: "trunk",
          registry: REGISTRIES.gcp,
          services: [serviceInfo("gcp", "fraud-api")],
          retrain: { schedule: "30 2 * * SUN", command: "python -m train" },
        }),
      {
        project: "p",
        stack: "dev",
        config: PIPELINE_CONFIG.gcp,
        mocks: {
          newResource: (a) => {
            const r = defaultNewResource(a);
            // Cloud Build assigns the trigger's id.
            return a.type === "gcp:cloudbuild/trigger:Trigger" ? { ...r, state: { ...r.state, triggerId: `id-of-${a.name}` } } : r;
          },
        },
      },
    );
  });

  it("GIVEN retraining THEN the run request carries the required projectId and triggerId, and the branch", () => {
    const job = resource(plan, "gcp:cloudscheduler/job:Job", "delivery-retrain").inputs;
    const target = job.httpTarget as { uri: string; body: string };
    expect(target.uri).toBe("https://cloudbuild.googleapis.com/v1/projects/acme-ml/locations/global/triggers/id-of-delivery-retrain:run");
    expect(JSON.parse(Buffer.from(target.body, "base64").toString("utf8"))).toEqual({
      projectId: "acme-ml",
      triggerId: "id-of-delivery-retrain",
      source: { branchName: "trunk" },
    });
  });

  it("GIVEN stages THEN pushes build as an account without rollout rights and only the deploy triggers' account rolls out", () => {
    // Which Account resource an input came from: the last part of its URN.
    const from = (r: { propertyDependencies?: Record<string, string[]> }, input: string) =>
      (r.propertyDependencies?.[input] ?? []).map((urn) => urn.split("::").pop());
    const trigger = (key: string) => from(resource(plan, "gcp:cloudbuild/trigger:Trigger", `delivery-${key}`), "serviceAccount");
    expect([trigger("build"), trigger("retrain"), trigger("deploy-staging"), trigger("deploy-production")]).toEqual([
      ["delivery-build"],
      ["delivery-build"],
      ["delivery-build-deploy"],
      ["delivery-build-deploy"],
    ]);
    expect(resource(plan, "gcp:serviceaccount/account:Account", "delivery-build-deploy").inputs.accountId).toBe(
      physicalName("gcpServiceAccount", ["delivery", "build-deploy"], scope),
    );
    const rollouts = resourcesOfType(plan, "gcp:projects/iAMMember:IAMMember")
      .filter((m) => m.inputs.role === "roles/compute.instanceAdmin.v1")
      .map((m) => [m.name, from(m, "member")]);
    expect(rollouts).toContainEqual(["delivery-build-deploy-rollout", ["delivery-build-deploy"]]);
    expect(rollouts.filter(([, f]) => (f as string[]).includes("delivery-build"))).toEqual([]);
  });
});

describe("Azure: blob rights", () => {
  it("GIVEN the registry's artifact container THEN publish and preview get blob rights on that container, not the storage account", async () => {
    const plan = await synth(
      () => new CiCdPipeline("delivery", { repository: "acme/fraud-model", registry: REGISTRIES.azure, build: { model: "fraud" } }),
      { project: "p", stack: "dev", config: PIPELINE_CONFIG.azure },
    );
    const scope = (name: string) => resource(plan, "azure-native:authorization:RoleAssignment", name).inputs.scope;
    const container = `${REGISTRIES.azure.artifactStoreId}/blobServices/default/containers/artifacts`;
    expect([scope("delivery-ci-publish-artifacts"), scope("delivery-ci-preview-artifacts")]).toEqual([container, container]);
  });
});
