import { findings, planResource } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import rule from "./subnet-no-default-outbound-access";

const subnet = (inputs: Record<string, unknown>) =>
  planResource("azure-native:network:Subnet", "net-private", {
    resourceGroupName: "rg",
    virtualNetworkName: "net",
    addressPrefix: "10.0.0.0/17",
    ...inputs,
  });

describe(rule.name, () => {
  it("GIVEN subnets with default outbound access off, standalone and inline THEN it passes", async () => {
    const vnet = planResource("azure-native:network:VirtualNetwork", "net", {
      subnets: [{ name: "a", addressPrefix: "10.1.0.0/24", defaultOutboundAccess: false }],
    });
    expect(await findings(rule, [subnet({ defaultOutboundAccess: false }), vnet])).toEqual([]);
  });

  it("GIVEN a subnet without defaultOutboundAccess (Azure's default is on) THEN it fails", async () => {
    expect(await findings(rule, [subnet({})])).toEqual([expect.stringContaining("defaultOutboundAccess is not false")]);
  });

  it("GIVEN an inline subnet with default outbound access on THEN it fails", async () => {
    const vnet = planResource("azure-native:network:VirtualNetwork", "net", { subnets: [{ name: "a", defaultOutboundAccess: true }] });
    expect(await findings(rule, [vnet])).toEqual(["subnets[0] (a): defaultOutboundAccess is not false."]);
  });
});
