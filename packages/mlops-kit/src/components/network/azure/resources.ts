import type { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import type { FlowLog } from "@pulumi/azure-native/network/flowLog";
import type { NatGateway } from "@pulumi/azure-native/network/natGateway";
import type { NetworkSecurityGroup } from "@pulumi/azure-native/network/networkSecurityGroup";
import type { NetworkWatcher } from "@pulumi/azure-native/network/networkWatcher";
import type { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import type { SecurityRule } from "@pulumi/azure-native/network/securityRule";
import type { Subnet } from "@pulumi/azure-native/network/subnet";
import type { VirtualNetwork } from "@pulumi/azure-native/network/virtualNetwork";
import type { PrivateZone } from "@pulumi/azure-native/privatedns/privateZone";
import type { VirtualNetworkLink } from "@pulumi/azure-native/privatedns/virtualNetworkLink";
import type { ResourceGroup } from "@pulumi/azure-native/resources/resourceGroup";
import type { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties";
import type { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import type * as pulumi from "@pulumi/pulumi";
import { TIERS, type Tier } from "../plan";
import type { AzurePrivateDnsZone } from "../spec";

export { AZURE_PRIVATE_DNS_ZONES, type AzurePrivateDnsZone } from "../spec";

/** Azure regions have at most three availability zones, numbered "1" to "3". */
export const AZURE_ZONES = ["1", "2", "3"] as const;

/**
 * The subnets of an MlopsVpc on Azure: the three tiers, and the subnet Application Gateways need
 * to themselves (Azure admits nothing else in it), carved from the reserved block.
 */
export type AzureSubnet = Tier | "gateway";
export const AZURE_SUBNETS: readonly AzureSubnet[] = [...TIERS, "gateway"];

/**
 * The order the subnets are written in, one at a time (Azure locks a virtual network while one of
 * its subnets changes). The gateway subnet goes first: an Application Gateway, the slowest thing a
 * consumer creates, waits for it. The private subnet goes last: it waits for the NAT gateway, and
 * nothing else should wait behind that.
 */
export const SUBNET_WRITE_ORDER: readonly AzureSubnet[] = ["gateway", "public", "isolated", "private"];

/** The Azure resources of an MlopsVpc. */
export interface AzureNetwork {
  /** The resource group the network created; absent when `azure.resourceGroupName` names an existing one. */
  resourceGroup?: ResourceGroup;
  /** The resource group of every resource here (except the flow log, which lives with the Network Watcher). */
  resourceGroupName: pulumi.Output<string>;
  virtualNetwork: VirtualNetwork;
  /** One regional subnet per tier, and the Application Gateway subnet. */
  subnets: Record<AzureSubnet, Subnet>;
  /** One network security group per subnet, attached to it. */
  networkSecurityGroups: Record<AzureSubnet, NetworkSecurityGroup>;
  /**
   * The rules of those groups, by `<subnet>-<rule>` (`isolated-deny-internet-outbound`). Each is
   * its own resource, so other components add rules to the same groups without ours removing them.
   */
  securityRules: Record<string, SecurityRule>;
  /** Egress for the private tier; absent when `nat` is "none". */
  natGateway?: NatGateway;
  natPublicIp?: PublicIPAddress;
  /** By service; empty when private endpoints are off, and without the zones given by id (`azure.privateDnsZoneIds`). */
  privateDnsZones: Partial<Record<AzurePrivateDnsZone, PrivateZone>>;
  /** The link of each zone to the virtual network, by service. */
  privateDnsZoneLinks: Partial<Record<AzurePrivateDnsZone, VirtualNetworkLink>>;
  /** Where flow logs are written; absent when flow logs are off. */
  flowLogStorage?: StorageAccount;
  /** Soft delete for the flow-log blobs. */
  flowLogBlobService?: BlobServiceProperties;
  /** The identity the flow log writes with (the account takes no shared keys). */
  flowLogIdentity?: UserAssignedIdentity;
  /** "Storage Blob Data Contributor" for that identity, on the flow-log account only. */
  flowLogWriter?: RoleAssignment;
  /** Present when `azure.networkWatcher.create` is true. */
  networkWatcher?: NetworkWatcher;
  flowLog?: FlowLog;
}

declare module "../contract" {
  /** Types the `.azure` escape hatch for programs that import `mlops-kit/azure`. */
  interface MlopsVpcCloudResources {
    azure: AzureNetwork;
  }
}
