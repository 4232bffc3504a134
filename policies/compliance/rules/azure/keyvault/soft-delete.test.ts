import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./soft-delete";

const vault = (properties: Record<string, unknown>) =>
  planResource("azure-native:keyvault:Vault", "kv", {
    resourceGroupName: "rg",
    properties: { tenantId: "t", sku: { family: "A", name: "standard" }, ...properties },
  });

describe(rule.name, () => {
  it("GIVEN soft delete with the default 90 days THEN it passes", async () => {
    expect(await findings(rule, [vault({}), vault({ enableSoftDelete: true, softDeleteRetentionInDays: 90 })])).toEqual([]);
  });

  it("GIVEN soft delete off THEN it fails", async () => {
    expect(await findings(rule, [vault({ enableSoftDelete: false })])).toEqual(["properties.enableSoftDelete is false."]);
  });

  it("GIVEN 7 days of soft delete THEN it fails", async () => {
    expect(await findings(rule, [vault({ softDeleteRetentionInDays: 7 })])).toEqual([
      "properties.softDeleteRetentionInDays is 7; the minimum is 90 days.",
    ]);
  });
});
