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
import { ResolutionPolicy } from "@pulumi/azure-native/types/enums/privatedns";
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
  type AzureNetwork,
  type AzurePrivateDnsZone,
  type AzureSubnet,
  SUBNET_WRITE_ORDER,
} from "./resources";
import { securityRulesFor } from "./rules";

/** What every step takes: the plan, its overrides, the tags, the options, and where things go. */
interface Shared {
  plan: MlopsVpcPlan;
  o: MlopsVpcPlan["azure"]["overrides"];
  tags: Record<string, string>;
  opts: (extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions;
  location: string;
  resourceGroupName: pulumi.Output<string>;
}

/**
 * An MlopsVpc on Azure, in the order of creation: the resource group (unless given), the virtual
 * network, a security group per subnet with the network's own rules, the NAT gateway, the
 * subnets one at a time, the private DNS zones and their links, and the flow logs.
 */
export function provision(plan: MlopsVpcPlan, ctx: ProvisionContext): NetworkResult {
  const location = plan.azure.location;
  // planMlopsVpc refuses an Azure plan without a location.
  if (location === undefined) throw new Error(`MlopsVpc "${plan.name}": an Azure plan needs azure.location`);
  refuseInlineRules(plan);
  const base = { plan, o: plan.azure.overrides, tags: azureTags(plan.tags), opts: (extra = {}) => ({ ...ctx.opts, ...extra }), location };
  const resourceGroup = plan.azure.resourceGroupName === undefined ? createResourceGroup(base) : undefined;
  const shared: Shared = { ...base, resourceGroupName: resourceGroup?.name ?? pulumi.output(plan.azure.resourceGroupName ?? "") };

  const virtualNetwork = createVirtualNetwork(shared);
  const { lastRules, ...groups } = createSecurityGroups(shared);
  const nat = plan.azure.nat.gateways > 0 ? createNatGateway(shared) : undefined;
  const subnets = createSubnets(shared, virtualNetwork, groups.networkSecurityGroups, nat?.natGateway);
  const { privateDnsZoneIds, ...dns } = plan.privateEndpoints.enabled
    ? linkPrivateDnsZones(shared, virtualNetwork)
    : { privateDnsZones: {}, privateDnsZoneLinks: {}, privateDnsZoneIds: pulumi.output<Record<string, string>>({}) };
  const flowLogs = plan.flowLogs.enabled
    ? provisionFlowLogs(plan, ctx, { resourceGroupName: shared.resourceGroupName, location, virtualNetwork, tags: shared.tags })
    : undefined;

  const resources: AzureNetwork = {
    resourceGroup,
    resourceGroupName: shared.resourceGroupName,
    virtualNetwork,
    subnets,
    ...groups,
    natGateway: nat?.natGateway,
    natPublicIp: nat?.natPublicIp,
    ...dns,
    ...flowLogs,
  };
  return networkResult(shared, resources, lastRules, privateDnsZoneIds);
}

/**
 * Inline `securityRules` would make every update of a group rewrite its whole rule list and delete
 * the rules other components (an InferenceService's 443) attach to it: every rule is a standalone
 * SecurityRule instead, ours included.
 */
function refuseInlineRules(plan: MlopsVpcPlan): void {
  const nsg = plan.azure.overrides.networkSecurityGroup;
  if (nsg && "securityRules" in nsg) {
    throw new SpecError("MlopsVpc", plan.name, [
      {
        path: "azure.overrides.networkSecurityGroup.securityRules",
        message:
          "cannot be set: inline rules replace the standalone rules of the network and of the components that use it; add SecurityRule resources instead",
      },
    ]);
  }
}

function createResourceGroup({ plan, o, tags, opts, location }: Omit<Shared, "resourceGroupName">): ResourceGroup {
  return new ResourceGroup(plan.name, withOverrides({ location, tags }, o, "resourceGroup"), opts());
}

function createVirtualNetwork({ plan, o, tags, opts, location, resourceGroupName }: Shared): VirtualNetwork {
  // No inline `subnets`: the subnets are their own resources, and azure-native leaves a network's
  // subnets alone on update when this property is unset.
  return new VirtualNetwork(
    plan.name,
    withOverrides({ resourceGroupName, location, addressSpace: { addressPrefixes: [plan.cidr] }, tags }, o, "virtualNetwork"),
    opts(),
  );
}

/**
 * One network security group per subnet, each with the network's own rules as standalone
 * resources. Azure takes one write at a time per group (RetryableErrorDueToAnotherOperation
 * otherwise): a group's rules go one after another, and `lastRules` is the last of each.
 */
function createSecurityGroups({ plan, o, tags, opts, location, resourceGroupName }: Shared) {
  const networkSecurityGroups = {} as Record<AzureSubnet, NetworkSecurityGroup>;
  const securityRules: Record<string, SecurityRule> = {};
  const lastRules: Partial<Record<AzureSubnet, SecurityRule>> = {};
  for (const tier of AZURE_SUBNETS) {
    const nsg = new NetworkSecurityGroup(
      `${plan.name}-${tier}-nsg`,
      withOverrides({ resourceGroupName, location, tags }, o, "networkSecurityGroup"),
      opts(),
    );
    networkSecurityGroups[tier] = nsg;
    let previousRule: SecurityRule | undefined;
    for (const rule of securityRulesFor(tier)) {
      const resource: SecurityRule = new SecurityRule(
        `${plan.name}-${tier}-${rule.name}`,
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
  return { networkSecurityGroups, securityRules, lastRules };
}

/**
 * Egress for the private subnet. Subnets are regional on Azure and a subnet takes one NAT gateway,
 * so "single" and "perZone" both come to one gateway (the plan flags `perZone` as unmet, and a
 * warning says so). The zone-redundant StandardV2 SKU that would honour "perZone" is not in the
 * API version azure-native 3.x uses for NAT gateways and public IPs (2024-05-01, SKU "Standard"
 * only). A Standard gateway lives in at most one zone: the plan pins it, in a zonal region.
 */
function createNatGateway({ plan, o, tags, opts, location, resourceGroupName }: Shared) {
  const { zone, perZoneUnmet } = plan.azure.nat;
  if (perZoneUnmet) {
    pulumi.log.warn(
      `MlopsVpc "${plan.name}": nat "perZone" is one NAT gateway on Azure (a subnet takes one, in one zone); egress depends on zone ${zone}`,
      opts().parent,
    );
  }
  const zones = zone !== undefined ? [zone] : undefined;
  const natPublicIp = new PublicIPAddress(
    `${plan.name}-nat-ip`,
    withOverrides(
      {
        resourceGroupName,
        location,
        sku: { name: PublicIPAddressSkuName.Standard, tier: PublicIPAddressSkuTier.Regional },
        publicIPAllocationMethod: IPAllocationMethod.Static,
        publicIPAddressVersion: IPVersion.IPv4,
        zones,
        tags,
      },
      o,
      "natPublicIp",
    ),
    opts(),
  );
  const natGateway = new NatGateway(
    `${plan.name}-nat`,
    withOverrides(
      {
        resourceGroupName,
        location,
        sku: { name: NatGatewaySkuName.Standard },
        idleTimeoutInMinutes: 4,
        publicIpAddresses: [{ id: natPublicIp.id }],
        zones,
        tags,
      },
      o,
      "natGateway",
    ),
    opts(),
  );
  return { natGateway, natPublicIp };
}

/**
 * The subnets, one at a time: Azure locks the virtual network while one of its subnets changes,
 * and concurrent subnet writes fail with AnotherOperationInProgress.
 */
function createSubnets(
  { plan, o, opts, resourceGroupName }: Shared,
  virtualNetwork: VirtualNetwork,
  networkSecurityGroups: Record<AzureSubnet, NetworkSecurityGroup>,
  natGateway: NatGateway | undefined,
): Record<AzureSubnet, Subnet> {
  const subnets = {} as Record<AzureSubnet, Subnet>;
  let previous: Subnet | undefined;
  for (const tier of SUBNET_WRITE_ORDER) {
    const nat = tier === "private" && natGateway ? { natGateway: { id: natGateway.id } } : {};
    const subnet: Subnet = new Subnet(
      `${plan.name}-${tier}`,
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
      opts(previous ? { dependsOn: [previous] } : {}),
    );
    subnets[tier] = subnet;
    previous = subnet;
  }
  return subnets;
}

/**
 * The `privatelink.*` zones, created here or given by id (a hub's), each linked to the network.
 * Links fall back to public resolution when a name has no record in the zone (NxDomainRedirect):
 * a registry, vault or storage account whose private endpoint lives elsewhere still resolves
 * (to its public address) instead of failing with NXDOMAIN.
 */
function linkPrivateDnsZones({ plan, o, tags, opts, resourceGroupName }: Shared, virtualNetwork: VirtualNetwork) {
  const privateDnsZones: AzureNetwork["privateDnsZones"] = {};
  const privateDnsZoneLinks: AzureNetwork["privateDnsZoneLinks"] = {};
  const zoneIds: Record<string, pulumi.Output<string>> = {};
  for (const [key, zoneName] of Object.entries(AZURE_PRIVATE_DNS_ZONES) as [AzurePrivateDnsZone, string][]) {
    const planned = plan.azure.privateDnsZones[key];
    let zone: { name: pulumi.Input<string>; resourceGroupName: pulumi.Input<string>; id: pulumi.Output<string> };
    if (planned.create) {
      // The zone's name is its DNS domain, so it cannot be autonamed.
      const created = new PrivateZone(
        `${plan.name}-${key}`,
        withOverrides({ resourceGroupName, location: "global", privateZoneName: zoneName, tags }, o, "privateDnsZone"),
        opts(),
      );
      privateDnsZones[key] = created;
      zone = { name: created.name, resourceGroupName, id: created.id };
    } else {
      zone = { name: planned.name, resourceGroupName: planned.resourceGroupName, id: pulumi.output(planned.id) };
    }
    const link = new VirtualNetworkLink(
      `${plan.name}-${key}-link`,
      withOverrides(
        {
          resourceGroupName: zone.resourceGroupName,
          privateZoneName: zone.name,
          location: "global",
          virtualNetwork: { id: virtualNetwork.id },
          // Resolution only: VMs must not register their own names in Microsoft's zones.
          registrationEnabled: false,
          resolutionPolicy: ResolutionPolicy.NxDomainRedirect,
          tags,
        },
        o,
        "privateDnsZoneLink",
      ),
      opts(),
    );
    privateDnsZoneLinks[key] = link;
    // Handed out once linked: a record registered there resolves from the network from then on.
    zoneIds[key] = pulumi.all([zone.id, link.id]).apply(([id]) => id);
  }
  return { privateDnsZones, privateDnsZoneLinks, privateDnsZoneIds: pulumi.all(zoneIds) };
}

/** The neutral description and the fields consumers wait on, each for what it comes from. */
function networkResult(
  { plan, location, resourceGroupName }: Shared,
  resources: AzureNetwork,
  lastRules: Partial<Record<AzureSubnet, SecurityRule>>,
  privateDnsZoneIds: pulumi.Output<Record<string, string>>,
): NetworkResult {
  const { subnets, networkSecurityGroups, virtualNetwork } = resources;
  const zones = plan.azure.zoneNames;
  // A group's name is handed out only once the network's own rules are in it, so the rules a
  // consumer adds never race ours for the group.
  const nsgNames = pulumi
    .all(AZURE_SUBNETS.map((tier) => pulumi.all([networkSecurityGroups[tier].name, lastRules[tier]?.id]).apply(([n]) => n)))
    .apply((names) => Object.fromEntries(AZURE_SUBNETS.map((tier, i) => [tier, names[i] ?? ""])));
  const info: pulumi.Output<NetworkInfo> = pulumi
    .all([
      virtualNetwork.id,
      resourceGroupName,
      subnets.public.id,
      subnets.private.id,
      subnets.isolated.id,
      subnets.gateway.id,
      nsgNames,
      privateDnsZoneIds,
    ])
    .apply(([networkId, rg, publicId, privateId, isolatedId, gatewayId, securityGroupNames, zoneIds]) => ({
      cloud: "azure" as const,
      name: plan.name,
      networkId,
      cidr: plan.cidr,
      region: location,
      zones,
      publicSubnetIds: [publicId],
      privateSubnetIds: [privateId],
      isolatedSubnetIds: [isolatedId],
      reservedCidr: plan.reservedCidr,
      resourceGroupName: rg,
      gatewaySubnetId: gatewayId,
      gatewaySubnetCidr: plan.azure.gatewaySubnetCidr,
      natMode: plan.nat.mode,
      securityGroupNames,
      privateDnsZoneIds: zoneIds,
    }));
  const one = (subnet: Subnet) => subnet.id.apply((id) => [id]);
  return {
    cloud: "azure",
    info,
    fields: {
      networkId: virtualNetwork.id,
      resourceGroupName,
      region: pulumi.output(location),
      zones: pulumi.output(zones),
      // Application Gateway refuses a subnet whose NSG lacks the rules its infrastructure needs: the
      // id is handed out once they are in, and before any other subnet.
      gatewaySubnetId: pulumi.all([subnets.gateway.id, lastRules.gateway?.id]).apply(([id]) => id),
      gatewaySubnetCidr: pulumi.output(plan.azure.gatewaySubnetCidr),
      natMode: pulumi.output(plan.nat.mode),
      securityGroupNames: nsgNames,
      privateDnsZoneIds,
    },
    // The NAT gateway and NSGs are attached through the subnets themselves.
    tiers: {
      public: { subnetIds: one(subnets.public), ready: [] },
      private: { subnetIds: one(subnets.private), ready: [] },
      isolated: { subnetIds: one(subnets.isolated), ready: [] },
    },
    resources,
  };
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
