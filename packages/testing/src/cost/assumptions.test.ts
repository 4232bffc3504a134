import { describe, expect, it } from "vitest";
import { AssumptionError, DEFAULT_USAGE, parseAssumptions, USAGE_DESCRIPTIONS, USAGE_KEYS } from "./assumptions";

describe("parseAssumptions", () => {
  it("GIVEN no override THEN the documented defaults", () => {
    expect(parseAssumptions([])).toEqual({
      natGb: 100,
      loadBalancerGb: 50,
      requestsMillions: 1,
      logGb: 10,
      storageGb: 100,
      registryGb: 20,
      endpointGb: 20,
      buildMinutes: 300,
      featureRequestsMillions: 1,
      onlineStoreGb: 5,
      trainingHours: 20,
    });
  });

  it("GIVEN overrides THEN each replaces its key, a later one wins, and the defaults are not changed", () => {
    const usage = parseAssumptions(["natGb=250", "logGb = 0.5", "natGb=300"]);
    expect(usage.natGb).toBe(300);
    expect(usage.logGb).toBe(0.5);
    expect(usage.storageGb).toBe(100);
    expect(DEFAULT_USAGE.natGb).toBe(100);
  });

  it.each([
    [
      "natgb=1",
      "--assume natgb: not an assumption; known: natGb, loadBalancerGb, requestsMillions, logGb, storageGb, registryGb, endpointGb, buildMinutes, featureRequestsMillions, onlineStoreGb, trainingHours",
    ],
    ["natGb=lots", "--assume natGb=lots: the value must be a number at or above 0"],
    ["natGb=-5", "--assume natGb=-5: the value must be a number at or above 0"],
    ["natGb=", "--assume natGb=: the value must be a number at or above 0"],
    ["natGb=Infinity", "--assume natGb=Infinity: the value must be a number at or above 0"],
    ["natGb", '--assume "natGb": expected key=value, e.g. natGb=250'],
    ["trainingHours=731", "--assume trainingHours=731: a month has 730 hours (the clouds' calculators' month)"],
    ["=5", '--assume "=5": expected key=value, e.g. natGb=250'],
  ])("GIVEN --assume %s THEN an AssumptionError naming it", (text, message) => {
    expect(() => parseAssumptions([text])).toThrow(new AssumptionError(message));
  });

  it("GIVEN trainingHours of a whole month THEN it is taken", () => {
    expect(parseAssumptions(["trainingHours=730"]).trainingHours).toBe(730);
  });

  it("GIVEN every key THEN each has a description", () => {
    expect(USAGE_KEYS.length).toBe(11);
    for (const k of USAGE_KEYS) expect(USAGE_DESCRIPTIONS[k]).toMatch(/\w/);
  });
});
