import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./federated-subject-pinned";

const T = "azure-native:managedidentity:FederatedIdentityCredential";
const base = {
  issuer: "https://token.actions.githubusercontent.com",
  audiences: ["api://AzureADTokenExchange"],
  resourceGroupName: "rg",
  resourceName: "id",
};

describe(rule.name, () => {
  it("GIVEN one exact subject THEN it passes", async () => {
    expect(await findings(rule, [planResource(T, "c", { ...base, subject: "repo:acme/app:environment:production" })])).toEqual([]);
  });

  it("GIVEN a wildcard subject THEN it fails", async () => {
    expect(await findings(rule, [planResource(T, "c", { ...base, subject: "repo:acme/*" })])).toEqual([
      "trusts the subject pattern repo:acme/*.",
    ]);
  });

  it("GIVEN no subject THEN it fails", async () => {
    expect(
      await findings(rule, [
        planResource(T, "c", { ...base, claimsMatchingExpression: { value: "claims['sub'] startsWith 'repo:acme'" } }),
      ]),
    ).toEqual(["has no subject (a claims-matching expression trusts a pattern)."]);
  });
});
