import { describe, expect, it } from "vitest";
import { AZURE_VM_SIZES } from "../../../../../mlops-kit/src/core/catalog/azure-vm-sizes";
import { AZURE_PRICES, AZURE_TABLE, KEYS, NOT_OFFERED, UNSOURCED_PRICES, VM_PRICE_COPIES, vmKey } from "./prices";
import { AZURE_REGIONS } from "./sources";

const has = (key: string, region: string) => AZURE_PRICES.some((r) => r.key === key && r.region === region);
const unsourced = (key: string, region: string) => UNSOURCED_PRICES.some((u) => u.key === key && u.region === region);

describe("GIVEN the Azure compute catalog", () => {
  it("WHEN each size is looked up per reference region THEN it has a row, or is listed not offered or unsourced with a reason", () => {
    expect(AZURE_VM_SIZES.length).toBeGreaterThan(15);
    const gaps: string[] = [];
    for (const { id } of AZURE_VM_SIZES) {
      for (const region of AZURE_REGIONS) {
        const notOffered = NOT_OFFERED.some((n) => n.size === id && n.region === region && n.reason.length > 20);
        const listed = UNSOURCED_PRICES.some((u) => u.key === vmKey(id) && u.region === region && u.reason.includes(id));
        if (!has(vmKey(id), region) && !notOffered && !listed) gaps.push(`${id} ${region}`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it("WHEN a size has a row in a region THEN it is not also listed as unsourced or not offered there", () => {
    const both = [...UNSOURCED_PRICES.map((u) => [u.key, u.region]), ...NOT_OFFERED.map((n) => [vmKey(n.size), n.region])].filter(
      ([k, r]) => has(k as string, r as string),
    );
    expect(both).toEqual([]);
  });

  it("WHEN priced in East US 2 THEN every size has a row (the region the dev stack runs in)", () => {
    expect(AZURE_VM_SIZES.filter(({ id }) => !has(vmKey(id), "eastus2")).map((s) => s.id)).toEqual([]);
  });

  it("WHEN priced in West Europe THEN every size has a row (the region the prod stack runs in)", () => {
    expect(AZURE_VM_SIZES.filter(({ id }) => !has(vmKey(id), "westeurope")).map((s) => s.id)).toEqual([]);
    expect(UNSOURCED_PRICES).toEqual([]);
  });

  it("WHEN the copies of the VM price list are held against each other THEN they agree wherever two hold a size", () => {
    const { skypilotEastus2, karpenter, retailWesteurope } = VM_PRICE_COPIES;
    const karpenterAt = (size: string, column: 1 | 2) => karpenter.find(([s]) => s === size)?.[column];
    expect(skypilotEastus2.length).toBe(AZURE_VM_SIZES.length);
    expect(skypilotEastus2.filter(([size, usd]) => karpenterAt(size, 1) !== usd).map(([size]) => size)).toEqual([]);
    expect(retailWesteurope.length).toBeGreaterThan(0);
    expect(retailWesteurope.filter(([size, usd]) => karpenterAt(size, 2) !== usd).map(([size]) => size)).toEqual([]);
  });

  it("WHEN a West Europe VM row is read THEN it cites Karpenter's generated table, and the Retail Prices dump where that holds the size", () => {
    const rows = AZURE_PRICES.filter((r) => r.region === "westeurope" && r.key.startsWith("azure:vm:"));
    expect(rows.length).toBe(AZURE_VM_SIZES.length);
    expect(rows.filter((r) => !r.source.includes("karpenter-provider-azure")).map((r) => r.key)).toEqual([]);
    expect(rows.filter((r) => r.source.includes("virtual_machines.json")).map((r) => r.key)).toEqual(
      VM_PRICE_COPIES.retailWesteurope.map(([size]) => vmKey(size)),
    );
  });
});

describe("GIVEN the Azure price rows", () => {
  it("WHEN checked THEN each cites a source, the day it was read, a unit and a price, for a reference region", () => {
    expect(AZURE_PRICES.length).toBeGreaterThan(60);
    expect(AZURE_TABLE.problems()).toEqual([]);
  });

  it("WHEN keyed THEN no key appears twice for a region", () => {
    const seen = AZURE_PRICES.map((r) => `${r.key} ${r.region}`);
    expect(seen.length).toBe(new Set(seen).size);
  });

  it("WHEN a key has a row in one region THEN it has one in the other, or is listed unsourced there", () => {
    const keys = [...new Set(AZURE_PRICES.map((r) => r.key))];
    const lopsided = keys.flatMap((k) =>
      AZURE_REGIONS.filter((region) => !has(k, region) && !unsourced(k, region)).map((region) => `${k} ${region}`),
    );
    expect(lopsided).toEqual([]);
  });

  it("WHEN the fixed items the components create are looked up THEN each has a row in both regions", () => {
    const fixed = [
      KEYS.natHour,
      KEYS.publicIpHour,
      KEYS.endpointHour,
      KEYS.privateZone,
      KEYS.gatewayHour("waf-v2"),
      KEYS.gatewayCapacityUnit("waf-v2"),
      KEYS.aksStandardTier,
      KEYS.registryDay("Premium"),
      KEYS.redisHour("Standard", "C", 1),
      KEYS.redisHour("Premium", "P", 1),
      KEYS.logAlert(5),
      KEYS.metricAlertSeries,
      KEYS.webTestRun,
    ];
    expect(fixed.flatMap((k) => AZURE_REGIONS.filter((r) => !has(k, r)).map((r) => `${k} ${r}`))).toEqual([]);
  });
});
