import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./api-server-restricted";

const aks = (apiServerAccessProfile?: Record<string, unknown>) =>
  planResource("azure-native:containerservice:ManagedCluster", "train", {
    resourceGroupName: "rg",
    ...(apiServerAccessProfile ? { apiServerAccessProfile } : {}),
  });

describe(rule.name, () => {
  it("GIVEN a private cluster, or authorized ranges THEN it passes", async () => {
    expect(await findings(rule, [aks({ enablePrivateCluster: true }), aks({ authorizedIPRanges: ["203.0.113.0/24"] })])).toEqual([]);
  });

  it("GIVEN no access profile THEN it fails", async () => {
    expect(await findings(rule, [aks()])).toEqual([expect.stringContaining("any address")]);
  });

  it("GIVEN 0.0.0.0/0 authorized THEN it fails", async () => {
    expect(await findings(rule, [aks({ authorizedIPRanges: ["0.0.0.0/0"] })])).toEqual([expect.stringContaining("admits 0.0.0.0/0")]);
  });
});
