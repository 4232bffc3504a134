import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./web-acl-managed-rules";

const visible = { cloudwatchMetricsEnabled: true, metricName: "m", sampledRequestsEnabled: true };
const managed = {
  name: "common",
  priority: 10,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
  visibilityConfig: visible,
};
const acl = (inputs: Record<string, unknown>) =>
  planResource("aws:wafv2/webAcl:WebAcl", "waf", { scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: visible, ...inputs });

describe(rule.name, () => {
  it("GIVEN an AWS managed rule group with metrics and samples THEN it passes", async () => {
    expect(await findings(rule, [acl({ rules: [managed] })])).toEqual([]);
  });

  it("GIVEN no managed rule group THEN it fails", async () => {
    expect(await findings(rule, [acl({ rules: [] })])).toEqual([expect.stringContaining("applies no AWS managed rule group")]);
  });

  it("GIVEN a rule without metrics THEN it fails", async () => {
    const quiet = { ...managed, visibilityConfig: { ...visible, cloudwatchMetricsEnabled: false } };
    expect(await findings(rule, [acl({ rules: [quiet] })])).toEqual([expect.stringContaining("records no CloudWatch metrics")]);
  });
});
