import { type Plan, resource, synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { MlopsVpc } from "./component";
import type { NetworkInfo } from "./info";
import { resolveNetwork } from "./ref";

const AZURE = { "mlops:cloud": "azure", "azure-native:location": "westeurope", "mlops:profile": "prod" };

/** A resource standing for a consumer: its dependencies are what the value it took waits for. */
class Consumer extends pulumi.CustomResource {
  constructor(name: string, value: pulumi.Input<unknown>) {
    super("test:index:Consumer", name, { value });
  }
}

/** What a consumer of `value` waits for, as `<type> <name>`. */
function waitsFor(plan: Plan, consumer: string): string[] {
  return resource(plan, "test:index:Consumer", consumer)
    .dependencies.map((u) => `${u.split("$").pop()?.split("::")[0]} ${u.split("::").pop()}`)
    .sort();
}

describe("resolveNetwork(...).field: one fact of an MlopsVpc, without the rest of the network", () => {
  it("GIVEN an MlopsVpc on Azure WHEN a consumer takes the resource group THEN it waits for the resource group only", async () => {
    const plan = await synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        new Consumer("rg", resolveNetwork(vpc.network).field("resourceGroupName"));
        new Consumer(
          "whole",
          vpc.network.apply((n) => n.resourceGroupName),
        );
      },
      { project: "p", stack: "prod", config: AZURE },
    );
    expect(waitsFor(plan, "rg")).toEqual(["azure-native:resources:ResourceGroup core"]);
    // The whole network output waits for every subnet, and with the private one for NAT.
    expect(waitsFor(plan, "whole")).toEqual(expect.arrayContaining(["azure-native:network:Subnet core-private"]));
  });

  it("GIVEN an MlopsVpc on Azure WHEN a gateway takes the gateway subnet THEN it waits for that subnet and its NSG's rules, not for NAT or the other subnets", async () => {
    const plan = await synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        new Consumer("gateway", resolveNetwork(vpc.network).field("gatewaySubnetId"));
      },
      { project: "p", stack: "prod", config: AZURE },
    );
    // The group's rules go one after another: the last one stands for them all.
    expect(waitsFor(plan, "gateway")).toEqual([
      "azure-native:network:SecurityRule core-gateway-allow-azure-load-balancer",
      "azure-native:network:Subnet core-gateway",
    ]);
  });

  it.each([
    ["aws", { "mlops:cloud": "aws", "aws:region": "us-east-1" }, "aws:ec2/subnet:Subnet"],
    ["gcp", { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme" }, "gcp:compute/subnetwork:Subnetwork"],
  ])("GIVEN an MlopsVpc on %s WHEN a consumer takes the network id THEN it waits for no subnet", async (_cloud, config, subnetType) => {
    const plan = await synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        new Consumer("id", resolveNetwork(vpc.network).field("networkId"));
      },
      { project: "p", stack: "dev", config },
    );
    expect(waitsFor(plan, "id").filter((d) => d.startsWith(subnetType))).toEqual([]);
    expect(waitsFor(plan, "id")).toHaveLength(1);
  });

  it("GIVEN a network that is not an MlopsVpc of this program WHEN a field is taken THEN it comes from the network as given", async () => {
    const info = {
      cloud: "azure",
      name: "shared",
      networkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
      cidr: "10.1.0.0/16",
      region: "westeurope",
      zones: ["1"],
      publicSubnetIds: [],
      privateSubnetIds: [],
      isolatedSubnetIds: [],
      reservedCidr: "10.1.224.0/19",
      resourceGroupName: "rg",
    } satisfies NetworkInfo;
    let value: string | undefined;
    await synth(() => {
      resolveNetwork(pulumi.output(info))
        .field("resourceGroupName")
        .apply((v) => {
          value = v;
        });
    });
    expect(value).toBe("rg");
  });
});
