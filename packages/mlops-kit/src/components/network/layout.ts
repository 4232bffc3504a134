import { type Cidr, subnet } from "../../core/net/cidr";

// The address layout of an MlopsVpc, shared by the plan and each cloud's part of it. Pure.

/** The tiers of an ML platform network. */
export const Tier = {
  /** Load balancers; routes to the internet. */
  public: "public",
  /** Compute; egress through NAT. */
  private: "private",
  /** Data; no route to the internet at all. */
  isolated: "isolated",
} as const;
export type Tier = (typeof Tier)[keyof typeof Tier];
export const TIERS: readonly Tier[] = [Tier.public, Tier.private, Tier.isolated];

/**
 * The address layout, in eighths of the network's range. Each tier is one contiguous block (a
 * regional subnet on GCP and Azure is the whole block) split into {@link ZONE_SLOTS} equal zone
 * slots (a zonal subnet on AWS is one slot). Slot `i` depends only on `i`, never on the zone
 * count, so adding a zone only appends a subnet; the last eighth is held back for later tiers
 * (a load balancer's own subnet on Azure, say).
 */
export const LAYOUT: Record<Tier | "reserved", { offsetEighths: number; eighths: 1 | 2 | 4 }> = {
  private: { offsetEighths: 0, eighths: 4 },
  isolated: { offsetEighths: 4, eighths: 2 },
  public: { offsetEighths: 6, eighths: 1 },
  reserved: { offsetEighths: 7, eighths: 1 },
};
/** Zone slots per tier: more than {@link MAX_ZONES}, so there is room to grow. */
export const ZONE_SLOTS = 8;

export interface SubnetPlan {
  tier: Tier;
  /** Position of the zone, 0-based; also the slot index. */
  zoneIndex: number;
  cidr: string;
  /** Logical name of the subnet resource (zonal clouds). */
  name: string;
}

export interface TierPlan {
  /** The tier's whole block: a regional subnet's range. */
  cidr: string;
  /** One subnet per zone, for clouds whose subnets are zonal (AWS). */
  subnets: SubnetPlan[];
}

/** The CIDR of zone slot `zoneIndex` in `tier` of `network`. */
export function subnetCidr(network: Cidr, tier: Tier, zoneIndex: number): Cidr {
  return subnet(tierBlock(network, tier), tierBlock(network, tier).prefix + 3, zoneIndex);
}

export function tierBlock(network: Cidr, tier: Tier | "reserved"): Cidr {
  const { offsetEighths, eighths } = LAYOUT[tier];
  const prefix = network.prefix + 3 - Math.log2(eighths);
  return subnet(network, prefix, offsetEighths / eighths);
}
