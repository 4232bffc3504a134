import { PriceTable } from "../../price-table";
import type { PriceRow } from "../../types";
import { AWS_PRICES_READ, SOURCES } from "./sources";

/**
 * The AWS list prices `mlops cost` multiplies by, for the reference stacks' regions: us-east-1
 * (aws-dev) and us-west-2 (aws-prod). On-demand, USD, before free tiers and discounts. Data, read
 * top to bottom; the pricers in `pricers.ts` say which resource is billed by which row.
 */

/** The regions the AWS reference stacks run in. */
export const AWS_REFERENCE_REGIONS = ["us-east-1", "us-west-2"] as const;
export type AwsReferenceRegion = (typeof AWS_REFERENCE_REGIONS)[number];

/** The key of an instance type's hourly row. */
export const ec2Key = (instanceType: string) => `aws:ec2:${instanceType}`;

/**
 * Instance hours, us-east-1, from Karpenter's generated price table. Where the per-region list was
 * also read (c6i, g4dn.xlarge/4xlarge/8xlarge, g5.12xlarge, g6.2xlarge, t3.large, t3.2xlarge) it
 * gives the same number. p4d, p4de and p5 are below the figures in core/catalog (read earlier,
 * before AWS cut those prices): the catalog only orders candidates, this table bills.
 */
const US_EAST_1_HOURLY: Record<string, number> = {
  "t3.medium": 0.0416,
  "t3.large": 0.0832,
  "t3.xlarge": 0.1664,
  "t3.2xlarge": 0.3328,
  "c6i.large": 0.085,
  "c6i.xlarge": 0.17,
  "c6i.2xlarge": 0.34,
  "c6i.4xlarge": 0.68,
  "c6i.8xlarge": 1.36,
  "m6i.large": 0.096,
  "m6i.xlarge": 0.192,
  "m6i.2xlarge": 0.384,
  "m6i.4xlarge": 0.768,
  "m6i.8xlarge": 1.536,
  "m6i.16xlarge": 3.072,
  "r6i.large": 0.126,
  "r6i.xlarge": 0.252,
  "r6i.2xlarge": 0.504,
  "r6i.4xlarge": 1.008,
  "r6i.8xlarge": 2.016,
  "g4dn.xlarge": 0.526,
  "g4dn.2xlarge": 0.752,
  "g4dn.4xlarge": 1.204,
  "g4dn.8xlarge": 2.176,
  "g4dn.12xlarge": 3.912,
  "g5.xlarge": 1.006,
  "g5.2xlarge": 1.212,
  "g5.4xlarge": 1.624,
  "g5.8xlarge": 2.448,
  "g5.12xlarge": 5.672,
  "g5.48xlarge": 16.288,
  "g6.xlarge": 0.8048,
  "g6.2xlarge": 0.9776,
  "g6.4xlarge": 1.3232,
  "g6.8xlarge": 2.0144,
  "g6.12xlarge": 4.6016,
  "g6.48xlarge": 13.3504,
  "p4d.24xlarge": 21.957642,
  "p4de.24xlarge": 27.44705,
  "p5.48xlarge": 55.04,
};

/**
 * Instance hours, us-west-2, from the per-region list: every catalog type but m6i.large (from
 * Infracost below). Each is the `Price` of the type's us-west-2 zone rows, which agree across
 * zones; Local Zone rows (usw2-lax1) were not used.
 */
const US_WEST_2_HOURLY: Record<string, number> = {
  "t3.medium": 0.0416,
  "t3.large": 0.0832,
  "t3.xlarge": 0.1664,
  "t3.2xlarge": 0.3328,
  "c6i.large": 0.085,
  "c6i.xlarge": 0.17,
  "c6i.2xlarge": 0.34,
  "c6i.4xlarge": 0.68,
  "c6i.8xlarge": 1.36,
  "m6i.xlarge": 0.192,
  "m6i.2xlarge": 0.384,
  "m6i.4xlarge": 0.768,
  "m6i.8xlarge": 1.536,
  "m6i.16xlarge": 3.072,
  "r6i.large": 0.126,
  "r6i.xlarge": 0.252,
  "r6i.2xlarge": 0.504,
  "r6i.4xlarge": 1.008,
  "r6i.8xlarge": 2.016,
  "g4dn.xlarge": 0.526,
  "g4dn.2xlarge": 0.752,
  "g4dn.4xlarge": 1.204,
  "g4dn.8xlarge": 2.176,
  "g4dn.12xlarge": 3.912,
  "g5.xlarge": 1.006,
  "g5.2xlarge": 1.212,
  "g5.4xlarge": 1.624,
  "g5.8xlarge": 2.448,
  "g5.12xlarge": 5.672,
  "g5.48xlarge": 16.288,
  "g6.xlarge": 0.8048,
  "g6.2xlarge": 0.9776,
  "g6.4xlarge": 1.3232,
  "g6.8xlarge": 2.0144,
  "g6.12xlarge": 4.6016,
  "g6.48xlarge": 13.3504,
  "p4d.24xlarge": 21.95764,
  "p4de.24xlarge": 27.44705,
  "p5.48xlarge": 55.04,
};

