import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InferenceServicePlan } from "../plan";
import { allowlistRules, DEFAULT_RULE_PRIORITY, RANGES_PER_RULE, regionalRolloutLimits, schedulingOf } from "./settings";

describe("GCP rollout limits", () => {
  it.each([
    // surge, unavailable (instances), zones -> surge, unavailable (fixed)
    [1, 0, 2, 2, 0],
    [3, 0, 3, 3, 0],
    [5, 0, 3, 5, 0],
    [1, 1, 3, 3, 0],
    [2, 3, 3, 3, 3],
    [0, 4, 3, 0, 4],
    [0, 1, 3, 0, 3],
    [0, 0, 2, 0, 2],
  ])(
    "GIVEN surge %i and unavailable %i over %i zones WHEN limited THEN surge is %i and unavailable %i",
    (surge, unavailable, zones, s, u) => {
      expect(regionalRolloutLimits({ maxSurgeInstances: surge, maxUnavailableInstances: unavailable }, zones)).toEqual({
        maxSurgeFixed: s,
        maxUnavailableFixed: u,
      });
    },
  );

  it("GIVEN any counts and zones WHEN limited THEN each value is 0 or at least the zone count, one is above 0, and unavailability grows only when nothing else works", () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.integer({ min: 1, max: 6 }), (surge, unavailable, zones) => {
        const r = regionalRolloutLimits({ maxSurgeInstances: surge, maxUnavailableInstances: unavailable }, zones);
        for (const v of [r.maxSurgeFixed, r.maxUnavailableFixed]) expect(v === 0 || v >= zones).toBe(true);
        expect(r.maxSurgeFixed + r.maxUnavailableFixed).toBeGreaterThan(0);
        expect(r.maxSurgeFixed >= surge).toBe(true);
        if (r.maxSurgeFixed > 0) expect(r.maxUnavailableFixed).toBeLessThanOrEqual(unavailable);
      }),
    );
  });
});

describe("Cloud Armor allowlist", () => {
  const ranges = (n: number) => Array.from({ length: n }, (_, i) => `198.51.${i}.0/24`);

  it.each([
    [0, []],
    [1, [1]],
    [10, [10]],
    [11, [10, 1]],
    [25, [10, 10, 5]],
  ])("GIVEN %i ranges WHEN batched THEN the allow rules hold %j ranges, then one rule denies everyone else", (n, sizes) => {
    const rules = allowlistRules(ranges(n));
    expect(rules.slice(0, -1).map((r) => r.match.config.srcIpRanges.length)).toEqual(sizes);
    expect(rules.at(-1)).toEqual({
      action: "deny(403)",
      priority: DEFAULT_RULE_PRIORITY,
      description: "Every other client",
      match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
    });
  });

  it("GIVEN any list of ranges WHEN batched THEN every range is admitted once, in order, no rule holds more than Cloud Armor takes, and priorities are distinct", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.ipV4().map((ip) => `${ip}/32`),
          { maxLength: 60 },
        ),
        (cidrs) => {
          const rules = allowlistRules(cidrs);
          const allows = rules.filter((r) => r.action === "allow");
          expect(allows.flatMap((r) => r.match.config.srcIpRanges)).toEqual(cidrs);
          for (const r of allows) expect(r.match.config.srcIpRanges.length).toBeLessThanOrEqual(RANGES_PER_RULE);
          expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
          expect(Math.max(...rules.map((r) => r.priority))).toBe(DEFAULT_RULE_PRIORITY);
        },
      ),
    );
  });
});

describe("GCP instance scheduling", () => {
  const plan = (spot: boolean, gpu: boolean) =>
    ({ spot: { enabled: spot, onDemandBase: 0 }, compute: { gpu: gpu ? { type: "t4", count: 1 } : undefined } }) as InferenceServicePlan;

  it.each([
    [false, false, { provisioningModel: "STANDARD", automaticRestart: true, onHostMaintenance: "MIGRATE" }],
    [false, true, { provisioningModel: "STANDARD", automaticRestart: true, onHostMaintenance: "TERMINATE" }],
    [
      true,
      false,
      {
        provisioningModel: "SPOT",
        preemptible: true,
        automaticRestart: false,
        onHostMaintenance: "TERMINATE",
        instanceTerminationAction: "DELETE",
      },
    ],
  ])("GIVEN spot %s and GPU %s THEN scheduling is %j", (spot, gpu, expected) => {
    expect(schedulingOf(plan(spot, gpu))).toEqual(expected);
  });
});
