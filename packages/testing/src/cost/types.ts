/**
 * The contract between the price tables (one per cloud, under `pricing/`) and the estimator.
 * A cloud's pricing says, per resource type, what a resource of the plan is billed for; the
 * estimator multiplies by the shipped prices and adds up per resource and component.
 */
import type { Plan, PlanResource } from "../plan";

export type PricedCloud = "aws" | "gcp" | "azure";

/** Hours in a billing month as the clouds' calculators count them (8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** One list price, read from the cloud's pricing page. Never fetched at run time. */
export interface PriceRow {
  /** Stable key, `<cloud>:<service>:<item>`, e.g. `aws:ec2:t3.medium`, `aws:vpc:nat-gateway-hour`. */
  key: string;
  /** The region the price applies to (the reference stacks' regions), or `global`. */
  region: string;
  /** What one unit is: `hour`, `GB`, `GB-month`, `month`, `million requests`, `LCU-hour`, ... */
  unit: string;
  /** US dollars per unit, on demand, before free tiers and discounts. */
  usd: number;
  /** The page the number was read from. */
  source: string;
  /** The day it was read, YYYY-MM-DD. */
  read: string;
  /** What the row assumes (Linux, single-AZ, first tier, ...). */
  note?: string;
}

/** A price key with no row in a region, and why: a price not read, a size not offered there. */
export interface MissingPrice {
  key: string;
  /** A reference region, or `global` when no region has it. */
  region: string;
  reason: string;
}

/** Fixed: billed whether or not anyone uses the platform. Usage: depends on traffic or data. */
export type CostKind = "fixed" | "usage";

/** One billed item of one resource. */
export interface CostLine {
  /** In the bill's words: "NAT gateway hours", "t3.medium instance hours", "Log ingestion". */
  item: string;
  kind: CostKind;
  /** The `PriceRow.key` it is priced by. */
  priceKey: string;
  /** Units a month at the resource's lower and upper scaling bounds (equal when it does not scale). */
  quantity: { min: number; max: number };
  /** For usage lines (and fixed lines that rest on a guess): the assumption behind the quantity. */
  assumption?: string;
}

/**
 * Traffic and data a month the usage lines assume. Defaults live in `assumptions.ts`;
 * `mlops cost --assume key=value` overrides them, and every usage line names the one it used.
 */
export interface UsageAssumptions {
  /** GB processed by each NAT gateway a month. */
  natGb: number;
  /** GB processed by each load balancer a month. */
  loadBalancerGb: number;
  /** Millions of requests to each load balancer a month. */
  requestsMillions: number;
  /** GB of logs ingested by each log group, bucket or workspace a month. */
  logGb: number;
  /** GB stored in each object store bucket or storage account. */
  storageGb: number;
  /** GB stored in each container registry. */
  registryGb: number;
  /** GB through each interface or private endpoint a month. */
  endpointGb: number;
  /** Build minutes a month per CI project or trigger. */
  buildMinutes: number;
  /** Millions of reads and writes to each online feature store a month. */
  featureRequestsMillions: number;
  /** GB held by each online feature store. */
  onlineStoreGb: number;
  /** Hours a month a training pool that scales from zero runs at its upper bound. */
  trainingHours: number;
}

export interface PricingContext {
  cloud: PricedCloud;
  /** The stack's region (`aws:region`, `gcp:region`, `azure-native:location`). */
  region: string;
  plan: Plan;
  usage: UsageAssumptions;
  /** Another resource of the plan (e.g. the launch template a group names), by URN. */
  byUrn(urn: string): PlanResource | undefined;
}

/**
 * What a resource is billed for. Returns no lines only when the resource is free in this shape
 * (say, a bucket's settings); a type that is always free belongs in `CloudPricing.free`.
 * A line may name a key the price table has no row for (a size not read, a tier not offered): the
 * estimator counts the lines it can price and lists the others with the table's reason. Throws
 * `UnpricedError` only when it cannot say what the resource is billed for: an input the plan leaves
 * unknown or to a default, a shape whose billing was not read. The estimator lists it, never as zero.
 */
export type Pricer = (resource: PlanResource, ctx: PricingContext) => CostLine[];

export class UnpricedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "UnpricedError";
  }
}

/** One cloud's prices and how its resource types are billed. */
export interface CloudPricing {
  cloud: PricedCloud;
  /** Resource types that are billed, by type token. */
  pricers: Readonly<Record<string, Pricer>>;
  /** Resource types that cost nothing by themselves, with why ("IAM roles are not billed"). */
  free: Readonly<Record<string, string>>;
  /** Every price the pricers use, for every reference region. */
  prices: readonly PriceRow[];
  /** Keys known to have no row in a region, with why; a report gives that reason for them. */
  missing?: readonly MissingPrice[];
}
