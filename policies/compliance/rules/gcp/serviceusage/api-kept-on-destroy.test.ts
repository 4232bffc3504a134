import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./api-kept-on-destroy";

const service = (inputs: Record<string, unknown>) =>
  planResource("gcp:projects/service:Service", "api", { project: "p", service: "compute.googleapis.com", ...inputs });

describe(rule.name, () => {
  it("GIVEN an API kept on destroy THEN it passes", async () => {
    expect(await findings(rule, [service({ disableOnDestroy: false, disableDependentServices: false })])).toEqual([]);
  });

  it("GIVEN the provider's default (disabled on destroy) THEN it fails", async () => {
    expect(await findings(rule, [service({})])).toEqual([expect.stringContaining("disableOnDestroy is not false")]);
  });

  it("GIVEN dependent services disabled too THEN it fails", async () => {
    expect(await findings(rule, [service({ disableOnDestroy: false, disableDependentServices: true })])).toEqual([
      expect.stringContaining("disableDependentServices"),
    ]);
  });
});
