import { PrivateDnsZoneGroup } from "@pulumi/azure-native/network/privateDnsZoneGroup";
import { PrivateEndpoint } from "@pulumi/azure-native/network/privateEndpoint";
import type * as pulumi from "@pulumi/pulumi";
import { SpecError } from "../../../core/errors";
import { TYPE } from "../plan";
import type { Step } from "./step";

/** One private endpoint: what it reaches, the sub-resource (Private Link group id) and its DNS zones. */
export interface EndpointTarget {
  /** Child-name suffix (`offline-dfs`). */
  name: string;
  resourceId: pulumi.Input<string>;
  /** Private Link group id ("What is a private endpoint?": blob, dfs, file, vault, redisCache, amlworkspace). */
  groupId: string;
  /** Keys of the network's `privateDnsZoneIds` the endpoint registers in. */
  zones: string[];
}

export interface PrivateAccess {
  endpoint: PrivateEndpoint;
  dnsZoneGroup: PrivateDnsZoneGroup;
}

/**
 * A private endpoint in the network's private tier, with a DNS zone group so the service's name
 * resolves to it from the network (the zones the MlopsVpc links).
 */
export function privateEndpoint(step: Step, t: EndpointTarget): PrivateAccess {
  const { plan, at, tags, opts, role } = step;
  const endpoint = new PrivateEndpoint(
    `${plan.name}-${t.name}`,
    role(
      {
        resourceGroupName: at.resourceGroupName,
        location: at.location,
        subnet: { id: at.privateSubnetId },
        privateLinkServiceConnections: [{ name: `${plan.name}-${t.name}`, privateLinkServiceId: t.resourceId, groupIds: [t.groupId] }],
        tags,
      },
      "privateEndpoint",
    ),
    opts,
  );
  const zoneIds = at.privateDnsZoneIds.apply((ids) =>
    t.zones.map((zone) => {
      const id = ids[zone];
      if (!id) {
        throw new SpecError(TYPE, plan.name, [
          {
            path: "network",
            message: `has no private DNS zone for ${zone}: pass the network of an MlopsVpc on azure with privateEndpoints on`,
          },
        ]);
      }
      return { name: zone, privateDnsZoneId: id };
    }),
  );
  const dnsZoneGroup = new PrivateDnsZoneGroup(
    `${plan.name}-${t.name}`,
    {
      resourceGroupName: at.resourceGroupName,
      privateEndpointName: endpoint.name,
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: zoneIds,
    },
    opts,
  );
  return { endpoint, dnsZoneGroup };
}
