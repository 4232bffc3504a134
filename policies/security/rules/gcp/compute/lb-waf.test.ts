import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./lb-waf";

const wafRule = (preview = false) => ({
  action: "deny(403)",
  priority: 100,
  preview,
  match: { expr: { expression: "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})" } },
});
const allowAll = { action: "allow", priority: 2147483647, match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } } };
const policy = (rules: unknown[], type = "gcp:compute/securityPolicy:SecurityPolicy") =>
  planResource(type, "armor", { type: "CLOUD_ARMOR", rules });
const backend = (inputs: Record<string, unknown>, type = "gcp:compute/backendService:BackendService") => planResource(type, "b", inputs);

describe(rule.name, () => {
  it("GIVEN global and regional backends behind policies that enforce the WAF rules THEN it passes", async () => {
    const resources = [
      policy([wafRule(), allowAll]),
      policy([wafRule(), allowAll], "gcp:compute/regionSecurityPolicy:RegionSecurityPolicy"),
      backend({ loadBalancingScheme: "EXTERNAL_MANAGED", securityPolicy: "armor" }),
      backend(
        { loadBalancingScheme: "INTERNAL_MANAGED", securityPolicy: "armor" },
        "gcp:compute/regionBackendService:RegionBackendService",
      ),
      // Passthrough internal load balancing has no Cloud Armor.
      backend({ loadBalancingScheme: "INTERNAL" }, "gcp:compute/regionBackendService:RegionBackendService"),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN an external backend without a security policy THEN it fails", async () => {
    expect(await findings(rule, [backend({ loadBalancingScheme: "EXTERNAL_MANAGED" })])).toEqual([
      expect.stringContaining("securityPolicy is not set"),
    ]);
  });

  it("GIVEN a policy with only an allow-list THEN it fails", async () => {
    expect(await findings(rule, [policy([allowAll])])).toEqual([expect.stringContaining("no rule evaluates")]);
  });

  it("GIVEN a policy whose WAF rules are all in preview (detection) THEN it fails", async () => {
    expect(await findings(rule, [policy([wafRule(true), allowAll], "gcp:compute/regionSecurityPolicy:RegionSecurityPolicy")])).toEqual([
      expect.stringContaining("in preview"),
    ]);
  });
});
