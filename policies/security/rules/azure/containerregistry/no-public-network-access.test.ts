import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./no-public-network-access";

const resource = (inputs: Record<string, unknown>) =>
  planResource("azure-native:containerregistry:Registry", "r", { resourceGroupName: "g", ...inputs });

describe(rule.name, () => {
  it("GIVEN a compliant setting THEN it passes", async () => {
    expect(await findings(rule, [resource({ publicNetworkAccess: "Disabled", sku: { name: "Premium" } })])).toEqual([]);
  });

  it("GIVEN a non-compliant setting THEN it fails", async () => {
    expect(await findings(rule, [resource({ sku: { name: "Premium" } })])).toEqual([expect.stringContaining("Enabled (the default)")]);
    expect(await findings(rule, [resource({ publicNetworkAccess: "Enabled", sku: { name: "Premium" } })])).toEqual([
      expect.stringContaining("is Enabled"),
    ]);
  });
});
