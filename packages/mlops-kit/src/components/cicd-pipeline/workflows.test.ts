import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { CloudId } from "../../core/cloud";
import { ACTIONS } from "./actions";
import { PIPELINE_CONFIG, REGISTRIES, serviceInfo } from "./fixtures";
import type { CiCdPipelineInfo } from "./info";
import { planCiCdPipeline } from "./plan";
import { ciCdPipelineSchema } from "./spec";
import { repositoryPreviewWorkflow, type WorkflowValues, workflows } from "./workflows";

const ROOT = path.resolve(__dirname, "../../../../..");
const STACKS = ["aws-dev", "aws-prod", "azure-dev", "azure-prod", "gcp-dev", "gcp-prod"];

/** GitHub's own parser: schema errors of the workflow file, then of its conversion to the workflow model. */
async function workflowErrors(name: string, content: string): Promise<string[]> {
  // An ES module: loaded with import() from this CommonJS test.
  const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import("@actions/workflow-parser");
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value === undefined) return [...errors, "no workflow"];
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return [...errors, ...(template.errors ?? []).map((e) => e.Message)];
}

function planFor(cloud: CloudId, retrain: boolean) {
  const spec = ciCdPipelineSchema.parse({
    repository: "acme/fraud-model",
    registry: REGISTRIES[cloud],
    stages: [{ name: "staging", pulumiStack: "acme/platform/staging" }, { name: "production" }],
    build: { model: "fraud", testCommand: "make test" },
    ...(retrain ? { retrain: { schedule: "0 3 * * MON-FRI", command: "python -m train" } } : {}),
  });
  const ctx = {
    cloud,
    profile: "dev" as const,
    scope: { project: "p", stack: "dev" },
    tags: {},
    region: PIPELINE_CONFIG[cloud]["aws:region"],
  };
  return planCiCdPipeline("delivery", spec, ctx);
}

function values(cloud: CloudId, plan: ReturnType<typeof planFor>): WorkflowValues {
  const info: CiCdPipelineInfo = {
    cloud,
    repository: plan.repository,
    region: REGISTRIES[cloud].region,
    image: "img",
    identities: plan.identities.map((i) => ({ key: i.key, subject: i.subject, environment: "", id: `id-of-${i.key}` })),
    aws: { oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
    gcp: { project: "acme-ml", workloadIdentityProvider: "projects/1/locations/global/workloadIdentityPools/p/providers/g" },
    azure: { tenantId: "t", subscriptionId: "s" },
  };
  return {
    info,
    registry: REGISTRIES[cloud],
    stageServices: { staging: [serviceInfo(cloud, "api")], production: [serviceInfo(cloud, "api")] },
  };
}

type Job = { permissions?: Record<string, string>; steps: { uses?: string; run?: string }[]; environment?: string };

describe.each(["aws", "gcp", "azure"] as const)("generated workflows on %s", (cloud) => {
  const plan = planFor(cloud, true);
  const files = workflows(plan, values(cloud, plan), plan.build.cloudNative);
  const present = Object.entries(files).filter(([, text]) => text !== "");

  it("GIVEN a plan THEN every workflow passes GitHub's workflow parser without an error", async () => {
    expect(present.length).toBeGreaterThanOrEqual(3);
    for (const [name, text] of present) expect(await workflowErrors(`${name}.yml`, text), name).toEqual([]);
  });

  it("GIVEN a plan THEN contents: read by default and id-token: write only on jobs that log in to the cloud", () => {
    for (const [name, text] of present) {
      const doc = parse(text) as { permissions: Record<string, string>; jobs: Record<string, Job> };
      expect(doc.permissions, name).toEqual({ contents: "read" });
      const jobs = Object.values(doc.jobs);
      expect(jobs.length).toBeGreaterThan(0);
      for (const job of jobs) {
        const logsIn = job.steps.some(
          (s) => s.uses === ACTIONS.awsCredentials || s.uses === ACTIONS.gcpAuth || s.uses === ACTIONS.azureLogin,
        );
        expect(job.permissions?.["id-token"] === "write", `${name}`).toBe(logsIn);
      }
    }
  });

  it("GIVEN a plan THEN every third-party action is pinned to an exact version", () => {
    const uses = present.flatMap(([, text]) =>
      Object.values((parse(text) as { jobs: Record<string, Job> }).jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : []))),
    );
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
  });

  it("GIVEN stages THEN each deploy job runs in its GitHub environment with that stage's identity, after the previous stage", () => {
    const deploy = parse(files.deploy) as { jobs: Record<string, Job & { needs?: string }> };
    expect(deploy.jobs["deploy-staging"]?.environment).toBe("staging");
    expect(deploy.jobs["deploy-production"]?.environment).toBe("production");
    expect(deploy.jobs["deploy-production"]?.needs).toBe("deploy-staging");
    expect(files.deploy).toContain("id-of-deploy-production");
    expect(files.deploy).not.toContain("id-of-publish");
  });

  it("GIVEN retraining THEN retrain.yml is scheduled only where the cloud has no scheduler of ours (Azure)", () => {
    expect(files.retrain === "").toBe(cloud !== "azure");
    if (cloud === "azure") expect(parse(files.retrain).on.schedule).toEqual([{ cron: "0 3 * * MON-FRI" }]);
  });
});

describe("this repository's preview workflow", () => {
  it("GIVEN the six stacks THEN .github/workflows/preview.yml is the generated one and GitHub's parser accepts it", async () => {
    const generated = repositoryPreviewWorkflow(STACKS);
    expect(fs.readFileSync(path.join(ROOT, ".github/workflows/preview.yml"), "utf8")).toBe(generated);
    expect(await workflowErrors("preview.yml", generated)).toEqual([]);
    const doc = parse(generated) as {
      permissions: Record<string, string>;
      jobs: { offline: Job & { strategy: { matrix: { stack: string[] } } } };
    };
    expect(doc.jobs.offline.strategy.matrix.stack).toEqual(STACKS);
    expect(doc.jobs.offline.permissions).toEqual({ contents: "read" });
  });
});

describe("the workflow check itself", () => {
  it("GIVEN a job with an unknown key and a step without run or uses THEN the parser reports errors", async () => {
    const bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    colour: red\n    steps:\n      - name: nothing\n";
    expect((await workflowErrors("bad.yml", bad)).length).toBeGreaterThan(0);
  });
});
