/**
 * A small made-up price table for the estimator's own tests: invented keys and a made-up region, so
 * no test rests on the shipped tables (which change when a price is read again).
 */
import { type CloudPricing, type CostLine, HOURS_PER_MONTH, type PriceRow, UnpricedError } from "./types";

/** @internal */
export const FIXTURE_REGION = "us-test-1";

const row = (key: string, region: string, unit: string, usd: number): PriceRow => ({
  key,
  region,
  unit,
  usd,
  source: "https://example.com/prices",
  read: "2026-01-15",
});

const hours = (item: string, priceKey: string, min = 1, max = min): CostLine => ({
  item,
  kind: "fixed",
  priceKey,
  quantity: { min: min * HOURS_PER_MONTH, max: max * HOURS_PER_MONTH },
});

/** @internal */
export const FIXTURE_PRICING: CloudPricing = {
  cloud: "aws",
  prices: [
    row("fx:nat:hour", FIXTURE_REGION, "hour", 0.05),
    row("fx:nat:hour", "eu-test-1", "hour", 0.06),
    row("fx:nat:gb", FIXTURE_REGION, "GB", 0.045),
    row("fx:vm:small", FIXTURE_REGION, "hour", 0.02),
    row("fx:logs:gb", "global", "GB", 0.5),
    row("fx:lb:hour", "eu-test-1", "hour", 0.0225),
  ],
  pricers: {
    "aws:ec2/natGateway:NatGateway": (_r, ctx) => [
      hours("NAT gateway hours", "fx:nat:hour"),
      {
        item: "NAT data processed",
        kind: "usage",
        priceKey: "fx:nat:gb",
        quantity: { min: ctx.usage.natGb, max: ctx.usage.natGb },
        assumption: `${ctx.usage.natGb} GB through each NAT gateway`,
      },
    ],
    "aws:autoscaling/group:Group": (r) => [
      hours("small instance hours", "fx:vm:small", Number(r.inputs.minSize), Number(r.inputs.maxSize)),
    ],
    "aws:ec2/instance:Instance": (r) => {
      if (r.inputs.instanceType !== "t3.small")
        throw new UnpricedError(`instance type ${String(r.inputs.instanceType)} is not in the table`);
      return [hours("small instance hours", "fx:vm:small")];
    },
    "aws:cloudwatch/logGroup:LogGroup": (_r, ctx) => [
      {
        item: "Log ingestion",
        kind: "usage",
        priceKey: "fx:logs:gb",
        quantity: { min: ctx.usage.logGb, max: ctx.usage.logGb },
        assumption: `${ctx.usage.logGb} GB of logs`,
      },
    ],
    "aws:lb/loadBalancer:LoadBalancer": () => [hours("Load balancer hours", "fx:lb:hour")],
    "aws:s3/bucketPolicy:BucketPolicy": () => [],
    // Listed to show the shared free list wins over a cloud's pricer.
    "kubernetes:core/v1:Service": () => {
      throw new Error("a Kubernetes object must never reach a pricer");
    },
  },
  free: { "aws:iam/role:Role": "IAM roles are not billed" },
};
