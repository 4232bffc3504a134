import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./workload-identity";

const aks = (inputs: Record<string, unknown>) =>
  planResource("azure-native:containerservice:ManagedCluster", "train", { resourceGroupName: "rg", ...inputs });

describe(rule.name, () => {
  it("GIVEN the OIDC issuer and workload identity on THEN it passes", async () => {
    expect(
      await findings(rule, [aks({ oidcIssuerProfile: { enabled: true }, securityProfile: { workloadIdentity: { enabled: true } } })]),
    ).toEqual([]);
  });

  it("GIVEN the issuer without workload identity THEN it fails", async () => {
    expect(await findings(rule, [aks({ oidcIssuerProfile: { enabled: true } })])).toEqual([
      expect.stringContaining("workload identity is off"),
    ]);
  });
});
