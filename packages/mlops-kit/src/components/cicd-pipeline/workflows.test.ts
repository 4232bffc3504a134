// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub Actions expressions, not template placeholders
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
    const file = path.join(ROOT, ".github/workflows/preview.yml");
    // The file is written by the generator only: UPDATE_WORKFLOWS=1 rewrites it, as UPDATE_URNS does the snapshots.
    if (process.env.UPDATE_WORKFLOWS === "1") fs.writeFileSync(file, generated);
    expect(fs.readFileSync(file, "utf8")).toBe(generated);
    expect(await workflowErrors("preview.yml", generated)).toEqual([]);
    const doc = parse(generated) as {
      permissions: Record<string, string>;
      jobs: { offline: Job & { strategy: { matrix: { stack: string[] } } } };
    };
    expect(doc.jobs.offline.strategy.matrix.stack).toEqual(STACKS);
    expect(doc.jobs.offline.permissions).toEqual({ contents: "read" });
  });

  type Step = {
    name?: string;
    id?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
  };
  type PreviewJob = { permissions: Record<string, string>; needs?: string; if?: string; steps: Step[] };
  const preview = parse(repositoryPreviewWorkflow(STACKS)) as { permissions: Record<string, string>; jobs: Record<string, PreviewJob> };
  const offline = preview.jobs.offline as PreviewJob;
  const comment = preview.jobs.comment as PreviewJob;
  const step = (job: PreviewJob, match: (s: Step) => boolean) => {
    const found = job.steps.find(match);
    expect(found).toBeDefined();
    return found as Step;
  };

  it("GIVEN the preview THEN the whole history is checked out (origin/<base> exists) without a persisted token", () => {
    expect(step(offline, (s) => s.uses === ACTIONS.checkout).with).toEqual({ "persist-credentials": false, "fetch-depth": 0 });
  });

  it("GIVEN the preview THEN each stack runs npm ci, plan, check and diff against the base branch in that order, the diff kept green", () => {
    const runs = offline.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs.slice(0, 4)).toEqual([
      "npm ci",
      "npx mlops plan --stack ${{ matrix.stack }} --out head-${{ matrix.stack }}.json",
      "npx mlops check --stack ${{ matrix.stack }}",
      'npx mlops diff --stack "$STACK" --base "origin/$BASE_REF" --head-plan "head-$STACK.json" --markdown > "diff-$STACK.md"',
    ]);
    const diff = step(offline, (s) => s.id === "diff");
    expect(diff.env).toEqual({ STACK: "${{ matrix.stack }}", BASE_REF: "${{ github.base_ref || 'main' }}" });
    // A reported change is the comment's content, not a failure.
    expect(diff.run).not.toContain("--fail-on");
    // A failed check must not hide the diff from the comment.
    expect(diff.if).toContain("!cancelled()");
  });

  it("GIVEN the preview THEN each stack's diff is uploaded as diff-<stack> and the comment job downloads them all", () => {
    const upload = step(offline, (s) => s.uses === ACTIONS.uploadArtifact);
    expect(upload.if).toBe("${{ !cancelled() }}");
    expect(upload.with).toMatchObject({ name: "diff-${{ matrix.stack }}", path: "diff-${{ matrix.stack }}.md" });
    expect(step(comment, (s) => s.uses === ACTIONS.downloadArtifact).with).toEqual({
      pattern: "diff-*",
      path: "diffs",
      "merge-multiple": true,
    });
    expect(comment.needs).toBe("offline");
    expect(comment.if).toBe("${{ !cancelled() }}");
  });

  it("GIVEN the preview THEN pull-requests: write on the comment job alone, contents: read everywhere else, no id-token", () => {
    expect(preview.permissions).toEqual({ contents: "read" });
    expect(offline.permissions).toEqual({ contents: "read" });
    expect(comment.permissions).toEqual({ "pull-requests": "write" });
    expect(Object.keys(preview.jobs)).toEqual(["offline", "comment"]);
  });

  it("GIVEN the preview THEN the comment is written by github-script with the stacks in order, and every action is pinned", () => {
    const script = step(comment, (s) => s.uses === ACTIONS.githubScript);
    expect(JSON.parse(script.env?.PREVIEW_STACKS ?? "[]")).toEqual(STACKS);
    expect(String(script.with?.script)).toContain("<!-- mlops-kit:preview -->");
    const uses = [...offline.steps, ...comment.steps].flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses).toHaveLength(5);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/);
  });
});

describe("the workflow check itself", () => {
  it("GIVEN a job with an unknown key and a step without run or uses THEN the parser reports errors", async () => {
    const bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    colour: red\n    steps:\n      - name: nothing\n";
    expect((await workflowErrors("bad.yml", bad)).length).toBeGreaterThan(0);
  });
});
