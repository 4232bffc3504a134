import type { GpuType } from "./gpu";

/**
 * Where Compute Engine offers each GPU of the catalog, zone by zone.
 *
 * Source: the Compute Engine API's per-zone listing of accelerator and machine types, as captured
 * in skypilot-org/skypilot-catalog `catalogs/v8/gcp/vms.csv` (commit 006059e0f18a, read
 * 2026-11-30): the `T4` accelerator rows for nvidia-tesla-t4 (attached to N1), and the machine
 * types with built-in GPUs for the others (g2-standard-* for nvidia-l4, a2-highgpu-* for
 * nvidia-tesla-a100, a2-ultragpu-* for nvidia-a100-80gb, a3-highgpu-* for nvidia-h100-80gb).
 * Google publishes the same facts as "GPU regions and zones availability"
 * (https://cloud.google.com/compute/docs/gpus/gpu-regions-zones); that page was not available when
 * this table was built, so every row is the API capture's, none inferred. Compare them when the
 * table is refreshed. Zones that are not listed do not offer the GPU.
 *
 * A region is listed only when every accelerator below is known for it (absent: not offered in any
 * of its zones). A region missing from the table is unknown, not refused: check it with
 * `gcloud compute accelerator-types list --filter="zone:<region>"`.
 */

/** The Compute Engine accelerator type of each catalog GPU (GCP offers no A10G). */
export const GCP_ACCELERATOR: Readonly<Partial<Record<GpuType, GcpAccelerator>>> = {
  t4: "nvidia-tesla-t4",
  l4: "nvidia-l4",
  "a100-40gb": "nvidia-tesla-a100",
  "a100-80gb": "nvidia-a100-80gb",
  h100: "nvidia-h100-80gb",
};

export type GcpAccelerator = "nvidia-tesla-t4" | "nvidia-l4" | "nvidia-tesla-a100" | "nvidia-a100-80gb" | "nvidia-h100-80gb";

