import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./key-destroy-delay";

const key = (inputs: Record<string, unknown>) => planResource("gcp:kms/cryptoKey:CryptoKey", "k", { keyRing: "r", ...inputs });

describe(rule.name, () => {
  it("GIVEN the default (30 days) and 7 days in dev THEN it passes", async () => {
    expect(await findings(rule, [key({}), key({ destroyScheduledDuration: "604800s" })])).toEqual([]);
  });

  it("GIVEN one day THEN it fails", async () => {
    expect(await findings(rule, [key({ destroyScheduledDuration: "86400s" })])).toEqual([
      "destroyScheduledDuration is 86400s; the minimum is 7 days.",
    ]);
  });

  it("GIVEN 7 days in a prod stack THEN it fails", async () => {
    expect(await findings(rule, [key({ destroyScheduledDuration: "604800s" })], { stack: "gcp-prod" })).toHaveLength(1);
  });
});
