import { describe, expect, it } from "vitest";
import { GCP_ACCELERATOR, gcpGpuRegions, gcpGpuZones, gpusOffered } from "./compute";
import { GCP_GPU_ZONES } from "./gcp-gpu-zones";
import { GCP_MACHINE_TYPES } from "./gcp-machines";

describe("gcpGpuZones", () => {
  it.each([
    // The regions the stacks and tests use.
    ["us-central1", "nvidia-tesla-t4", ["us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"]],
    ["us-central1", "nvidia-l4", ["us-central1-a", "us-central1-b", "us-central1-c"]],
    ["us-central1", "nvidia-tesla-a100", ["us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"]],
    ["us-central1", "nvidia-a100-80gb", ["us-central1-a", "us-central1-c"]],
    ["us-central1", "nvidia-h100-80gb", ["us-central1-a", "us-central1-b", "us-central1-c"]],
    ["europe-west4", "nvidia-tesla-t4", ["europe-west4-a", "europe-west4-b", "europe-west4-c"]],
    ["europe-west4", "nvidia-l4", ["europe-west4-a", "europe-west4-b", "europe-west4-c"]],
    ["europe-west4", "nvidia-tesla-a100", ["europe-west4-a", "europe-west4-b"]],
    ["europe-west4", "nvidia-a100-80gb", ["europe-west4-a"]],
    ["europe-west4", "nvidia-h100-80gb", ["europe-west4-b", "europe-west4-c"]],
    // Europe-west1 has no zone a; us-east1 none of the A100 80GB or H100.
    ["europe-west1", "nvidia-tesla-t4", ["europe-west1-b", "europe-west1-c", "europe-west1-d"]],
    ["us-east1", "nvidia-l4", ["us-east1-b", "us-east1-c", "us-east1-d"]],
    ["us-east1", "nvidia-a100-80gb", []],
    ["us-east1", "nvidia-h100-80gb", []],
    ["us-east4", "nvidia-l4", ["us-east4-a", "us-east4-c"]],
    ["us-west1", "nvidia-tesla-t4", ["us-west1-a", "us-west1-b"]],
    ["us-west4", "nvidia-l4", ["us-west4-a", "us-west4-c"]],
    ["asia-east1", "nvidia-h100-80gb", ["asia-east1-c"]],
    ["asia-southeast1", "nvidia-a100-80gb", ["asia-southeast1-c"]],
  ] as const)("GIVEN %s and %s THEN the zones are exactly %j", (region, accelerator, zones) => {
    expect(gcpGpuZones(region, accelerator)).toEqual(zones);
  });

  it("GIVEN a region the table lacks, or an accelerator outside the catalog THEN unknown (undefined), not refused", () => {
    expect(gcpGpuZones("africa-south1", "nvidia-l4")).toBeUndefined();
    expect(gcpGpuZones("us-central1", "nvidia-tesla-v100")).toBeUndefined();
    expect(gcpGpuZones("constructor", "nvidia-l4")).toBeUndefined();
  });

  it("GIVEN an accelerator and a zone count THEN the regions that offer it in that many zones, in table order", () => {
    expect(gcpGpuRegions("nvidia-a100-80gb", 2)).toEqual(["us-central1", "us-east5"]);
    expect(gcpGpuRegions("nvidia-h100-80gb", 3)).toEqual(["us-central1", "us-east4"]);
    expect(gcpGpuRegions("nvidia-tesla-v100")).toEqual([]);
  });

  it("GIVEN every GPU the GCP catalog offers THEN it has an accelerator type, and N1's attached one is the same", () => {
    const offered = gpusOffered("gcp");
    expect(offered.length).toBeGreaterThan(0);
    for (const gpu of offered) expect(GCP_ACCELERATOR[gpu], gpu).toBeDefined();
    const attached = GCP_MACHINE_TYPES.filter((e) => e.accelerator !== undefined);
    expect(attached.length).toBeGreaterThan(0);
    for (const e of attached) expect(e.accelerator, e.id).toBe(e.gpu && GCP_ACCELERATOR[e.gpu.type]);
  });

  it("GIVEN the table THEN every row names catalog accelerators and zone letters in order, with no region left empty", () => {
    const known = new Set<string>(Object.values(GCP_ACCELERATOR));
    const rows = Object.entries(GCP_GPU_ZONES);
    expect(rows.length).toBeGreaterThan(0);
    for (const [region, row] of rows) {
      expect(region).toMatch(/^[a-z]+-[a-z]+\d+$/);
      expect(Object.keys(row).length, region).toBeGreaterThan(0);
      for (const [accelerator, letters] of Object.entries(row)) {
        expect(known.has(accelerator), `${region} ${accelerator}`).toBe(true);
        expect(letters.length, `${region} ${accelerator}`).toBeGreaterThan(0);
        expect([...letters].sort(), `${region} ${accelerator}`).toEqual(letters);
        for (const l of letters) expect(l).toMatch(/^[a-f]$/);
      }
    }
  });
});
