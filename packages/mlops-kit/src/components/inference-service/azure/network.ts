import * as pulumi from "@pulumi/pulumi";
import { SpecError } from "../../../core/errors";
import type { ResolvedNetwork } from "../../network/ref";
import { checkNetworkEgress, TYPE } from "../plan";

// What an InferenceService on Azure reads from its network: the facts it needs, checked when the
// network resolves, with what Azure resource ids carry taken out of them.

/** The network facts this service needs, with what Azure ids carry spelled out. */
export interface AzureNetworkFacts {
  resourceGroupName: string;
  location: string;
  zones: string[];
  subscriptionId: string;
  gatewaySubnetId: string;
  gatewaySubnetCidr: string;
  securityGroupNames: { gateway: string; private: string };
}

/** The subscription an Azure resource id names; `field` is where the id came from, for the error. */
export function subscriptionOf(name: string, field: string, id: string): string {
  const m = /^\/subscriptions\/([^/]+)\//i.exec(id);
  if (!m?.[1]) {
    throw new SpecError(TYPE, name, [
      { path: field, message: `(${JSON.stringify(id)}) must be an Azure resource id (/subscriptions/<id>/...)` },
    ]);
  }
  return m[1];
}

/**
 * The same facts, each as an output that waits only for the part of the network it comes from (the
 * resource group, the gateway subnet and its NSG rules...), so the gateway, its IP and the
 * identities do not wait for every subnet (the private one waits for NAT). Each is checked as it
 * resolves: a missing fact is an error naming `network` (not an MlopsVpc on Azure of a current version).
 */
export function networkFacts(
  name: string,
  network: ResolvedNetwork,
): { [K in keyof AzureNetworkFacts]: pulumi.Output<AzureNetworkFacts[K]> } {
  const missing = (what: string) =>
    new SpecError(TYPE, name, [
      { path: "network", message: `has no ${what}: pass the network output of an MlopsVpc on azure (a current version)` },
    ]);
  const need = <K extends "resourceGroupName" | "gatewaySubnetId" | "gatewaySubnetCidr">(key: K): pulumi.Output<string> =>
    network.field(key).apply((v) => {
      if (!v) throw missing(key);
      return v;
    });
  // A network known only once it resolves (a stack reference) is checked then, in the words the
  // component uses for a network of this program.
  const privateSubnetReachesOut = pulumi.all([network.field("natMode"), network.field("name")]).apply(([natMode, networkName]) => {
    checkNetworkEgress({ cloud: "azure", name }, { name: networkName, natMode });
    return true;
  });
  return {
    resourceGroupName: pulumi.all([need("resourceGroupName"), privateSubnetReachesOut]).apply(([group]) => group),
    location: network.field("region"),
    zones: network.field("zones"),
    subscriptionId: network.field("networkId").apply((id) => subscriptionOf(name, "network", id)),
    gatewaySubnetId: need("gatewaySubnetId"),
    gatewaySubnetCidr: need("gatewaySubnetCidr"),
    securityGroupNames: network.field("securityGroupNames").apply((names) => {
      const gateway = names?.gateway;
      const priv = names?.private;
      if (!gateway || !priv) throw missing("securityGroupNames for its gateway and private subnets");
      return { gateway, private: priv };
    }),
  };
}
