import { findings } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import { gateway } from "./appgw.fixture";
import rule from "./appgw-https-only";

const id = (kind: string, name: string) => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw/${kind}/${name}`,
});
const listeners = [
  { name: "https", protocol: "Https" },
  { name: "http", protocol: "Http" },
];
const redirect = (target: string) => [{ name: "to-https", redirectType: "Permanent", targetListener: id("httpListeners", target) }];
const rules = (httpRule: Record<string, unknown>) => [
  { name: "serve", httpListener: id("httpListeners", "https"), backendAddressPool: id("backendAddressPools", "instances") },
  { name: "http", httpListener: id("httpListeners", "http"), ...httpRule },
];

describe(rule.name, () => {
  it("GIVEN an HTTP listener that redirects to the HTTPS listener THEN it passes", async () => {
    const gw = gateway({
      httpListeners: listeners,
      redirectConfigurations: redirect("https"),
      requestRoutingRules: rules({ redirectConfiguration: id("redirectConfigurations", "to-https") }),
    });
    expect(await findings(rule, [gw])).toEqual([]);
  });

  it("GIVEN an HTTP listener routed to the backend THEN it fails", async () => {
    const gw = gateway({
      httpListeners: listeners,
      requestRoutingRules: rules({ backendAddressPool: id("backendAddressPools", "instances") }),
    });
    expect(await findings(rule, [gw])).toEqual(["routing rule http serves HTTP listener http without redirecting."]);
  });

  it("GIVEN an HTTP listener redirected to another HTTP listener THEN it fails", async () => {
    const gw = gateway({
      httpListeners: [...listeners, { name: "http2", protocol: "Http" }],
      redirectConfigurations: redirect("http2"),
      requestRoutingRules: rules({ redirectConfiguration: id("redirectConfigurations", "to-https") }),
    });
    expect(await findings(rule, [gw])).toEqual(["routing rule http redirects HTTP listener http to http2, which is not HTTPS."]);
  });
});
