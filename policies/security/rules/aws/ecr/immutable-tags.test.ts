import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./immutable-tags";

const repo = (inputs: Record<string, unknown>) => planResource("aws:ecr/repository:Repository", "images", inputs);

describe(rule.name, () => {
  it("GIVEN IMMUTABLE THEN it passes", async () => {
    expect(await findings(rule, [repo({ imageTagMutability: "IMMUTABLE" })])).toEqual([]);
  });

  it("GIVEN MUTABLE, or nothing set THEN it fails", async () => {
    expect(await findings(rule, [repo({ imageTagMutability: "MUTABLE" })])).toEqual([expect.stringContaining("is MUTABLE")]);
    expect(await findings(rule, [repo({})])).toEqual([expect.stringContaining("MUTABLE (the default)")]);
  });
});
