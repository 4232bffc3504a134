import { CATALOGS, type CatalogEntry } from "mlops-kit";
import { describe, expect, it } from "vitest";
import { GCP_ACCELERATOR } from "../../../../../mlops-kit/src/core/catalog/gcp-gpu-zones";
import {
  BUILT_IN_GPUS,
  findPrice,
  GCP_PRICES,
  GCP_REGIONS,
  GCP_TABLE,
  GCP_UNPRICED,
  gpuKey,
  KEYS,
  MACHINE_HOURLY_USD,
  machineKey,
  NOT_OFFERED,
} from "./prices";

const catalog: readonly CatalogEntry[] = CATALOGS.gcp;

/** The accelerator each catalog GPU entry is billed as: attached (N1) or built in (A2, A3, G2). */
const acceleratorOf = (e: CatalogEntry) => e.accelerator ?? BUILT_IN_GPUS[e.id]?.accelerator;

const isUnpriced = (key: string, region: string) =>
  GCP_UNPRICED.some((u) => u.key === key && (u.region === region || u.region === "global"));

describe("GCP price rows", () => {
  it("GIVEN the GCP compute catalog WHEN each machine type is looked up in each reference region THEN it has a row or is listed as not offered", () => {
    expect(catalog.length).toBeGreaterThan(30);
    for (const entry of catalog) {
      for (const region of GCP_REGIONS) {
        const offered = !NOT_OFFERED.some((n) => n.machineType === entry.id && n.region === region);
        expect(findPrice(machineKey(entry.id), region) !== undefined, `${entry.id} in ${region}`).toBe(offered);
      }
    }
  });

  it("GIVEN a catalog GPU entry WHEN its accelerator is looked up THEN each region has a row or a stated reason it is unpriced", () => {
    const gpuEntries = catalog.filter((e) => e.gpu !== undefined);
    expect(gpuEntries.length).toBeGreaterThan(10);
    for (const entry of gpuEntries) {
      const accelerator = acceleratorOf(entry);
      expect(accelerator, entry.id).toBeDefined();
      for (const region of GCP_REGIONS) {
        const key = gpuKey(accelerator ?? "");
        expect(findPrice(key, region) !== undefined || isUnpriced(key, region), `${key} in ${region}`).toBe(true);
      }
    }
  });

  it("GIVEN a machine type with built-in GPUs WHEN compared with the catalog THEN the accelerator and count match", () => {
    const builtIn = catalog.filter((e) => e.gpu && !e.accelerator);
    expect(builtIn.length).toBeGreaterThan(10);
    for (const entry of builtIn) {
      expect(BUILT_IN_GPUS[entry.id], entry.id).toEqual({
        accelerator: GCP_ACCELERATOR[entry.gpu?.type ?? "t4"],
        count: entry.gpu?.count,
      });
    }
    expect(Object.keys(BUILT_IN_GPUS).sort()).toEqual(builtIn.map((e) => e.id).sort());
  });

  it("GIVEN a catalog entry whose GPU is priced WHEN its us-central1 rows are added THEN they agree with the catalog's ordering price to half a cent", () => {
    const priced = catalog.filter((e) => {
      const a = acceleratorOf(e);
      return !a || findPrice(gpuKey(a), "us-central1");
    });
    expect(priced.length).toBeGreaterThan(25);
    for (const entry of priced) {
      const machine = findPrice(machineKey(entry.id), "us-central1")?.usd ?? Number.NaN;
      const a = acceleratorOf(entry);
      const gpu = a ? (findPrice(gpuKey(a), "us-central1")?.usd ?? Number.NaN) * (entry.gpu?.count ?? 0) : 0;
      expect(Math.abs(machine + gpu - entry.hourlyUsd), `${entry.id} x${entry.gpu?.count ?? 0}`).toBeLessThan(0.005);
    }
  });

  it("GIVEN every item key the pricers use WHEN looked up in each reference region THEN it has a row or a stated reason, never both", () => {
    const keys = [...Object.values(KEYS), ...Object.keys(MACHINE_HOURLY_USD).map(machineKey)];
    for (const key of keys) {
      for (const region of GCP_REGIONS) {
        const row = findPrice(key, region) !== undefined;
        expect(row !== isUnpriced(key, region), `${key} in ${region}: row=${row}`).toBe(true);
      }
    }
  });

  it("GIVEN the unpriced list WHEN read THEN every entry gives a reason", () => {
    expect(GCP_UNPRICED.length).toBeGreaterThan(0);
    for (const u of GCP_UNPRICED) expect(u.reason.length, u.key).toBeGreaterThan(20);
  });

  it("GIVEN every GCP row WHEN checked THEN each has a source, a read date, a unit and a positive price", () => {
    expect(GCP_PRICES.length).toBeGreaterThan(90);
    expect(GCP_TABLE.problems()).toEqual([]);
  });
});
