import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./workload-identity-provider-condition";

const T = "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider";
const oidc = { issuerUri: "https://token.actions.githubusercontent.com" };

describe(rule.name, () => {
  it("GIVEN an OIDC provider pinned to a repository THEN it passes", async () => {
    const p = planResource(T, "gh", { oidc, attributeCondition: "assertion.repository == 'acme/app'" });
    expect(await findings(rule, [p])).toEqual([]);
  });

  it("GIVEN no attribute condition THEN it fails", async () => {
    expect(await findings(rule, [planResource(T, "gh", { oidc })])).toEqual(["has an OIDC issuer and no attributeCondition."]);
  });

  it("GIVEN a blank attribute condition THEN it fails", async () => {
    expect(await findings(rule, [planResource(T, "gh", { oidc, attributeCondition: "  " })])).toEqual([
      "has an OIDC issuer and no attributeCondition.",
    ]);
  });
});
