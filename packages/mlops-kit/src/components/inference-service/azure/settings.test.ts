import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InferenceServicePlan } from "../plan";
import { autoscaleRules, computerNamePrefix, repairGracePeriod, rollingUpgradePolicy, scaleSetExtensions } from "./settings";

/** Only the parts of a plan these settings read. */
const plan = (over: {
  rollout?: Partial<InferenceServicePlan["rollout"]>;
  scaling?: Partial<InferenceServicePlan["scaling"]>;
  grace?: number;
  gpu?: boolean;
}) =>
  ({
    container: { port: 8080 },
    compute: { gpu: over.gpu ? { type: "t4", count: 1 } : undefined },
    // Healthy after 3 probes 10 s apart: a rolling upgrade pauses 30 s between batches.
    healthCheck: { path: "/ready", intervalSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 2, gracePeriodSeconds: over.grace ?? 300 },
    rollout: { maxSurgePercent: 25, maxUnavailablePercent: 0, autoRollback: true, ...over.rollout },
    scaling: {
      targetCpuPercent: 50,
      targetRequestsPerInstance: undefined,
      scaleOutCooldownSeconds: 60,
      scaleInCooldownSeconds: 300,
      ...over.scaling,
    },
  }) as InferenceServicePlan;

describe("rolling upgrades", () => {
  it.each([
    [25, 0, { maxSurge: true, maxBatchInstancePercent: 25, maxUnhealthyInstancePercent: 25, maxUnhealthyUpgradedInstancePercent: 0 }],
    [0, 50, { maxSurge: false, maxBatchInstancePercent: 50, maxUnhealthyInstancePercent: 50, maxUnhealthyUpgradedInstancePercent: 50 }],
    [2, 1, { maxSurge: true, maxBatchInstancePercent: 5, maxUnhealthyInstancePercent: 5, maxUnhealthyUpgradedInstancePercent: 1 }],
  ])("GIVEN surge %i and unavailable %i percent THEN %j", (surge, unavailable, expected) => {
    expect(rollingUpgradePolicy(plan({ rollout: { maxSurgePercent: surge, maxUnavailablePercent: unavailable } }))).toMatchObject({
      ...expected,
      pauseTimeBetweenBatches: "PT30S",
      prioritizeUnhealthyInstances: true,
      rollbackFailedInstancesOnPolicyBreach: true,
    });
  });

  it("GIVEN any rollout THEN batches and limits are percentages Azure takes, and the unhealthy limit is never below a batch", () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(100), (surge, unavailable) => {
        const r = rollingUpgradePolicy(plan({ rollout: { maxSurgePercent: surge, maxUnavailablePercent: unavailable } }));
        for (const v of [r.maxBatchInstancePercent, r.maxUnhealthyInstancePercent]) expect(v >= 5 && v <= 100).toBe(true);
        expect(r.maxUnhealthyInstancePercent).toBeGreaterThanOrEqual(r.maxBatchInstancePercent);
        expect(r.maxUnhealthyUpgradedInstancePercent).toBe(unavailable);
        expect(r.maxSurge).toBe(surge > 0);
      }),
    );
  });
});

describe("autoscale rules", () => {
  it("GIVEN a CPU target only THEN out above it and in below half of it, on the scale set, with the cooldowns in whole minutes", () => {
    const rules = autoscaleRules(plan({ scaling: { scaleOutCooldownSeconds: 30, scaleInCooldownSeconds: 301 } }), "vmss", "agw");
    expect(
      rules.map((r) => [r.metricTrigger.metricResourceUri, r.metricTrigger.operator, r.metricTrigger.threshold, r.scaleAction.cooldown]),
    ).toEqual([
      ["vmss", "GreaterThan", 50, "PT1M"],
      ["vmss", "LessThan", 25, "PT6M"],
    ]);
  });

  it("GIVEN a request target THEN the gateway's requests per healthy instance scale the set too", () => {
    const rules = autoscaleRules(plan({ scaling: { targetRequestsPerInstance: 600 } }), "vmss", "agw");
    expect(rules.slice(2).map((r) => [r.metricTrigger.metricResourceUri, r.metricTrigger.metricName, r.metricTrigger.threshold])).toEqual([
      ["agw", "AvgRequestCountPerHealthyHost", 600],
      ["agw", "AvgRequestCountPerHealthyHost", 300],
    ]);
  });
});

describe("instances", () => {
  it.each([
    [60, "PT10M"],
    [600, "PT10M"],
    [1800, "PT30M"],
    [3600 * 3, "PT90M"],
  ])("GIVEN a grace period of %i s THEN repairs wait %s", (grace, period) => {
    expect(repairGracePeriod(plan({ grace }))).toBe(period);
  });

  it("GIVEN a GPU THEN the NVIDIA driver extension joins the health extension", () => {
    expect(scaleSetExtensions(plan({})).map((e) => e.type)).toEqual(["ApplicationHealthLinux"]);
    expect(scaleSetExtensions(plan({ gpu: true })).map((e) => e.type)).toEqual(["ApplicationHealthLinux", "NvidiaGpuDriverLinux"]);
  });

  it.each([
    ["api", "api"],
    ["Sentiment_API-v2", "sentimentapi-v2"],
    ["2fast-model", "fast-model"],
    ["a-very-long-service-name", "a-very-long-ser"],
    ["model-serving--x", "model-serving"],
    ["123", "mlops"],
  ])("GIVEN service %s THEN the computer name prefix is %s", (name, prefix) => {
    expect(computerNamePrefix(name)).toBe(prefix);
  });

  it("GIVEN any name THEN the prefix is 1-15 lowercase letters, digits and hyphens, starting with a letter and not ending in a hyphen", () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(computerNamePrefix(name)).toMatch(/^[a-z]([a-z0-9-]{0,13}[a-z0-9])?$/);
      }),
    );
  });
});
