import { NatGateway } from "@pulumi/azure-native/network/natGateway";
import { NetworkSecurityGroup } from "@pulumi/azure-native/network/networkSecurityGroup";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { SecurityRule } from "@pulumi/azure-native/network/securityRule";
import { Subnet } from "@pulumi/azure-native/network/subnet";
import { VirtualNetwork } from "@pulumi/azure-native/network/virtualNetwork";
import { PrivateZone } from "@pulumi/azure-native/privatedns/privateZone";
import { VirtualNetworkLink } from "@pulumi/azure-native/privatedns/virtualNetworkLink";
import { ResourceGroup } from "@pulumi/azure-native/resources/resourceGroup";
import {
  IPAllocationMethod,
  IPVersion,
  NatGatewaySkuName,
  PublicIPAddressSkuName,
  PublicIPAddressSkuTier,
  VirtualNetworkPrivateEndpointNetworkPolicies,
} from "@pulumi/azure-native/types/enums/network";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { azureTags } from "../../../core/tags";
import type { NetworkResult } from "../contract";
import type { NetworkInfo } from "../info";
import type { MlopsVpcPlan } from "../plan";
import { provisionFlowLogs } from "./flow-logs";
import {
  AZURE_PRIVATE_DNS_ZONES,
  AZURE_SUBNETS,
  AZURE_ZONES,
  type AzureNetwork,
  type AzurePrivateDnsZone,
  type AzureSubnet,
  SUBNET_WRITE_ORDER,
} from "./resources";
import { securityRulesFor } from "./rules";

