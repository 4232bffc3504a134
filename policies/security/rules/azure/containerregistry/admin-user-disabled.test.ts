import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./admin-user-disabled";

const resource = (inputs: Record<string, unknown>) =>
  planResource("azure-native:containerregistry:Registry", "r", { resourceGroupName: "g", ...inputs });

describe(rule.name, () => {
  it("GIVEN a compliant setting THEN it passes", async () => {
    expect(await findings(rule, [resource({ adminUserEnabled: false, sku: { name: "Premium" } })])).toEqual([]);
  });

  it("GIVEN a non-compliant setting THEN it fails", async () => {
    expect(await findings(rule, [resource({ adminUserEnabled: true, sku: { name: "Premium" } })])).toEqual([
      expect.stringContaining("shared admin password"),
    ]);
  });
});