/** Instance hours, us-west-2, from Infracost's us-west-2 expected output (70.08 / 730). */
const US_WEST_2_HOURLY_INFRACOST: Record<string, number> = {
  "m6i.large": 0.096,
};

/** A catalog type a reference region does not sell, and why. None so far: the list is the contract. */
export interface NotOffered {
  instanceType: string;
  region: AwsReferenceRegion;
  reason: string;
}
export const AWS_NOT_OFFERED: readonly NotOffered[] = [];

/**
 * Catalog types whose price in a reference region was not read, so they have no row there and a
 * pool of them has its instance hours listed as not priced. Empty since every catalog type's us-west-2 rows were read; it is
 * derived, so a type added to the catalog and the us-east-1 table lands here until its
 * us-west-2 price is read.
 */
export const AWS_UNREAD: readonly { instanceType: string; region: AwsReferenceRegion }[] = Object.keys(US_EAST_1_HOURLY)
  .filter((t) => !(t in US_WEST_2_HOURLY) && !(t in US_WEST_2_HOURLY_INFRACOST))
  .map((instanceType) => ({ instanceType, region: "us-west-2" as const }));

const ON_DEMAND = "Linux, on-demand, shared tenancy";

function instanceRows(): PriceRow[] {
  const east = Object.entries(US_EAST_1_HOURLY).map(([t, usd]) => ({
    key: ec2Key(t),
    region: "us-east-1",
    unit: "hour",
    usd,
    source: SOURCES.karpenter,
    read: AWS_PRICES_READ,
    note: ON_DEMAND,
  }));
  const west = Object.entries(US_WEST_2_HOURLY).map(([t, usd]) => ({
    key: ec2Key(t),
    region: "us-west-2",
    unit: "hour",
    usd,
    source: SOURCES.skypilot,
    read: AWS_PRICES_READ,
    note: `${ON_DEMAND}; the same price in every us-west-2 zone listed`,
  }));
  const westInfracost = Object.entries(US_WEST_2_HOURLY_INFRACOST).map(([t, usd]) => ({
    key: ec2Key(t),
    region: "us-west-2",
    unit: "hour",
    usd,
    source: SOURCES.infracostUsWest2,
    read: AWS_PRICES_READ,
    note: ON_DEMAND,
  }));
  return [...east, ...west, ...westInfracost];
}

/** One service price: [key, unit, usd, source, note]. */
type ServicePrice = readonly [key: string, unit: string, usd: number, source: string, note?: string];

/** us-east-1 service prices, from Infracost's us-east-1 expected outputs. */
const US_EAST_1_SERVICES: readonly ServicePrice[] = [
  ["aws:vpc:nat-gateway-hour", "hour", 0.045, SOURCES.natGateway],
  ["aws:vpc:nat-gateway-gb", "GB", 0.045, SOURCES.natGateway, "data processed, either direction"],
  ["aws:vpc:interface-endpoint-az-hour", "hour", 0.01, SOURCES.vpcEndpoint, "per endpoint per zone it serves"],
  ["aws:vpc:interface-endpoint-gb", "GB", 0.01, SOURCES.vpcEndpoint, "first tier"],
  ["aws:vpc:public-ipv4-hour", "hour", 0.005, SOURCES.eip, `in use or idle; ${SOURCES.ipv4InUse}`],
  ["aws:elb:alb-hour", "hour", 0.0225, SOURCES.loadBalancer, "730 h shown as $16.42"],
  ["aws:elb:alb-lcu-hour", "LCU-hour", 0.008, SOURCES.loadBalancer],
  ["aws:kms:key-month", "month", 1, SOURCES.kms, "customer managed key; requests billed apart"],
  ["aws:cloudwatch:logs-ingest-gb", "GB", 0.5, SOURCES.logs, "standard log class; vended logs (flow logs) start at the same rate"],
  ["aws:cloudwatch:logs-storage-gb-month", "GB-month", 0.03, SOURCES.logs],
  ["aws:cloudwatch:alarm-metric-month", "month", 0.1, SOURCES.alarms, "standard resolution, per metric the alarm evaluates"],
  ["aws:cloudwatch:alarm-metric-high-res-month", "month", 0.3, SOURCES.alarms, "high resolution (period under 60 s)"],
  ["aws:cloudwatch:dashboard-month", "month", 3, SOURCES.dashboard, "before the account's 3 free dashboards"],
  ["aws:ecr:storage-gb-month", "GB-month", 0.1, SOURCES.ecr],
  ["aws:s3:standard-gb-month", "GB-month", 0.023, SOURCES.s3, "Standard class, first 50 TB"],
  ["aws:ebs:gp3-gb-month", "GB-month", 0.08, SOURCES.ebs, "baseline 3,000 IOPS and 125 MB/s included"],
  ["aws:codebuild:linux-small-minute", "minute", 0.005, SOURCES.codebuild, "BUILD_GENERAL1_SMALL"],
  ["aws:codebuild:linux-medium-minute", "minute", 0.01, SOURCES.codebuild, "BUILD_GENERAL1_MEDIUM"],
  ["aws:codebuild:linux-large-minute", "minute", 0.02, SOURCES.codebuild, "BUILD_GENERAL1_LARGE"],
  ["aws:waf:web-acl-month", "month", 5, SOURCES.waf],
  ["aws:waf:rule-month", "month", 1, SOURCES.waf, "per rule or managed rule group in the web ACL"],
  ["aws:waf:million-requests", "million requests", 0.6, SOURCES.waf],
  ["aws:scheduler:million-invocations", "million invocations", 1, SOURCES.scheduler, "past the account's 14 million free a month"],
];

