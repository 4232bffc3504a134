import { defaultNewResource, type Plan, resourcesOfType, synth } from "@mlops-kit/testing";
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { CiCdPipeline } from "./component";
import { PIPELINE_CONFIG, REGISTRIES, serviceInfo } from "./fixtures";
import type { CiCdPipelineArgs } from "./spec";

const REPO = "acme/fraud-model";

function args(cloud: CloudId, extra: Partial<CiCdPipelineArgs> = {}): CiCdPipelineArgs {
  return {
    repository: REPO,
    registry: REGISTRIES[cloud],
    services: [serviceInfo(cloud, "fraud-api"), serviceInfo(cloud, "fraud-canary")],
    stages: [
      { name: "qa", environment: "qa-env", services: ["fraud-canary"] },
      { name: "live", approvers: ["acme/ml-leads"] },
    ],
    build: { model: "fraud", testCommand: "make test", ...(cloud === "azure" ? {} : { cloudNative: true }) },
    retrain: { schedule: "15 4 * * MON", command: "python -m train" },
    ...extra,
  };
}

async function attempt(cloud: CloudId, spec: Record<string, unknown>): Promise<{ registered: number; error: string }> {
  let registered = 0;
  const mocks = {
    newResource: (a: pulumi.runtime.MockResourceArgs) => {
      if (a.type !== "pulumi:pulumi:Stack") registered++;
      return defaultNewResource(a);
    },
  };
  try {
    await synth(() => new CiCdPipeline("delivery", spec as unknown as CiCdPipelineArgs), {
      project: "p",
      stack: "dev",
      config: PIPELINE_CONFIG[cloud],
      mocks,
    });
    return { registered, error: "" };
  } catch (err) {
    return { registered, error: (err as { summary?: string }).summary ?? (err as Error).message };
  }
}

describe("CiCdPipeline: bad specs are refused before anything registers", () => {
  it.each([
    [
      { repository: "acme" },
      'CiCdPipeline "delivery": repository ("acme") must be a GitHub repository as owner/name, e.g. acme/ml-platform',
    ],
    [{ branch: "feature/*" }, 'CiCdPipeline "delivery": branch ("feature/*") must be a branch name such as main (no wildcard)'],
    [
      { stages: [{ name: "qa", environment: "*" }] },
      'CiCdPipeline "delivery": stages.0.environment ("*") must be a GitHub environment name: letters, digits, spaces and ._- (no wildcard)',
    ],
    [
      {
        stages: [
          { name: "a", environment: "x" },
          { name: "b", environment: "x" },
        ],
      },
      'CiCdPipeline "delivery": stages.1.environment ("x") is also stage 0\'s environment',
    ],
    [
      { retrain: { schedule: "0 3 1 * MON", command: "train" } },
      'CiCdPipeline "delivery": retrain.schedule ("0 3 1 * MON") sets both a day of month and a day of week; set one and leave the other *',
    ],
    [
      { retrain: { schedule: "0 3 * * 1", command: "train" } },
      'CiCdPipeline "delivery": retrain.schedule ("0 3 * * 1") names days of the week (MON-FRI, SUN) or uses *: numbers mean different days to AWS and unix cron',
    ],
    [
      { aws: { overrides: { bucket: {} } } },
      'CiCdPipeline "delivery": aws.overrides.bucket is not a child role; roles: oidcProvider, ciRole, codeBuildProject, deployProject, pipeline, artifactBucket, connection, schedule, logGroup',
    ],
  ])("GIVEN %j THEN the error names the field", async (extra, message) => {
    const { registered, error } = await attempt("aws", { ...args("aws"), ...extra });
    expect(error).toBe(message);
    expect(registered).toBe(0);
  });

  it("GIVEN a cloud-native build on Azure THEN UnsupportedError names build.cloudNative and nothing registers", async () => {
    const { registered, error } = await attempt("azure", { ...args("azure"), build: { cloudNative: true } });
    expect(error).toContain('CiCdPipeline "delivery": build.cloudNative is not supported on azure');
    expect(registered).toBe(0);
  });

  it("GIVEN a registry on another cloud THEN the pipeline says so as it resolves", async () => {
    const { error } = await attempt("gcp", { ...args("gcp"), registry: REGISTRIES.aws });
    expect(error).toContain('CiCdPipeline "delivery": registry is on aws, the pipeline on gcp');
  });

  it("GIVEN a stage naming an unknown service THEN the pipeline names the stage", async () => {
    const { error } = await attempt("aws", { ...args("aws"), stages: [{ name: "qa", services: ["nope"] }] });
    expect(error).toContain("stages.0.services names nope, which is not one of services");
  });
});

const TYPES: Record<CloudId, string[]> = {
  aws: [
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    "aws:codebuild/project:Project",
    "aws:codepipeline/pipeline:Pipeline",
    "aws:codestarconnections/connection:Connection",
    "aws:scheduler/schedule:Schedule",
  ],
  gcp: [
    "gcp:iam/workloadIdentityPool:WorkloadIdentityPool",
    "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider",
    "gcp:cloudbuild/trigger:Trigger",
    "gcp:cloudscheduler/job:Job",
  ],
  azure: ["azure-native:managedidentity:UserAssignedIdentity", "azure-native:managedidentity:FederatedIdentityCredential"],
};

describe.each(["aws", "gcp", "azure"] as const)("CiCdPipeline on %s", (cloud) => {
  let plan: Plan;
  const load = async () => {
    plan ??= await synth(
      () => {
        const p = new CiCdPipeline("delivery", args(cloud));
        return { info: p.info, workflows: p.workflows, manualSteps: p.manualSteps };
      },
      { project: "p", stack: "dev", config: PIPELINE_CONFIG[cloud] },
    );
    return plan;
  };

  it("GIVEN a full spec THEN the cloud's identity and build resources are children of the component", async () => {
    const p = await load();
    for (const type of TYPES[cloud]) expect(resourcesOfType(p, type).length, type).toBeGreaterThan(0);
    const component = p.resources.find((r) => r.type === "mlops:index:CiCdPipeline");
    expect(component).toBeDefined();
    const children = p.resources.filter((r) => r.custom && r.parent === component?.urn);
    expect(children.length).toBeGreaterThan(5);
  });

  it("GIVEN two stages THEN one identity per subject: publish, preview and each stage's environment, exactly", async () => {
    const info = (await load()).outputs.info as { identities: { key: string; subject: string; environment: string }[] };
    expect(info.identities.map((i) => [i.key, i.subject, i.environment])).toEqual([
      ["publish", `repo:${REPO}:ref:refs/heads/main`, ""],
      ["preview", `repo:${REPO}:pull_request`, ""],
      ["deploy-qa", `repo:${REPO}:environment:qa-env`, "qa-env"],
      ["deploy-live", `repo:${REPO}:environment:live`, "live"],
    ]);
  });

  it("GIVEN retraining THEN a retrain workflow exists only where the cloud does not schedule it", async () => {
    const workflows = (await load()).outputs.workflows as Record<string, string>;
    expect(workflows.build).toContain("name: build");
    expect(workflows.retrain === "").toBe(cloud !== "azure");
  });
});
