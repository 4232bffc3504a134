import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./allowed-regions";

const config = { [rule.name]: { allowedRegions: ["westeurope"] } };

describe(rule.name, () => {
  it("GIVEN resources in an allowed location (any spelling) or global THEN it passes", async () => {
    const resources = [
      planResource("azure-native:network:VirtualNetwork", "net", { location: "West Europe" }),
      planResource("azure-native:privatedns:PrivateZone", "z", { location: "global" }),
    ];
    expect(await findings(rule, resources, { config })).toEqual([]);
  });

  it("GIVEN a resource in another location THEN it fails", async () => {
    expect(await findings(rule, [planResource("azure-native:network:VirtualNetwork", "net", { location: "eastus2" })], { config })).toEqual(
      ["location eastus2 (from location) is not one of westeurope."],
    );
  });

  it("GIVEN no location and the provider's location outside the list THEN it fails", async () => {
    const r = planResource("azure-native:network:VirtualNetwork", "net", {});
    expect(await findings(rule, [r], { config, stackConfig: { "azure-native:location": "eastus2" } })).toEqual([
      expect.stringContaining("from the provider's location"),
    ]);
  });
});
