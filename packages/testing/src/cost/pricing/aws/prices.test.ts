import { describe, expect, it } from "vitest";
import { AWS_INSTANCE_TYPES } from "../../../../../mlops-kit/src/core/catalog/aws-instances";
import { AWS_NOT_OFFERED, AWS_PRICES, AWS_REFERENCE_REGIONS, AWS_TABLE, AWS_UNREAD, ec2Key, findAwsPrice } from "./prices";

const catalog = AWS_INSTANCE_TYPES.map((t) => t.id);

describe("the AWS price table", () => {
  it("GIVEN the AWS compute catalog THEN it is not empty (so the checks below check something)", () => {
    expect(catalog.length).toBeGreaterThan(30);
  });

  it.each(AWS_REFERENCE_REGIONS)(
    "GIVEN reference region %s THEN every catalog type has a row there, or is listed as not offered or not read — never two of these",
    (region) => {
      for (const t of catalog) {
        const row = AWS_PRICES.some((p) => p.key === ec2Key(t) && p.region === region);
        const notOffered = AWS_NOT_OFFERED.some((n) => n.instanceType === t && n.region === region);
        const unread = AWS_UNREAD.some((u) => u.instanceType === t && u.region === region);
        expect([row, notOffered, unread].filter(Boolean), `${t} in ${region}`).toHaveLength(1);
      }
    },
  );

  it.each(AWS_REFERENCE_REGIONS)("GIVEN reference region %s THEN every catalog type has a price row", (region) => {
    expect(catalog.filter((t) => !findAwsPrice(ec2Key(t), region))).toEqual([]);
  });

  it("GIVEN the us-west-2 GPU rows read from the per-zone list THEN they carry that list's prices", () => {
    expect(findAwsPrice(ec2Key("g6.xlarge"), "us-west-2")?.usd).toBe(0.8048);
    expect(findAwsPrice(ec2Key("p5.48xlarge"), "us-west-2")?.usd).toBe(55.04);
    expect(findAwsPrice(ec2Key("p4d.24xlarge"), "us-west-2")?.usd).toBe(21.95764);
  });

  it("GIVEN the types the reference stacks run (t3.large, g4dn.xlarge) THEN both regions price them", () => {
    for (const region of AWS_REFERENCE_REGIONS) {
      expect(findAwsPrice(ec2Key("t3.large"), region)?.usd).toBe(0.0832);
      expect(findAwsPrice(ec2Key("g4dn.xlarge"), region)?.usd).toBe(0.526);
    }
  });

  it("GIVEN every row THEN each has an address it was read from, the day, a positive price and a reference region, once", () => {
    expect(AWS_PRICES.length).toBeGreaterThan(50);
    expect(AWS_TABLE.problems()).toEqual([]);
  });

  it("GIVEN a key priced in one region only, or globally THEN the lookup takes the region's row, else the global one, else none", () => {
    expect(findAwsPrice("aws:vpc:nat-gateway-hour", "us-east-1")?.usd).toBe(0.045);
    expect(findAwsPrice("aws:vpc:nat-gateway-gb", "us-west-2")).toBeUndefined();
    expect(findAwsPrice("aws:vpc:public-ipv4-hour", "us-west-2")).toMatchObject({ region: "global", usd: 0.005 });
    expect(findAwsPrice("aws:vpc:public-ipv4-hour", "us-east-1")).toMatchObject({ region: "us-east-1", usd: 0.005 });
    expect(findAwsPrice("aws:eks:cluster-hour", "us-west-2")).toMatchObject({ region: "global", usd: 0.1 });
    expect(findAwsPrice("aws:waf:web-acl-month", "us-west-2")).toMatchObject({ region: "global", usd: 5 });
    expect(findAwsPrice("aws:scheduler:million-invocations", "us-west-2")).toBeUndefined();
  });
});
