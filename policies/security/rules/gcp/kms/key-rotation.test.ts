import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./key-rotation";

const key = (inputs: Record<string, unknown>) => planResource("gcp:kms/cryptoKey:CryptoKey", "k", { keyRing: "r", ...inputs });

describe(rule.name, () => {
  it("GIVEN rotation every 90 days, and a signing key THEN it passes", async () => {
    expect(await findings(rule, [key({ rotationPeriod: "7776000s" }), key({ purpose: "ASYMMETRIC_SIGN" })])).toEqual([]);
  });

  it("GIVEN no rotation period THEN it fails", async () => {
    expect(await findings(rule, [key({})])).toEqual(["rotationPeriod is not set: the key never rotates."]);
  });

  it("GIVEN a one-year rotation period THEN it fails", async () => {
    expect(await findings(rule, [key({ rotationPeriod: "31536000s" })])).toEqual(["rotationPeriod 31536000s is longer than 90 days."]);
  });
});
