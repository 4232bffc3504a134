import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { gateway } from "./appgw.fixture";
import rule from "./appgw-waf";

describe(rule.name, () => {
  it("GIVEN WAF_v2 with a firewall policy, or with the inline WAF configuration on THEN it passes", async () => {
    const inline = gateway({
      firewallPolicy: undefined,
      webApplicationFirewallConfiguration: { enabled: true, firewallMode: "Prevention", ruleSetType: "OWASP", ruleSetVersion: "3.2" },
    });
    expect(await findings(rule, [gateway(), inline])).toEqual([]);
  });

  it("GIVEN the Standard_v2 tier THEN it fails", async () => {
    expect(await findings(rule, [gateway({ sku: { name: "Standard_v2", tier: "Standard_v2" } })])).toEqual([
      "sku.tier is Standard_v2; use WAF_v2.",
    ]);
  });

  it("GIVEN WAF_v2 without a policy THEN it fails", async () => {
    expect(await findings(rule, [gateway({ firewallPolicy: undefined })])).toEqual([expect.stringContaining("no firewallPolicy")]);
  });
});