export function provision(plan: MlopsVpcPlan, ctx: ProvisionContext): NetworkResult {
  const { name } = plan;
  const location = plan.azure.location;
  const watcher = plan.azure.networkWatcher;
  // planMlopsVpc refuses an Azure plan without a location, and derives the watcher from it.
  if (location === undefined || watcher === undefined) {
    throw new Error(`MlopsVpc "${name}": an Azure plan needs azure.location and azure.networkWatcher`);
  }
  const o = plan.azure.overrides;
  const tags = azureTags(plan.tags);
  const opts = (extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({ ...ctx.opts, ...extra });

  const existingGroup = plan.azure.resourceGroupName;
  let resourceGroup: ResourceGroup | undefined;
  let resourceGroupName: pulumi.Output<string>;
  if (existingGroup === undefined) {
    resourceGroup = new ResourceGroup(name, withOverrides({ location, tags }, o, "resourceGroup"), opts());
    resourceGroupName = resourceGroup.name;
  } else {
    resourceGroupName = pulumi.output(existingGroup);
  }

  // No inline `subnets`: the subnets below are their own resources, and azure-native leaves a
  // network's subnets alone on update when this property is unset.
  const virtualNetwork = new VirtualNetwork(
    name,
    withOverrides({ resourceGroupName, location, addressSpace: { addressPrefixes: [plan.cidr] }, tags }, o, "virtualNetwork"),
    opts(),
  );

  // Inline `securityRules` would make every update of a group rewrite its whole rule list and
  // delete the rules other components (an InferenceService's 443) attach to it. azure-native keeps
  // a group's existing rules on update when this property is unset, so every rule is a
  // standalone SecurityRule instead, ours included.
  if (o.networkSecurityGroup && "securityRules" in o.networkSecurityGroup) {
    throw new SpecError("MlopsVpc", name, [
      {
        path: "azure.overrides.networkSecurityGroup.securityRules",
        message:
          "cannot be set: inline rules replace the standalone rules of the network and of the components that use it; add SecurityRule resources instead",
      },
    ]);
  }
  const networkSecurityGroups = {} as Record<AzureSubnet, NetworkSecurityGroup>;
  const securityRules: Record<string, SecurityRule> = {};
  const lastRules: Partial<Record<AzureSubnet, SecurityRule>> = {};
  for (const tier of AZURE_SUBNETS) {
    const nsg = new NetworkSecurityGroup(
      `${name}-${tier}-nsg`,
      withOverrides({ resourceGroupName, location, tags }, o, "networkSecurityGroup"),
      opts(),
    );
    networkSecurityGroups[tier] = nsg;
    // Azure takes one write at a time per group (RetryableErrorDueToAnotherOperation otherwise):
    // a group's rules go one after another.
    let previousRule: SecurityRule | undefined;
    for (const rule of securityRulesFor(tier)) {
      const resource: SecurityRule = new SecurityRule(
        `${name}-${tier}-${rule.name}`,
        {
          resourceGroupName,
          networkSecurityGroupName: nsg.name,
          securityRuleName: rule.name,
          description: rule.description,
          priority: rule.priority,
          direction: rule.direction,
          access: rule.access,
          protocol: rule.protocol,
          sourceAddressPrefix: rule.source,
          sourcePortRange: "*",
          destinationAddressPrefix: rule.destination,
          destinationPortRange: rule.ports,
        },
        opts(previousRule ? { dependsOn: [previousRule] } : {}),
      );
      securityRules[`${tier}-${rule.name}`] = resource;
      previousRule = resource;
    }
    lastRules[tier] = previousRule;
  }

  let natGateway: NatGateway | undefined;
  let natPublicIp: PublicIPAddress | undefined;
  if (plan.nat.mode !== "none") {
    // Subnets are regional on Azure and a subnet takes one NAT gateway, so "single" and
    // "perZone" both come to one gateway. The zone-redundant StandardV2 SKU that would honour
    // "perZone" is not in the API version azure-native 3.x uses for NAT gateways and public IPs
    // (2024-05-01, SKU "Standard" only). A Standard gateway lives in at most one zone: pinning it
    // to the plan's first gateway zone makes that dependency explicit instead of letting Azure
    // pick one.
    const zone = azureZone(plan.nat.gatewayZones[0] ?? 0);
    natPublicIp = new PublicIPAddress(
      `${name}-nat-ip`,
      withOverrides(
        {
          resourceGroupName,
          location,
          sku: { name: PublicIPAddressSkuName.Standard, tier: PublicIPAddressSkuTier.Regional },
          publicIPAllocationMethod: IPAllocationMethod.Static,
          publicIPAddressVersion: IPVersion.IPv4,
          zones: [zone],
          tags,
        },
        o,
        "natPublicIp",
      ),
      opts(),
    );
    natGateway = new NatGateway(
      `${name}-nat`,
      withOverrides(
        {
          resourceGroupName,
          location,
          sku: { name: NatGatewaySkuName.Standard },
          idleTimeoutInMinutes: 4,
          publicIpAddresses: [{ id: natPublicIp.id }],
          zones: [zone],
          tags,
        },
        o,
        "natGateway",
      ),
      opts(),
    );
  }

  const subnets = {} as Record<AzureSubnet, Subnet>;
  let previous: Subnet | undefined;
  for (const tier of SUBNET_WRITE_ORDER) {
    const nat = tier === "private" && natGateway ? { natGateway: { id: natGateway.id } } : {};
    const subnet: Subnet = new Subnet(
      `${name}-${tier}`,
      withOverrides(
        {
          resourceGroupName,
          virtualNetworkName: virtualNetwork.name,
          addressPrefix: tier === "gateway" ? plan.azure.gatewaySubnetCidr : plan.tiers[tier].cidr,
          networkSecurityGroup: { id: networkSecurityGroups[tier].id },
          // Private endpoints obey the subnet's NSG and routes like any other NIC.
          privateEndpointNetworkPolicies: VirtualNetworkPrivateEndpointNetworkPolicies.Enabled,
          // No implicit outbound IP: egress exists only where a NAT gateway is attached. The
          // gateway subnet included: default outbound access only ever served VMs, and an
          // Application Gateway v2 reaches its control plane through its own public frontend IP,
          // not through it (Microsoft's AKS and AI Foundry baselines run Application Gateway v2
          // in subnets with default outbound access off). What breaks it is an NSG rule denying
          // outbound Internet or a default route away from the Internet: the gateway NSG has neither.
          defaultOutboundAccess: false,
          ...nat,
        },
        o,
        "subnet",
      ),
      // Azure locks the virtual network while one of its subnets changes; concurrent subnet
      // writes fail with AnotherOperationInProgress, so they go one after another.
      opts(previous ? { dependsOn: [previous] } : {}),
    );
    subnets[tier] = subnet;
    previous = subnet;
  }

  const privateDnsZones: AzureNetwork["privateDnsZones"] = {};
  const privateDnsZoneLinks: AzureNetwork["privateDnsZoneLinks"] = {};
  if (plan.privateEndpoints.enabled) {
    for (const [key, zoneName] of Object.entries(AZURE_PRIVATE_DNS_ZONES) as [AzurePrivateDnsZone, string][]) {
      // The zone's name is its DNS domain, so it cannot be autonamed.
      const zone = new PrivateZone(
        `${name}-${key}`,
        withOverrides({ resourceGroupName, location: "global", privateZoneName: zoneName, tags }, o, "privateDnsZone"),
        opts(),
      );
      privateDnsZones[key] = zone;
      privateDnsZoneLinks[key] = new VirtualNetworkLink(
        `${name}-${key}-link`,
        withOverrides(
          {
            resourceGroupName,
            privateZoneName: zone.name,
            location: "global",
            virtualNetwork: { id: virtualNetwork.id },
            // Resolution only: VMs must not register their own names in Microsoft's zones.
            registrationEnabled: false,
            tags,
          },
          o,
          "privateDnsZoneLink",
        ),
        opts(),
      );
    }
  }

  const flowLogs = plan.flowLogs.enabled
    ? provisionFlowLogs(plan, ctx, { resourceGroupName, location, watcher, virtualNetwork, tags })
    : undefined;

  // A group's name is handed out only once the network's own rules are in it, so the rules a
  // consumer adds never race ours for the group.
  const nsgNames = pulumi
    .all(AZURE_SUBNETS.map((tier) => pulumi.all([networkSecurityGroups[tier].name, lastRules[tier]?.id]).apply(([n]) => n)))
    .apply((names) => Object.fromEntries(AZURE_SUBNETS.map((tier, i) => [tier, names[i] ?? ""])));
  const info: pulumi.Output<NetworkInfo> = pulumi
    .all([virtualNetwork.id, resourceGroupName, subnets.public.id, subnets.private.id, subnets.isolated.id, subnets.gateway.id, nsgNames])
    .apply(([networkId, rg, publicId, privateId, isolatedId, gatewayId, securityGroupNames]) => ({
      cloud: "azure" as const,
      name,
      networkId,
      cidr: plan.cidr,
      region: location,
      zones: AZURE_ZONES.slice(0, plan.zones),
      publicSubnetIds: [publicId],
      privateSubnetIds: [privateId],
      isolatedSubnetIds: [isolatedId],
      reservedCidr: plan.reservedCidr,
      resourceGroupName: rg,
      gatewaySubnetId: gatewayId,
      gatewaySubnetCidr: plan.azure.gatewaySubnetCidr,
      securityGroupNames,
    }));

  const one = (subnet: Subnet) => subnet.id.apply((id) => [id]);
  return {
    cloud: "azure",
    info,
    fields: {
      networkId: virtualNetwork.id,
      resourceGroupName,
      region: pulumi.output(location),
      zones: pulumi.output(AZURE_ZONES.slice(0, plan.zones)),
      // Application Gateway refuses a subnet whose NSG lacks the rules its infrastructure needs: the
      // id is handed out once they are in, and before any other subnet.
      gatewaySubnetId: pulumi.all([subnets.gateway.id, lastRules.gateway?.id]).apply(([id]) => id),
      gatewaySubnetCidr: pulumi.output(plan.azure.gatewaySubnetCidr),
      securityGroupNames: nsgNames,
    },
    // The NAT gateway and NSGs are attached through the subnets themselves.
    tiers: {
      public: { subnetIds: one(subnets.public), ready: [] },
      private: { subnetIds: one(subnets.private), ready: [] },
      isolated: { subnetIds: one(subnets.isolated), ready: [] },
    },
    resources: {
      resourceGroup,
      resourceGroupName,
      virtualNetwork,
      subnets,
      networkSecurityGroups,
      securityRules,
      natGateway,
      natPublicIp,
      privateDnsZones,
      privateDnsZoneLinks,
      ...flowLogs,
    },
  };
}

/** Azure's name for the zone at a plan's 0-based zone index. */
function azureZone(zoneIndex: number): string {
  return AZURE_ZONES[Math.min(zoneIndex, AZURE_ZONES.length - 1)] ?? "1";
}

export {
  AZURE_PRIVATE_DNS_ZONES,
  AZURE_SUBNETS,
  AZURE_ZONES,
  type AzureNetwork,
  type AzurePrivateDnsZone,
  type AzureSubnet,
  SUBNET_WRITE_ORDER,
} from "./resources";
