import { component, descendantsOf, type Plan, synth } from "@mlops-kit/testing";
import type * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { MlopsPlatform } from "./component";
import { CONFIG, fullPlatform } from "./fixtures";
import type { MlopsPlatformInfo } from "./info";

const known = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

describe.each(["aws", "gcp", "azure"] as const)("GIVEN the whole platform on %s", (cloud: CloudId) => {
  let plan: Plan;
  let platform: MlopsPlatform;
  let info: MlopsPlatformInfo;
  beforeAll(async () => {
    plan = await synth(
      async () => {
        platform = new MlopsPlatform("acme", fullPlatform(cloud));
        info = await known(platform.info);
      },
      { project: "p", stack: "dev", config: CONFIG[cloud] },
    );
  }, 120_000);

  const partUrn = (type: string, name: string) => component(plan, `mlops:index:${type}`, name).urn;
  /** Resources under `from` with an input taken from a resource under `to`. */
  const wired = (from: string, to: string) => {
    const targets = new Set(descendantsOf(plan, to).map((r) => r.urn));
    expect(targets.size).toBeGreaterThan(0);
    return descendantsOf(plan, from).filter((r) => Object.values(r.propertyDependencies).some((urns) => urns.some((u) => targets.has(u))));
  };

  it("THEN each part is a child of the platform, under its default name (a service under its key, the network under the platform's)", () => {
    const root = component(plan, "mlops:index:MlopsPlatform", "acme").urn;
    const parts = plan.resources.filter((r) => r.parent === root).map((r) => `${r.type.replace("mlops:index:", "")} ${r.name}`);
    expect(parts.sort()).toEqual(
      [
        "MlopsVpc acme",
        "ModelRegistry registry",
        "FeatureStore features",
        "InferenceService fraud-api",
        "InferenceService fraud-batch",
        "MonitoringStack observability",
        "CiCdPipeline delivery",
        "TrainingCluster training",
      ].sort(),
    );
  });

  it("THEN every part is aliased to its URN outside a platform, and their children record none of their own", () => {
    const root = component(plan, "mlops:index:MlopsPlatform", "acme").urn;
    const parts = plan.resources.filter((r) => r.parent === root);
    expect(parts.length).toBe(8);
    for (const p of parts) expect(p.aliases).toEqual([`urn:pulumi:dev::p::${p.type}::${p.name}`]);
    const grandchildren = plan.resources.filter((r) => parts.some((p) => p.urn === r.parent) && r.custom);
    expect(grandchildren.length).toBeGreaterThan(20);
    // Only the SDK's own type aliases: the inherited one is the engine's to derive.
    for (const r of grandchildren) for (const a of r.aliases ?? []) expect(a).not.toContain(`::${r.type}::`);
  });

  // The registry reaches the network only where it has private endpoints (Azure); the migration
  // test pins its inputs to the hand-wired stack's on every cloud.
  it("THEN the services and the training cluster take inputs from the network", () => {
    const network = partUrn("MlopsVpc", "acme");
    for (const [type, name] of [
      ["InferenceService", "fraud-api"],
      ["InferenceService", "fraud-batch"],
      ["TrainingCluster", "training"],
    ] as const) {
      expect(wired(partUrn(type, name), network).length, `${type} ${name}`).toBeGreaterThan(0);
    }
  });

  it("THEN every service is granted the registry (image pull, artifact read)", () => {
    const registry = partUrn("ModelRegistry", "registry");
    for (const name of ["fraud-api", "fraud-batch"]) {
      expect(wired(partUrn("InferenceService", name), registry).length, name).toBeGreaterThan(0);
    }
  });

  it("THEN the monitoring watches every service, and the pipeline publishes to the registry", () => {
    expect(platform.monitoring.plan.services.map((s) => s.name)).toEqual(["fraud-api", "fraud-batch"]);
    expect(wired(partUrn("CiCdPipeline", "delivery"), partUrn("ModelRegistry", "registry")).length).toBeGreaterThan(0);
  });

  it("THEN the pipeline's rollout is granted on every service", () => {
    for (const name of ["fraud-api", "fraud-batch"]) {
      expect(wired(partUrn("CiCdPipeline", "delivery"), partUrn("InferenceService", name)).length, name).toBeGreaterThan(0);
    }
  });

  it("THEN a team that sets no access reads the registry and the feature store; one that sets `access: {}` reads nothing", () => {
    const teams = Object.fromEntries(platform.training.plan.teams.map((t) => [t.name, t.access]));
    expect(teams).toEqual({ research: { registry: true, featureStore: true }, ops: { registry: false, featureStore: false } });
  });

  it("THEN the platform's tags reach every part", () => {
    expect(platform.training.plan.tags ?? {}).toMatchObject({ "cost-center": "fraud-team" });
    expect(platform.pipeline.plan.tags).toMatchObject({ "cost-center": "fraud-team" });
  });

  it("THEN its info holds each part's info, the services by name", () => {
    expect(info.cloud).toBe(cloud);
    expect(Object.keys(info.services)).toEqual(["fraud-api", "fraud-batch"]);
    expect(info.services["fraud-batch"]?.name).toBe("fraud-batch");
    expect(info.registry?.name).toBe("registry");
    expect(info.monitoring?.name).toBe("observability");
    expect(info.training?.name).toBe("training");
    expect(info.network?.cloud).toBe(cloud);
  });

  it("THEN asking for a service it lacks names the field", () => {
    expect(() => platform.service("scoring")).toThrow(
      'MlopsPlatform "acme": services has no service "scoring" (it has fraud-api, fraud-batch)',
    );
  });
});

describe("GIVEN a platform with a network alone", () => {
  it("WHEN a missing part is asked for THEN the error names the field", async () => {
    let platform: MlopsPlatform | undefined;
    await synth(
      () => {
        platform = new MlopsPlatform("small", { network: {} });
      },
      { project: "p", stack: "dev", config: CONFIG.aws },
    );
    expect(platform?.network.cloud).toBe("aws");
    expect(() => platform?.registry).toThrow('MlopsPlatform "small": registry is not set, so the platform has no such part');
    expect(platform?.services).toEqual({});
  });
});
