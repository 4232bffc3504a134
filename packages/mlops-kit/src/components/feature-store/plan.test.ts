import { describe, expect, it } from "vitest";
import type { DeployContext } from "../../core/context";
import { shortHash } from "../../core/naming";
import { parseSpec } from "../../core/spec";
import { SCHEMA } from "./fixtures";
import { planFeatureStore } from "./plan";
import { ttlDuration } from "./plan-aws";
import { featureSetSpec, renderFeatureSetSpec } from "./plan-azure";
import { syncCron } from "./plan-gcp";
import { type FeatureStoreArgs, featureStoreSchema } from "./spec";

const ctx = (cloud: DeployContext["cloud"], profile: DeployContext["profile"] = "dev"): DeployContext => ({
  cloud,
  profile,
  scope: { project: "p", stack: profile },
  tags: { team: "ml" },
  region: cloud === "gcp" ? "us-central1" : cloud === "azure" ? "westeurope" : "eu-west-1",
});
const plan = (cloud: DeployContext["cloud"], args: FeatureStoreArgs = { ...SCHEMA }, profile: DeployContext["profile"] = "dev") =>
  planFeatureStore("features", parseSpec(featureStoreSchema, "FeatureStore", "features", args), ctx(cloud, profile));

describe("FeatureStore plan: profiles", () => {
  it.each([
    ["dev", 90, 6, 1, 3, false],
    ["prod", 730, 1, 2, 10, true],
  ] as const)("GIVEN %s THEN retention %i days, sync every %i h, nodes %i–%i, retain %s", (profile, days, hours, min, max, retain) => {
    const p = plan("gcp", { ...SCHEMA }, profile);
    expect([p.offline.retentionDays, p.sync.intervalHours, p.online.minNodes, p.online.maxNodes, p.retain]).toEqual([
      days,
      hours,
      min,
      max,
      retain,
    ]);
  });

  it("GIVEN only maxNodes below the profile's minimum THEN the minimum follows it down", () => {
    expect(plan("gcp", { ...SCHEMA, online: { maxNodes: 1 } }, "prod").online).toMatchObject({ minNodes: 1, maxNodes: 1 });
  });

  it("GIVEN only one cloud chosen THEN only its plan is made", () => {
    const p = plan("aws");
    expect([p.aws !== undefined, p.gcp, p.azure]).toEqual([true, undefined, undefined]);
  });
});

describe("FeatureStore plan: type mappings per cloud", () => {
  it("GIVEN every neutral type THEN AWS, BigQuery and Azure hold them as their own types", () => {
    const args: FeatureStoreArgs = {
      ...SCHEMA,
      featureGroups: [
        {
          name: "all",
          entity: "customer",
          features: ["string", "int64", "float64", "bool", "timestamp"].map((t) => ({ name: `f_${t}`, type: t as "string" })),
        },
      ],
    };
    const aws = plan("aws", args)
      .aws?.groups[0]?.definitions.slice(2)
      .map((d) => d.featureType);
    expect(aws).toEqual(["String", "Integral", "Fractional", "Integral", "String"]);
    const bq = plan("gcp", args)
      .gcp?.groups[0]?.schema.slice(2)
      .map((c) => c.type);
    expect(bq).toEqual(["STRING", "INT64", "FLOAT64", "BOOL", "TIMESTAMP"]);
    const azure = (plan("azure", args).azure?.groups[0]?.spec.features as { type: string }[] | undefined)?.map((f) => f.type);
    expect(azure).toEqual(["string", "long", "double", "boolean", "datetime"]);
  });

  it("GIVEN the embeddings group THEN AWS makes it InMemory without an offline store, GCP an Optimized store, Azure binary", () => {
    const aws = plan("aws").aws?.groups[1];
    expect(aws).toMatchObject({ storageType: "InMemory", offline: false });
    expect(plan("gcp").gcp?.onlineStore?.storage).toBe("optimized");
    expect((plan("azure").azure?.groups[1]?.spec.features as { type: string }[] | undefined)?.[0]?.type).toBe("binary");
  });

  it("GIVEN no online embedding THEN GCP's store is Bigtable with the autoscaling bounds", () => {
    const args = { ...SCHEMA, featureGroups: SCHEMA.featureGroups.map((g) => ({ ...g, online: g.name !== "embeddings" })) };
    expect(plan("gcp", args).gcp?.onlineStore).toMatchObject({
      storage: "bigtable",
      autoScaling: { minNodeCount: 1, maxNodeCount: 3, cpuUtilizationTarget: 50 },
    });
  });

  it("GIVEN online off THEN no cloud plans an online store", () => {
    const args = { ...SCHEMA, online: { enabled: false } };
    expect(plan("gcp", args).gcp?.onlineStore).toBeUndefined();
    expect(
      plan("aws", { ...args, featureGroups: [SCHEMA.featureGroups[0] as FeatureStoreArgs["featureGroups"][number]] }).aws?.groups[0]
        ?.storageType,
    ).toBeUndefined();
  });
});

