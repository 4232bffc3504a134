import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./bucket-public-access-prevention";

const bucket = (inputs: Record<string, unknown>) => planResource("gcp:storage/bucket:Bucket", "data", { location: "US", ...inputs });

describe(rule.name, () => {
  it('GIVEN publicAccessPrevention "enforced" THEN it passes', async () => {
    expect(await findings(rule, [bucket({ publicAccessPrevention: "enforced" })])).toEqual([]);
  });

  it("GIVEN publicAccessPrevention unset THEN it fails", async () => {
    expect(await findings(rule, [bucket({})])).toEqual([expect.stringContaining("not set (inherited)")]);
  });

  it('GIVEN publicAccessPrevention "inherited" THEN it fails', async () => {
    expect(await findings(rule, [bucket({ publicAccessPrevention: "inherited" })])).toEqual([
      expect.stringContaining("publicAccessPrevention is inherited"),
    ]);
  });
});
