import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { UnsupportedError } from "../../core/errors";
import { COMPONENT_NAME_MAX, componentNameProblem, NAME_RULES } from "../../core/naming";
import { REGISTRIES } from "./fixtures";
import { planCiCdPipeline } from "./plan";
import { awsCron } from "./plan-aws";
import { ciCdPipelineSchema } from "./spec";

const ctx = (cloud: CloudId) => ({ cloud, profile: "dev" as const, scope: { project: "p", stack: "dev" }, tags: {}, region: undefined });
const specFor = (cloud: CloudId, extra: Record<string, unknown> = {}) =>
  ciCdPipelineSchema.parse({
    repository: "acme/app",
    registry: REGISTRIES[cloud],
    stages: [{ name: "a-very-long-stage-nm" }, { name: "production" }],
    retrain: { schedule: "0 3 * * MON", command: "train" },
    ...extra,
  });

/** Lowercase DNS labels up to the component name limit. */
const componentName = fc
  .stringMatching(new RegExp(`^[a-z][a-z0-9-]{0,${COMPONENT_NAME_MAX - 2}}[a-z0-9]$`))
  .filter((n) => componentNameProblem(n) === undefined);

describe("CiCdPipeline plan", () => {
  it.each([
    ["0 3 * * MON", "cron(0 3 ? * MON *)"],
    ["30 2 1 * *", "cron(30 2 1 * ? *)"],
    ["*/15 * * * *", "cron(*/15 * * * ? *)"],
    ["0 6 * JAN-MAR MON-FRI", "cron(0 6 ? JAN-MAR MON-FRI *)"],
  ])("GIVEN unix cron %s THEN EventBridge Scheduler gets %s", (cron, expected) => {
    expect(awsCron(cron)).toBe(expected);
  });

  it("GIVEN any accepted component name THEN every physical name fits its kind on every cloud", () => {
    fc.assert(
      fc.property(componentName, (name) => {
        const aws = planCiCdPipeline(name, specFor("aws"), ctx("aws")).aws;
        const gcp = planCiCdPipeline(name, specFor("gcp"), ctx("gcp")).gcp;
        const azure = planCiCdPipeline(name, specFor("azure"), ctx("azure")).azure;
        const b = aws?.build;
        const checks: [keyof typeof NAME_RULES, string | undefined][] = [
          ...Object.values(aws?.roleNames ?? {}).map((n) => ["awsAccountIamRole", n] as [keyof typeof NAME_RULES, string]),
          ["awsCodeBuildProject", b?.imageProjectName],
          ["awsCodeBuildProject", b?.deployProjectName],
          ["awsCodePipeline", b?.pipelineName],
          ["awsConnection", b?.connectionName],
          ["awsAccountIamRole", b?.buildRoleName],
          ["awsSchedule", aws?.schedule?.name],
          ["gcpWorkloadIdentityPool", gcp?.poolId],
          ["gcpWorkloadIdentityPool", gcp?.providerId],
          ...Object.values(gcp?.serviceAccountIds ?? {}).map((n) => ["gcpServiceAccount", n] as [keyof typeof NAME_RULES, string]),
          ...Object.values(gcp?.build?.triggerNames ?? {}).map((n) => ["gcpBuildTrigger", n] as [keyof typeof NAME_RULES, string]),
          ...Object.values(azure?.identityNames ?? {}).map((n) => ["azureManagedIdentity", n] as [keyof typeof NAME_RULES, string]),
          ...Object.values(azure?.credentialNames ?? {}).map((n) => ["azureFederatedCredential", n] as [keyof typeof NAME_RULES, string]),
        ];
        expect(checks.length).toBeGreaterThan(20);
        for (const [kind, value] of checks) {
          const r = NAME_RULES[kind];
          expect(value, kind).toMatch(r.pattern);
          expect((value ?? "").length, kind).toBeLessThanOrEqual(r.max);
          expect((value ?? "").length, kind).toBeGreaterThanOrEqual(r.min);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("GIVEN a GCP pool generation THEN the pool id changes and nothing else does", () => {
    const one = planCiCdPipeline("delivery", specFor("gcp"), ctx("gcp")).gcp;
    const two = planCiCdPipeline("delivery", specFor("gcp", { gcp: { poolGeneration: 2 } }), ctx("gcp")).gcp;
    expect(two?.poolId).not.toBe(one?.poolId);
    expect(two?.providerId).toBe(one?.providerId);
    expect(two?.serviceAccountIds).toEqual(one?.serviceAccountIds);
  });

  it("GIVEN a GCP subject over google.subject's 127 bytes THEN UnsupportedError names the stage's environment", () => {
    const spec = specFor("gcp", { stages: [{ name: "live", environment: "e".repeat(120) }] });
    expect(() => planCiCdPipeline("delivery", spec, ctx("gcp"))).toThrow(UnsupportedError);
    expect(() => planCiCdPipeline("delivery", spec, ctx("gcp"))).toThrow(/stages\.0\.environment is not supported on gcp/);
    // The same subject is fine where no such limit exists.
    expect(planCiCdPipeline("delivery", spec, ctx("aws")).identities[2]?.subject).toBe(`repo:acme/app:environment:${"e".repeat(120)}`);
  });

  it("GIVEN no stages THEN staging, then production behind an approval", () => {
    const plan = planCiCdPipeline("delivery", specFor("aws", { stages: undefined }), ctx("aws"));
    expect(plan.stages.map((s) => [s.name, s.environment, s.approval])).toEqual([
      ["staging", "staging", false],
      ["production", "production", true],
    ]);
  });

  it("GIVEN retraining without a cloud-native build on AWS THEN no schedule is planned (the workflow schedules it)", () => {
    const plan = planCiCdPipeline("delivery", specFor("aws", { build: { cloudNative: false } }), ctx("aws"));
    expect([plan.aws?.build, plan.aws?.schedule]).toEqual([undefined, undefined]);
  });
});
