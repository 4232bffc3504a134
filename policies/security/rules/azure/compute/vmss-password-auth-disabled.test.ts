import { checkPolicies, findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { scaleSet } from "./vmss.fixture";
import rule from "./vmss-password-auth-disabled";

describe(rule.name, () => {
  it("GIVEN SSH keys only THEN it passes", async () => {
    expect(await findings(rule, [scaleSet()])).toEqual([]);
  });

  it("GIVEN a Windows scale set (no linuxConfiguration) THEN it does not apply", async () => {
    const report = await checkPolicies(rule, [scaleSet({ linuxConfiguration: null })]);
    expect(report.violations).toEqual([]);
    expect(report.notApplicable.map((n) => n.reason)).toContain("only Linux scale sets have password authentication to turn off");
  });

  it("GIVEN password authentication allowed THEN it fails", async () => {
    expect(await findings(rule, [scaleSet({ linuxConfiguration: { disablePasswordAuthentication: false } })])).toEqual([
      "osProfile.linuxConfiguration.disablePasswordAuthentication is not true.",
    ]);
  });
});