describe("FeatureStore plan: units and schedules", () => {
  it.each([
    [60, { unit: "Minutes", value: 1 }],
    [90, { unit: "Seconds", value: 90 }],
    [3600, { unit: "Hours", value: 1 }],
    [86_400 * 3, { unit: "Days", value: 3 }],
    [604_800 * 2, { unit: "Weeks", value: 2 }],
  ])("GIVEN ttl %i s THEN SageMaker takes %o", (seconds, expected) => {
    expect(ttlDuration(seconds)).toEqual(expected);
  });

  it.each([
    [1, "0 * * * *"],
    [6, "0 */6 * * *"],
    [24, "0 0 * * *"],
  ])("GIVEN a sync every %i h THEN the feature view's cron is %s", (hours, cron) => {
    expect(syncCron(hours)).toBe(cron);
  });

  it("GIVEN a group's schema THEN the Azure spec names its source, time column, features and lookback", () => {
    const g = plan("azure").groups[0];
    if (!g) throw new Error("no group");
    const yaml = renderFeatureSetSpec(featureSetSpec(g), "abfss://offline@acct.dfs.core.windows.net/sources/transactions/");
    expect(yaml).toContain("path: abfss://offline@acct.dfs.core.windows.net/sources/transactions/");
    expect(yaml).toContain("temporal_join_lookback:\n  days: 7\n  hours: 0\n  minutes: 0");
  });

  it("GIVEN a schema change THEN AWS's Glue table gets a new name (the replaced group's table stays behind)", () => {
    const grown = {
      ...SCHEMA,
      featureGroups: SCHEMA.featureGroups.map((g) =>
        g.name === "transactions" ? { ...g, features: [...g.features, { name: "new_one", type: "int64" as const }] } : g,
      ),
    };
    const before = plan("aws").aws?.groups[0]?.tableName;
    expect(before).toMatch(/^transactions_[a-z0-9]{6}$/);
    expect(plan("aws").aws?.groups[0]?.tableName).toBe(before);
    expect(plan("aws", grown).aws?.groups[0]?.tableName).not.toBe(before);
  });

  it("GIVEN an AWS plan THEN offline tables are in Glue format, and the format is part of the table's name", () => {
    const g = plan("aws").aws?.groups[0];
    expect(g?.tableFormat).toBe("Glue");
    expect(g?.tableName).toBe(`transactions_${shortHash(JSON.stringify(["Glue", g?.definitions]))}`);
  });

  it("GIVEN a schema change THEN the Azure feature set version changes, and the same schema keeps it", () => {
    const v1 = plan("azure").azure?.groups[0]?.version;
    expect(plan("azure").azure?.groups[0]?.version).toBe(v1);
    const grown = {
      ...SCHEMA,
      featureGroups: SCHEMA.featureGroups.map((g) =>
        g.name === "transactions" ? { ...g, features: [...g.features, { name: "new_one", type: "int64" as const }] } : g,
      ),
    };
    expect(plan("azure", grown).azure?.groups[0]?.version).not.toBe(v1);
  });
});