/** Zone letters (after `<region>-`) offering each accelerator, by region. */
export const GCP_GPU_ZONES: Readonly<Record<string, Readonly<Partial<Record<GcpAccelerator, readonly string[]>>>>> = {
  "asia-east1": { "nvidia-tesla-t4": ["a", "c"], "nvidia-l4": ["a", "b", "c"], "nvidia-h100-80gb": ["c"] },
  "asia-east2": { "nvidia-tesla-t4": ["a", "c"] },
  "asia-northeast1": {
    "nvidia-tesla-t4": ["a", "c"],
    "nvidia-l4": ["a", "b", "c"],
    "nvidia-tesla-a100": ["a", "c"],
    "nvidia-h100-80gb": ["b"],
  },
  "asia-northeast3": { "nvidia-tesla-t4": ["b", "c"], "nvidia-l4": ["a", "b"], "nvidia-tesla-a100": ["a", "b"] },
  "asia-south1": { "nvidia-tesla-t4": ["a", "b"], "nvidia-l4": ["a", "b", "c"], "nvidia-h100-80gb": ["c"] },
  "asia-south2": { "nvidia-h100-80gb": ["b"] },
  "asia-southeast1": {
    "nvidia-tesla-t4": ["a", "b", "c"],
    "nvidia-l4": ["a", "b", "c"],
    "nvidia-tesla-a100": ["a", "b", "c"],
    "nvidia-a100-80gb": ["c"],
    "nvidia-h100-80gb": ["b", "c"],
  },
  "asia-southeast2": { "nvidia-tesla-t4": ["a", "b"] },
  "australia-southeast1": { "nvidia-tesla-t4": ["a", "c"], "nvidia-h100-80gb": ["c"] },
  "europe-central2": { "nvidia-tesla-t4": ["b", "c"] },
  "europe-north1": { "nvidia-h100-80gb": ["c"] },
  "europe-west1": { "nvidia-tesla-t4": ["b", "c", "d"], "nvidia-l4": ["b", "c"], "nvidia-h100-80gb": ["b", "c"] },
  "europe-west2": { "nvidia-tesla-t4": ["a", "b"], "nvidia-l4": ["a", "b"] },
  "europe-west3": { "nvidia-tesla-t4": ["b"], "nvidia-l4": ["a", "b"], "nvidia-h100-80gb": ["c"] },
  "europe-west4": {
    "nvidia-tesla-t4": ["a", "b", "c"],
    "nvidia-l4": ["a", "b", "c"],
    "nvidia-tesla-a100": ["a", "b"],
    "nvidia-a100-80gb": ["a"],
    "nvidia-h100-80gb": ["b", "c"],
  },
  "europe-west6": { "nvidia-l4": ["b", "c"] },
  "europe-west8": { "nvidia-h100-80gb": ["c"] },
  "europe-west9": { "nvidia-h100-80gb": ["c"] },
  "me-central2": { "nvidia-l4": ["a", "c"] },
  "me-west1": { "nvidia-tesla-t4": ["b", "c"], "nvidia-tesla-a100": ["a", "c"] },
  "northamerica-northeast1": { "nvidia-tesla-t4": ["c"], "nvidia-l4": ["b", "c"] },
  "northamerica-northeast2": { "nvidia-l4": ["a", "b"] },
  "southamerica-east1": { "nvidia-tesla-t4": ["a", "b", "c"] },
  "us-central1": {
    "nvidia-tesla-t4": ["a", "b", "c", "f"],
    "nvidia-l4": ["a", "b", "c"],
    "nvidia-tesla-a100": ["a", "b", "c", "f"],
    "nvidia-a100-80gb": ["a", "c"],
    "nvidia-h100-80gb": ["a", "b", "c"],
  },
  "us-east1": { "nvidia-tesla-t4": ["b", "c", "d"], "nvidia-l4": ["b", "c", "d"], "nvidia-tesla-a100": ["b"] },
  "us-east4": {
    "nvidia-tesla-t4": ["a", "b", "c"],
    "nvidia-l4": ["a", "c"],
    "nvidia-a100-80gb": ["c"],
    "nvidia-h100-80gb": ["a", "b", "c"],
  },
  "us-east5": { "nvidia-a100-80gb": ["a", "b"], "nvidia-h100-80gb": ["a"] },
  "us-west1": {
    "nvidia-tesla-t4": ["a", "b"],
    "nvidia-l4": ["a", "b", "c"],
    "nvidia-tesla-a100": ["b"],
    "nvidia-h100-80gb": ["a", "b"],
  },
  "us-west2": { "nvidia-tesla-t4": ["b", "c"] },
  "us-west3": { "nvidia-tesla-t4": ["b"], "nvidia-tesla-a100": ["b"] },
  "us-west4": { "nvidia-tesla-t4": ["a", "b"], "nvidia-l4": ["a", "c"], "nvidia-tesla-a100": ["b"], "nvidia-h100-80gb": ["a"] },
};

/**
 * The zones of `region` that offer `accelerator` (a Compute Engine accelerator type), in zone
 * order: empty when the region offers it nowhere, undefined when the table does not know the
 * region (or the accelerator), so the caller cannot tell and must not refuse.
 */
export function gcpGpuZones(region: string, accelerator: string): string[] | undefined {
  const row = Object.hasOwn(GCP_GPU_ZONES, region) ? GCP_GPU_ZONES[region] : undefined;
  if (row === undefined || !isKnownAccelerator(accelerator)) return undefined;
  return (row[accelerator] ?? []).map((letter) => `${region}-${letter}`);
}

/** Regions offering `accelerator` in at least `zones` zones, for messages that say where to go. */
export function gcpGpuRegions(accelerator: string, zones = 1): string[] {
  if (!isKnownAccelerator(accelerator)) return [];
  return Object.entries(GCP_GPU_ZONES)
    .filter(([, row]) => (row[accelerator]?.length ?? 0) >= zones)
    .map(([region]) => region);
}

function isKnownAccelerator(a: string): a is GcpAccelerator {
  return Object.values(GCP_ACCELERATOR).includes(a as GcpAccelerator);
}
