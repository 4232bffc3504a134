import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AZURE_VM_SIZES, nvidiaExtensionSupports } from "../../../core/catalog/azure-vm-sizes";
import type { InferenceServicePlan } from "../plan";
import { AZURE_ROLE_PROPAGATION_SECONDS } from "../plan";
import { propagationDelayMs } from "./gateway";
import {
  autoscaleRules,
  computerNamePrefix,
  repairGracePeriod,
  rollingUpgradePolicy,
  scaleSetExtensions,
  securityProfile,
} from "./settings";

/** Only the parts of a plan these settings read. */
const plan = (over: {
  rollout?: Partial<InferenceServicePlan["rollout"]>;
  scaling?: Partial<InferenceServicePlan["scaling"]>;
  grace?: number;
  gpu?: boolean;
  rich?: boolean;
}) => {
  const scaling = {
    targetCpuPercent: 50,
    targetRequestsPerInstance: undefined as number | undefined,
    scaleOutCooldownSeconds: 60,
    scaleInCooldownSeconds: 300,
    ...over.scaling,
  };
  return {
    container: { port: 8080 },
    compute: { gpu: over.gpu ? { type: "t4", count: 1 } : undefined },
    // Healthy after 3 probes 10 s apart: a rolling upgrade pauses 30 s between batches.
    healthCheck: { path: "/ready", intervalSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 2, gracePeriodSeconds: over.grace ?? 300 },
    rollout: { maxSurgePercent: 25, maxUnavailablePercent: 0, autoRollback: false, ...over.rollout },
    scaling,
    // What planInferenceService decides for Azure from the same values.
    azure: {
      gpuDriver: over.gpu ? "extension" : "none",
      healthExtensionVersion: over.rich ? "2.0" : "1.0",
      scaleIn: {
        cpuPercent: scaling.targetCpuPercent / 2,
        requestsPerInstance: scaling.targetRequestsPerInstance !== undefined ? scaling.targetRequestsPerInstance / 2 : undefined,
      },
    },
  } as InferenceServicePlan;
};

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
    });
  });

  it("GIVEN any rollout THEN the policy never asks for rollback on policy breach, which Azure applies to Uniform scale sets only", () => {
    const r = rollingUpgradePolicy(plan({ rollout: { autoRollback: true } }));
    expect(r.maxSurge).toBe(true);
    expect(Object.keys(r)).not.toContain("rollbackFailedInstancesOnPolicyBreach");
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

  it.each([
    [0, 5],
    [4, 5],
    [5, 5],
    [300, 300],
    [7200, 7200],
  ])(
    "GIVEN a grace period of %i s THEN the health extension gets %i s, within the 5-14400 its settings schema takes",
    (grace, expected) => {
      const health = scaleSetExtensions(plan({ grace })).find((e) => e.type === "ApplicationHealthLinux");
      expect(health?.settings).toMatchObject({ gracePeriod: expected });
    },
  );

  it("GIVEN a GPU THEN the NVIDIA driver extension joins the health extension", () => {
    expect(scaleSetExtensions(plan({})).map((e) => e.type)).toEqual(["ApplicationHealthLinux"]);
    expect(scaleSetExtensions(plan({ gpu: true })).map((e) => e.type)).toEqual(["ApplicationHealthLinux", "NvidiaGpuDriverLinux"]);
  });

  it("GIVEN any service THEN the health extension is version 1.0, where any 2xx answer is Healthy (2.0 wants a JSON body a plain 200 lacks)", () => {
    const health = scaleSetExtensions(plan({})).find((e) => e.type === "ApplicationHealthLinux");
    expect(health?.typeHandlerVersion).toBe("1.0");
    expect(scaleSetExtensions(plan({ rich: true })).find((e) => e.type === "ApplicationHealthLinux")?.typeHandlerVersion).toBe("2.0");
    expect(health?.settings).toMatchObject({ protocol: "http", port: 8080, requestPath: "/ready" });
  });

  it("GIVEN a CPU or a GPU service THEN Trusted Launch is set explicitly, with Secure Boot off only where the NVIDIA extension builds its driver", () => {
    expect(securityProfile(plan({}))).toEqual({
      securityType: "TrustedLaunch",
      uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
      encryptionAtHost: true,
    });
    expect(securityProfile(plan({ gpu: true })).uefiSettings).toEqual({ secureBootEnabled: false, vTpmEnabled: true });
  });

  it.each([
    ["Standard_NC4as_T4_v3", true],
    ["Standard_NC24ads_A100_v4", true],
    ["Standard_NC6s_v3", true],
    ["Standard_NV12s_v3", true],
    ["Standard_NV36ads_A10_v5", true],
    ["Standard_ND96asr_v4", false],
    ["Standard_ND96amsr_A100_v4", false],
    ["Standard_NC40ads_H100_v5", false],
    ["Standard_ND96isr_H100_v5", false],
  ])("GIVEN VM size %s THEN the NVIDIA GPU Driver Extension supports it: %s", (size, supported) => {
    expect(nvidiaExtensionSupports(size)).toBe(supported);
  });

  it("GIVEN the Azure catalog THEN every GPU size in it is one the NVIDIA extension supports", () => {
    const gpuSizes = AZURE_VM_SIZES.filter((e) => e.gpu);
    expect(gpuSizes.length).toBeGreaterThan(0);
    for (const e of gpuSizes) expect(nvidiaExtensionSupports(e.id), e.id).toBe(true);
  });

  it("GIVEN a Key Vault grant THEN the gateway waits until ten minutes after it was created, and not at all for an older or unknown one", () => {
    const created = "2026-01-01T00:00:00Z";
    const t0 = Date.parse(created);
    const wait = AZURE_ROLE_PROPAGATION_SECONDS;
    expect(wait).toBe(600);
    expect(propagationDelayMs(created, t0 + 1000, wait)).toBe(599_000);
    expect(propagationDelayMs(created, t0 + 600_000, wait)).toBe(0);
    expect(propagationDelayMs(created, t0 + 86_400_000, wait)).toBe(0);
    expect(propagationDelayMs(undefined, t0, wait)).toBe(0);
    expect(propagationDelayMs("not a date", t0, wait)).toBe(0);
    // A clock behind the grant's timestamp never waits more than the propagation time.
    expect(propagationDelayMs(created, t0 - 3_600_000, wait)).toBe(600_000);
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
