import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./alias-evaluates-health";

const record = (inputs: Record<string, unknown>) =>
  planResource("aws:route53/record:Record", "domain", { zoneId: "Z1", name: "api.example.com", type: "A", ...inputs });

describe(rule.name, () => {
  it("GIVEN an alias that evaluates target health, and a plain CNAME THEN it passes", async () => {
    const alias = record({ aliases: [{ name: "lb.elb.amazonaws.com", zoneId: "Z2", evaluateTargetHealth: true }] });
    const cname = record({ type: "CNAME", records: ["x.acm-validations.aws."], ttl: 300 });
    expect(await findings(rule, [alias, cname])).toEqual([]);
  });

  it("GIVEN an alias that ignores target health THEN it fails", async () => {
    const alias = record({ aliases: [{ name: "lb.elb.amazonaws.com", zoneId: "Z2", evaluateTargetHealth: false }] });
    expect(await findings(rule, [alias])).toEqual([expect.stringContaining("does not evaluate its target's health")]);
  });
});
