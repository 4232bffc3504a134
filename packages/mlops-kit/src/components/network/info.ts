import type { Cloud } from "../../core/cloud";

/**
 * The neutral description of a network that other components take in their specs
 * (`network: vpc.network`). Plain values, so it crosses stack references and languages.
 */
export interface NetworkInfo {
  cloud: Cloud;
  /** The MlopsVpc's name. */
  name: string;
  /** AWS VPC id; GCP network self link; Azure virtual network id. */
  networkId: string;
  /** The network's IPv4 range. */
  cidr: string;
  /** AWS region, GCP region or Azure location. */
  region: string;
  /** Zone names in order: AWS availability zones, GCP zones, Azure zone numbers. */
  zones: string[];
  /** Subnet ids per tier; on GCP and Azure each tier is one regional subnet. */
  publicSubnetIds: string[];
  privateSubnetIds: string[];
  isolatedSubnetIds: string[];
  /** The block this network holds back for later tiers. */
  reservedCidr: string;
  /** Azure: the resource group of the network (and of the platform's other components). */
  resourceGroupName?: string;
  /** Azure: the subnet reserved for Application Gateways. */
  gatewaySubnetId?: string;
  /** Azure: that subnet's IPv4 range. */
  gatewaySubnetCidr?: string;
  /**
   * How the private tier reaches the internet (the spec's `nat`): "none" means it does not, and
   * compute reaches only the network's endpoints. Set on AWS and Azure; absent: unknown.
   */
  natMode?: string;
  /** Azure: the network security group of each subnet, by tier (`public`, `private`, `isolated`, `gateway`), for components that admit traffic. */
  securityGroupNames?: Record<string, string>;
  /**
   * Azure: the `privatelink.*` private DNS zones linked to the network, by service (`blob`, `file`,
   * `dfs`, `registry`, `keyVault`, `mlApi`, `mlNotebooks`, `redis`): a component's private endpoint
   * registers its records there (a DNS zone group). Empty when private endpoints are off.
   */
  privateDnsZoneIds?: Record<string, string>;
}
