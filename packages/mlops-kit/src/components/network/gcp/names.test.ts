import { type Plan, synth } from "@mlops-kit/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMPONENT_NAME_MAX, componentNameProblem } from "../../../core/naming";
import { InferenceService } from "../../inference-service/component";
import type { InferenceServiceArgs } from "../../inference-service/spec";
import { MlopsVpc } from "../component";

/** Any name `parseSpec` accepts: a lowercase DNS label of at most 40 characters. */
const acceptedComponentName = fc
  .stringMatching(new RegExp(`^[a-z]([a-z0-9-]{0,${COMPONENT_NAME_MAX - 2}}[a-z0-9])?$`))
  .filter((n) => componentNameProblem(n) === undefined);

/** Compute Engine and Cloud DNS resource names: RFC 1035, 1–63 ("Resource names", Compute Engine docs). */
const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Cloud Logging sink and exclusion names: up to 100 of letters, digits, `_-.` (Logging API, LogSink.name). */
const LOGGING_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** Log bucket ids: up to 100 of letters, digits, `_-` (Logging API, LogBucket). */
const LOG_BUCKET_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Every problem with a GCP physical name in a plan; every such child must carry an explicit name. */
function gcpNameProblems(plan: Plan): string[] {
  const problems: string[] = [];
  for (const r of plan.resources) {
    const inputs = r.inputs as Record<string, unknown>;
    const check = (value: unknown, rule: RegExp, field = "name") => {
      if (typeof value !== "string" || !rule.test(value)) problems.push(`${r.type} ${r.name}: ${field} ${JSON.stringify(value)}`);
    };
    if (r.type.startsWith("gcp:compute/")) {
      if (r.type.endsWith(":RegionInstanceTemplate")) check(`${inputs.namePrefix}20261130052600000000001`, RFC1035, "namePrefix");
      else check(inputs.name, RFC1035);
    } else if (r.type === "gcp:dns/managedZone:ManagedZone") check(inputs.name, RFC1035);
    else if (r.type === "gcp:logging/projectSink:ProjectSink" || r.type === "gcp:logging/projectExclusion:ProjectExclusion") {
      check(inputs.name, LOGGING_NAME);
    } else if (r.type === "gcp:logging/projectBucketConfig:ProjectBucketConfig") check(inputs.bucketId, LOG_BUCKET_ID, "bucketId");
  }
  return problems;
}

describe("MlopsVpc on GCP: names", () => {
  it("GIVEN a 40-character name WHEN synthesized THEN every GCP name is explicit and valid", async () => {
    const name = `n${"a1-".repeat(12)}a1z`;
    expect(name).toHaveLength(COMPONENT_NAME_MAX);
    const plan = await synthNamed(name, { "mlops:profile": "prod" });
    expect(plan.resources.filter((r) => r.type.startsWith("gcp:compute/")).length).toBeGreaterThanOrEqual(8);
    expect(gcpNameProblems(plan)).toEqual([]);
  });

  it("GIVEN any accepted component name WHEN synthesized THEN every GCP name in the plan is valid", async () => {
    await fc.assert(
      fc.asyncProperty(acceptedComponentName, async (name) => {
        expect(gcpNameProblems(await synthNamed(name))).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  it("GIVEN two stacks of one project WHEN synthesized THEN no GCP name is shared", async () => {
    const names = async (stack: string) => {
      const plan = await synthNamed("core", {}, stack);
      return plan.resources.filter((r) => r.type.startsWith("gcp:compute/")).map((r) => (r.inputs as { name: string }).name);
    };
    const [dev, prod] = await Promise.all([names("dev"), names("prod")]);
    expect(dev.length).toBeGreaterThan(5);
    expect(dev.filter((n) => prod.includes(n))).toEqual([]);
  });
});

describe("InferenceService on GCP: names", () => {
  it("GIVEN a 40-character name, both load balancer schemes and prod WHEN synthesized THEN every GCP name is explicit and valid", async () => {
    const name = `s${"b2-".repeat(12)}b2z`;
    expect(name).toHaveLength(COMPONENT_NAME_MAX);
    for (const scheme of ["public", "internal"] as const) {
      const tls =
        scheme === "internal" ? { certificateId: "projects/p/locations/us-central1/certificates/c" } : { domain: "api.example.com" };
      const plan = await synthService(name, { loadBalancer: { scheme, tls } }, { "mlops:profile": "prod" });
      expect(plan.resources.filter((r) => r.type.startsWith("gcp:compute/")).length).toBeGreaterThanOrEqual(15);
      expect(gcpNameProblems(plan)).toEqual([]);
    }
  });

  it("GIVEN any accepted component name WHEN synthesized THEN every GCP name in the plan is valid", async () => {
    await fc.assert(
      fc.asyncProperty(acceptedComponentName, async (name) => {
        expect(gcpNameProblems(await synthService(name))).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });
});

async function synthService(name: string, extra: Partial<InferenceServiceArgs> = {}, config: Record<string, string> = {}): Promise<Plan> {
  return synth(
    () => {
      const vpc = new MlopsVpc("core", { gcp: { enableApis: true } });
      new InferenceService(name, {
        network: vpc.network,
        image: "us-docker.pkg.dev/acme-ml/models/api:1",
        compute: { cpu: 2, memoryGiB: 8 },
        loadBalancer: { tls: { domain: "api.example.com" }, allowedCidrs: ["198.51.100.0/24"] },
        ...extra,
      });
    },
    {
      project: "p",
      stack: "dev",
      config: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme-ml", ...config },
    },
  );
}

async function synthNamed(name: string, config: Record<string, string> = {}, stack = "dev"): Promise<Plan> {
  return synth(
    () => {
      const vpc = new MlopsVpc(name, {});
      return { network: vpc.network };
    },
    {
      project: "p",
      stack,
      config: { "mlops:cloud": "gcp", "gcp:region": "europe-west4", "gcp:project": "acme-ml", ...config },
    },
  );
}
