import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./drop-invalid-headers";

describe(rule.name, () => {
  it("GIVEN an ALB dropping invalid headers, and a network LB THEN it passes", async () => {
    const resources = [
      planResource("aws:lb/loadBalancer:LoadBalancer", "alb", { dropInvalidHeaderFields: true }),
      planResource("aws:alb/loadBalancer:LoadBalancer", "nlb", { loadBalancerType: "network" }),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN an ALB (alb token) that keeps invalid headers THEN it fails", async () => {
    expect(await findings(rule, [planResource("aws:alb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application" })])).toEqual([
      expect.stringContaining("dropInvalidHeaderFields is not true"),
    ]);
  });
});
