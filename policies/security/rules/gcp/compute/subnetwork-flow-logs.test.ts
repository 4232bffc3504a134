import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./subnetwork-flow-logs";

const subnet = (inputs: Record<string, unknown>) =>
  planResource("gcp:compute/subnetwork:Subnetwork", "net-private", { network: "n", ipCidrRange: "10.0.0.0/17", ...inputs });

describe(rule.name, () => {
  it("GIVEN a subnetwork with logConfig, and a proxy-only subnetwork without THEN it passes", async () => {
    const resources = [
      subnet({ logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" } }),
      planResource("gcp:compute/subnetwork:Subnetwork", "proxy", { purpose: "REGIONAL_MANAGED_PROXY", role: "ACTIVE" }),
    ];
    expect(await findings(rule, resources)).toEqual([]);
  });

  it("GIVEN a subnetwork without logConfig THEN it fails", async () => {
    expect(await findings(rule, [subnet({})])).toEqual([expect.stringContaining("logConfig is not set")]);
  });

  it("GIVEN flowSampling 0 THEN it fails", async () => {
    expect(await findings(rule, [subnet({ logConfig: { flowSampling: 0 } })])).toEqual([expect.stringContaining("flowSampling is 0")]);
  });
});
