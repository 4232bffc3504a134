import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./purge-protection";

const vault = (properties: Record<string, unknown>) =>
  planResource("azure-native:keyvault:Vault", "kv", {
    resourceGroupName: "rg",
    properties: { tenantId: "t", sku: { family: "A", name: "standard" }, ...properties },
  });

describe(rule.name, () => {
  it("GIVEN purge protection on THEN it passes", async () => {
    expect(await findings(rule, [vault({ enablePurgeProtection: true })])).toEqual([]);
  });

  it("GIVEN purge protection unset THEN it fails", async () => {
    expect(await findings(rule, [vault({})])).toEqual(["properties.enablePurgeProtection is not true."]);
  });
});
