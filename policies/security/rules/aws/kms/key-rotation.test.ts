import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./key-rotation";

const key = (inputs: Record<string, unknown>) => planResource("aws:kms/key:Key", "k", { description: "k", ...inputs });

describe(rule.name, () => {
  it("GIVEN a rotating symmetric key, and an asymmetric key (cannot rotate) THEN it passes", async () => {
    expect(
      await findings(rule, [key({ enableKeyRotation: true }), key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })]),
    ).toEqual([]);
  });

  it("GIVEN a symmetric key without rotation THEN it fails", async () => {
    expect(await findings(rule, [key({})])).toEqual(["enableKeyRotation is not true."]);
  });
});