/**
 * us-west-2 service prices: the few a us-west-2 source was read for. The NAT gateway's per-GB
 * charge and the load balancer's LCU-hour have no us-west-2 source yet, so NAT gateways and load
 * balancers are priced there in part: their hours are counted, those items listed as not priced.
 */
const US_WEST_2_SERVICES: readonly ServicePrice[] = [
  ["aws:vpc:nat-gateway-hour", "hour", 0.045, SOURCES.defangUsWest2, "730 h shown as $32.85"],
  ["aws:elb:alb-hour", "hour", 0.0225, SOURCES.defangUsWest2, "730 h shown as $16.43"],
  ["aws:kms:key-month", "month", 1, SOURCES.infracostUsWest2, "customer managed key; requests billed apart"],
  ["aws:cloudwatch:logs-ingest-gb", "GB", 0.5, SOURCES.infracostUsWest2, "standard log class"],
  ["aws:cloudwatch:logs-storage-gb-month", "GB-month", 0.03, SOURCES.infracostUsWest2],
];

/** Prices that do not depend on the region. */
const GLOBAL_SERVICES: readonly ServicePrice[] = [
  ["aws:eks:cluster-hour", "hour", 0.1, SOURCES.eksGlobal, `standard support; us-east-1 agrees: ${SOURCES.eks}`],
  [
    "aws:eks:cluster-extended-hour",
    "hour",
    0.6,
    SOURCES.eksGlobal,
    "a version in extended support: $0.60 per cluster per hour in total, not added to the standard $0.10",
  ],
  ["aws:vpc:public-ipv4-hour", "hour", 0.005, SOURCES.ipv4AllRegions, `in use or idle; us-east-1 agrees: ${SOURCES.eip}`],
  ["aws:route53:health-check-month", "month", 0.5, SOURCES.route53, "Route 53 is global; endpoint on AWS (a load balancer)"],
  [
    "aws:route53:health-check-feature-month",
    "month",
    1,
    SOURCES.route53,
    "per optional feature (HTTPS, latency, string match, fast interval), AWS endpoint",
  ],
  ["aws:waf:web-acl-month", "month", 5, SOURCES.wafAllRegions, `one price in every region; the number: ${SOURCES.waf}`],
  [
    "aws:waf:rule-month",
    "month",
    1,
    SOURCES.wafAllRegions,
    `per rule or managed rule group; one price in every region; the number: ${SOURCES.waf}`,
  ],
  ["aws:waf:million-requests", "million requests", 0.6, SOURCES.wafAllRegions, `one price in every region; the number: ${SOURCES.waf}`],
  [
    "aws:codepipeline:v2-action-minute",
    "minute",
    0.002,
    SOURCES.codepipeline,
    "V2 pipeline action execution minute; the page gives one price and no region; past the account's 100 free minutes a month",
  ],
];

function serviceRows(region: string, prices: readonly ServicePrice[]): PriceRow[] {
  return prices.map(([key, unit, usd, source, note]) => ({
    key,
    region,
    unit,
    usd,
    source,
    read: AWS_PRICES_READ,
    ...(note ? { note } : {}),
  }));
}

/** Every AWS price row. */
export const AWS_PRICES: readonly PriceRow[] = [
  ...instanceRows(),
  ...serviceRows("us-east-1", US_EAST_1_SERVICES),
  ...serviceRows("us-west-2", US_WEST_2_SERVICES),
  ...serviceRows("global", GLOBAL_SERVICES),
];

/**
 * The AWS table: its rows for both reference regions and `global`, and the catalog types whose
 * price in a region was not read (`AWS_UNREAD`), which a report names with that reason.
 */
export const AWS_TABLE = new PriceTable({
  cloud: "aws",
  label: "AWS",
  regions: AWS_REFERENCE_REGIONS,
  rows: AWS_PRICES,
  missing: [
    ...AWS_UNREAD.map(({ instanceType, region }) => ({
      key: ec2Key(instanceType),
      region,
      reason: `${ec2Key(instanceType)}: its ${region} price was not read (see AWS_UNREAD in pricing/aws/prices.ts)`,
    })),
    ...AWS_NOT_OFFERED.map(({ instanceType, region, reason }) => ({ key: ec2Key(instanceType), region, reason })),
  ],
});

/** The row for a key in a region, or its region-free row. */
export const findAwsPrice = (key: string, region: string): PriceRow | undefined => AWS_TABLE.find(key, region);
