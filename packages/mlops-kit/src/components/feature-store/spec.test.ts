import { defaultNewResource, synth } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { FeatureStore } from "./component";
import { SCHEMA } from "./fixtures";
import type { FeatureStoreArgs } from "./spec";

/** How many resources registered before the program failed, and its error ("" when none). */
async function attempt(args: FeatureStoreArgs, cloud = "aws"): Promise<{ registered: number; error: string }> {
  let registered = 0;
  const mocks = {
    newResource: (a: Parameters<typeof defaultNewResource>[0]) => {
      if (a.type !== "pulumi:pulumi:Stack") registered++;
      return defaultNewResource(a);
    },
  };
  try {
    await synth(() => new FeatureStore("features", args), {
      project: "p",
      stack: "dev",
      config: { "mlops:cloud": cloud, "aws:region": "eu-west-1", "gcp:region": "us-central1", "gcp:project": "acme" },
      mocks,
    });
    return { registered, error: "" };
  } catch (err) {
    return { registered, error: String((err as Error).message) };
  }
}

const group = SCHEMA.featureGroups[0] as FeatureStoreArgs["featureGroups"][number];
const withGroup = (over: Partial<FeatureStoreArgs["featureGroups"][number]>): FeatureStoreArgs => ({
  ...SCHEMA,
  featureGroups: [{ ...group, ...over }],
});

describe("FeatureStore spec: invalid schemas are refused, naming the field, before anything registers", () => {
  const cases: [string, FeatureStoreArgs, string][] = [
    ["an unknown entity", withGroup({ entity: "card" }), 'featureGroups.0.entity ("card") is not an entity; entities: customer'],
    [
      "a repeated feature",
      withGroup({
        features: [
          { name: "amount", type: "float64" },
          { name: "amount", type: "int64" },
        ],
      }),
      'featureGroups.0.features.1.name ("amount") repeats features.0.name',
    ],
    [
      "an embedding without a dimension",
      withGroup({ features: [{ name: "vec", type: "embedding" }] }),
      "featureGroups.0.features.0.dimension is required for an embedding",
    ],
    [
      "a dimension on a scalar",
      withGroup({ features: [{ name: "amount", type: "float64", dimension: 3 }] }),
      "featureGroups.0.features.0.dimension (3) is only for embeddings (this feature is float64)",
    ],
    [
      "two embeddings in a group",
      withGroup({
        features: [
          { name: "a", type: "embedding", dimension: 4 },
          { name: "b", type: "embedding", dimension: 4 },
        ],
      }),
      'featureGroups.0.features.1.type ("embedding") is a second embedding in the group (features.0); a group holds at most one',
    ],
    [
      "a feature named as a join key",
      withGroup({ features: [{ name: "customer_id", type: "string" }] }),
      'featureGroups.0.features.0.name ("customer_id") is a join key of customer',
    ],
    [
      "a reserved column",
      withGroup({ features: [{ name: "write_time", type: "string" }] }),
      'featureGroups.0.features.0.name ("write_time") is a column the stores add themselves',
    ],
    [
      "a feature name with a capital",
      withGroup({ features: [{ name: "Amount", type: "float64" }] }),
      'featureGroups.0.features.0.name ("Amount") must be lowercase letters, digits and _, starting with a letter and ending with a letter or digit',
    ],
    [
      "too many dimensions",
      withGroup({ features: [{ name: "vec", type: "embedding", dimension: 8193 }] }),
      "featureGroups.0.features.0.dimension (8193) must be <= 8192",
    ],
    ["min above max nodes", { ...SCHEMA, online: { minNodes: 4, maxNodes: 2 } }, "online.minNodes (4) must be <= online.maxNodes (2)"],
    [
      "read units without write units",
      { ...SCHEMA, aws: { readUnits: 10 } },
      "aws.writeUnits is required with the other: provisioned throughput takes both",
    ],
  ];
  it.each(cases)("GIVEN %s THEN the error names the field and nothing registers", async (_what, args, message) => {
    const { registered, error } = await attempt(args);
    expect(error).toContain(`FeatureStore "features": ${message}`);
    expect(registered).toBe(0);
  });

  it("GIVEN a valid schema THEN it registers (the harness can tell success from refusal)", async () => {
    const { registered, error } = await attempt({ ...SCHEMA });
    expect(error).toBe("");
    expect(registered).toBeGreaterThan(10);
  });

  it("GIVEN Azure without a network THEN the spec is refused, naming network", async () => {
    const { registered, error } = await attempt({ ...SCHEMA }, "azure");
    expect(error).toContain('FeatureStore "features": network is required on azure');
    expect(registered).toBe(0);
  });
});

describe("FeatureStore plan: what a cloud cannot do is an UnsupportedError before registration", () => {
  it("GIVEN an entity with two join keys on AWS THEN SageMaker's single record identifier is named", async () => {
    const args: FeatureStoreArgs = {
      ...SCHEMA,
      entities: [{ name: "customer", joinKeys: [{ name: "customer_id" }, { name: "region" }] }],
    };
    const { registered, error } = await attempt(args);
    expect(error).toContain(
      'FeatureStore "features": featureGroups.0.entity is not supported on aws: a SageMaker record has one identifier',
    );
    expect(registered).toBe(0);
    expect((await attempt(args, "gcp")).error).toBe("");
  });

  it("GIVEN an offline-only embedding group on AWS THEN the embedding is named", async () => {
    const args: FeatureStoreArgs = {
      ...SCHEMA,
      featureGroups: SCHEMA.featureGroups.map((g) => ({ ...g, online: g.name !== "embeddings" })),
    };
    const { registered, error } = await attempt(args);
    expect(error).toContain(
      "featureGroups.1.features.0 is not supported on aws: SageMaker holds vectors only in the InMemory online store",
    );
    expect(registered).toBe(0);
  });
});
