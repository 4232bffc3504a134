import { defaultNewResource, synth } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { MlopsPlatform } from "./component";
import { CONFIG, fullPlatform, service } from "./fixtures";
import type { MlopsPlatformArgs } from "./spec";

/** How many resources registered before the program failed, and its error ("" when none). */
async function attempt(args: MlopsPlatformArgs, cloud: CloudId = "aws"): Promise<{ registered: number; error: string }> {
  let registered = 0;
  const mocks = {
    newResource: (a: Parameters<typeof defaultNewResource>[0]) => {
      if (a.type !== "pulumi:pulumi:Stack") registered++;
      return defaultNewResource(a);
    },
  };
  try {
    await synth(() => new MlopsPlatform("acme", args), { project: "p", stack: "dev", config: CONFIG[cloud], mocks });
    return { registered, error: "" };
  } catch (err) {
    return { registered, error: String((err as Error).message) };
  }
}

const full = fullPlatform("aws");
const without = (...keys: (keyof MlopsPlatformArgs)[]): MlopsPlatformArgs =>
  Object.fromEntries(Object.entries(full).filter(([k]) => !keys.includes(k as keyof MlopsPlatformArgs)));

describe("MlopsPlatform spec: GIVEN parts that need another part, or a part's own spec invalid", () => {
  const cases: [string, MlopsPlatformArgs, string][] = [
    [
      "a registry, services and training with no network",
      without("network", "featureStore", "pipeline", "monitoring"),
      'MlopsPlatform "acme" has 3 problems:\n' +
        "  - registry needs the platform's network (a ModelRegistry is reached through it): add `network`\n" +
        "  - training needs the platform's network (a TrainingCluster's nodes run in it): add `network`\n" +
        "  - services needs the platform's network (an InferenceService runs in it): add `network`",
    ],
    [
      "a pipeline with no registry",
      without("registry"),
      'MlopsPlatform "acme": pipeline publishes images and models to the platform\'s registry: add `registry`',
    ],
    [
      "monitoring with no service",
      without("services", "pipeline"),
      'MlopsPlatform "acme": monitoring watches the platform\'s services: add at least one under `services`',
    ],
    [
      "a pipeline stage naming a service the platform lacks",
      { ...full, pipeline: { repository: "acme/fraud", stages: [{ name: "staging", services: ["fraud-api", "scoring"] }] } },
      'MlopsPlatform "acme": pipeline.stages.0.services.1 ("scoring") is not one of the platform\'s services (fraud-api, fraud-batch)',
    ],
    [
      "SLOs for a service the platform lacks",
      { ...full, monitoring: { serviceSlos: { scoring: { latencyP95Ms: 300 } } } },
      'MlopsPlatform "acme": monitoring.serviceSlos.scoring is not one of the platform\'s services (fraud-api, fraud-batch)',
    ],
    [
      "a part that sets what the platform wires",
      { ...full, registry: { ...full.registry, network: {} } as MlopsPlatformArgs["registry"] },
      'MlopsPlatform "acme": registry.network is wired by the platform: leave it out',
    ],
    [
      "a registry model name its component refuses",
      { ...full, registry: { models: [{ name: "Fraud" }] } },
      'MlopsPlatform "acme": registry.models.0.name ("Fraud") must be a lowercase DNS label (letters, digits, single hyphens, letter first)',
    ],
    [
      "a part's name its component refuses",
      { ...full, monitoring: { name: "Observability" } },
      'MlopsPlatform "acme": monitoring.name must be a lowercase DNS label: lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit (e.g. fraud-api), because every cloud derives resource names from it',
    ],
    [
      "a service whose compute its component refuses",
      { ...full, services: { "fraud-api": { ...service("aws", "fraud.example.com"), compute: { cpu: 0, memoryGiB: 8 } } } },
      'MlopsPlatform "acme": services.fraud-api.compute.cpu (0) must be >= 1',
    ],
    [
      "a part of an unknown kind",
      { ...full, notebooks: {} } as MlopsPlatformArgs,
      'MlopsPlatform "acme": notebooks is not a known field (check its spelling)',
    ],
  ];

  it.each(cases)("WHEN %s THEN it is refused naming the field, and nothing registers", async (_, args, message) => {
    expect(await attempt(args)).toEqual({ registered: 0, error: message });
  });

  it("WHEN a feature store on Azure has no network THEN it is refused, where the other clouds take it", async () => {
    const store = { featureStore: full.featureStore };
    expect(await attempt(store, "azure")).toEqual({
      registered: 0,
      error:
        'MlopsPlatform "acme": featureStore needs the platform\'s network (on Azure a FeatureStore is reached through private endpoints): add `network`',
    });
    const aws = await attempt(store, "aws");
    expect(aws.error).toBe("");
    expect(aws.registered).toBeGreaterThan(3);
  });

  it("WHEN the whole platform is valid THEN it registers", async () => {
    const ok = await attempt(full);
    expect(ok.error).toBe("");
    expect(ok.registered).toBeGreaterThan(100);
  });
});
