import type { PriceRow } from "../../types";
import { type GcpRegion, READ_ON, SOURCES } from "./sources";

/**
 * On-demand USD per hour of every machine type in mlops-kit's GCP compute catalog, in the reference
 * regions, read from the `Price` column of the capture named in `SOURCES.vms` (the rows of the
 * region's first zone; every zone of a region carries the same price there).
 *
 * The price of a machine type is its vCPUs and memory only: GPUs are separate rows, also for A2, A3
 * and G2, whose GPUs come with the machine but are billed as the accelerator (the capture's A2 rows
 * plus its A100 rows give the catalog's A2 prices, e.g. 0.73948 + 2.93391 = 3.6734 for a2-highgpu-1g).
 */
export const MACHINE_HOURLY_USD: Readonly<Record<string, Readonly<Record<GcpRegion, number>>>> = {
  "e2-standard-2": { "us-central1": 0.06701, "europe-west4": 0.07377 },
  "e2-standard-4": { "us-central1": 0.13402, "europe-west4": 0.14754 },
  "e2-standard-8": { "us-central1": 0.26805, "europe-west4": 0.29509 },
  "e2-standard-16": { "us-central1": 0.53609, "europe-west4": 0.59018 },
  "e2-standard-32": { "us-central1": 1.07218, "europe-west4": 1.18035 },
  "e2-highmem-2": { "us-central1": 0.0904, "europe-west4": 0.09952 },
  "e2-highmem-4": { "us-central1": 0.1808, "europe-west4": 0.19903 },
  "e2-highmem-8": { "us-central1": 0.3616, "europe-west4": 0.39807 },
  "e2-highmem-16": { "us-central1": 0.7232, "europe-west4": 0.79614 },
  "e2-highcpu-4": { "us-central1": 0.09894, "europe-west4": 0.10893 },
  "e2-highcpu-8": { "us-central1": 0.19788, "europe-west4": 0.21785 },
  "n2-standard-2": { "us-central1": 0.09712, "europe-west4": 0.10692 },
  "n2-standard-4": { "us-central1": 0.19424, "europe-west4": 0.21383 },
  "n2-standard-8": { "us-central1": 0.38847, "europe-west4": 0.42766 },
  "n2-standard-16": { "us-central1": 0.77694, "europe-west4": 0.85533 },
  "n2-standard-32": { "us-central1": 1.55389, "europe-west4": 1.71066 },
  "n2-standard-64": { "us-central1": 3.10778, "europe-west4": 3.42131 },
  "n1-standard-4": { "us-central1": 0.19, "europe-west4": 0.20917 },
  "n1-standard-8": { "us-central1": 0.38, "europe-west4": 0.41834 },
  "n1-standard-16": { "us-central1": 0.76, "europe-west4": 0.83667 },
  "n1-standard-32": { "us-central1": 1.51999, "europe-west4": 1.67334 },
  "g2-standard-4": { "us-central1": 0.14679, "europe-west4": 0.15429 },
  "g2-standard-8": { "us-central1": 0.29358, "europe-west4": 0.30857 },
  "g2-standard-12": { "us-central1": 0.44038, "europe-west4": 0.46286 },
  "g2-standard-16": { "us-central1": 0.58717, "europe-west4": 0.61714 },
  "g2-standard-24": { "us-central1": 0.88075, "europe-west4": 0.92571 },
  "g2-standard-48": { "us-central1": 1.7615, "europe-west4": 1.85143 },
  "g2-standard-96": { "us-central1": 3.52301, "europe-west4": 3.70286 },
  "a2-highgpu-1g": { "us-central1": 0.73948, "europe-west4": 0.81406 },
  "a2-highgpu-2g": { "us-central1": 1.47895, "europe-west4": 1.62813 },
  "a2-highgpu-4g": { "us-central1": 2.95791, "europe-west4": 3.25626 },
  "a2-highgpu-8g": { "us-central1": 5.91582, "europe-west4": 6.51251 },
  "a2-ultragpu-1g": { "us-central1": 1.09962, "europe-west4": 1.2105 },
  "a2-ultragpu-2g": { "us-central1": 2.19924, "europe-west4": 2.42101 },
  "a2-ultragpu-4g": { "us-central1": 4.39849, "europe-west4": 4.84202 },
  "a2-ultragpu-8g": { "us-central1": 8.79698, "europe-west4": 9.68403 },
  "a3-highgpu-1g": { "us-central1": 1.18251, "europe-west4": 1.24163 },
  "a3-highgpu-8g": { "us-central1": 9.46006, "europe-west4": 9.93306 },
};

/**
 * Catalog machine types a reference region does not offer, with why: none. Every zone list in the
 * capture has both regions for every type above (A2 Ultra: europe-west4-a; A3: europe-west4-b/c).
 */
export const NOT_OFFERED: readonly { machineType: string; region: GcpRegion; reason: string }[] = [];

/** The GPUs that come with a machine type (A2, A3, G2), billed per GPU-hour as the accelerator. */
export const BUILT_IN_GPUS: Readonly<Record<string, { accelerator: string; count: number }>> = {
  "a2-highgpu-1g": { accelerator: "nvidia-tesla-a100", count: 1 },
  "a2-highgpu-2g": { accelerator: "nvidia-tesla-a100", count: 2 },
  "a2-highgpu-4g": { accelerator: "nvidia-tesla-a100", count: 4 },
  "a2-highgpu-8g": { accelerator: "nvidia-tesla-a100", count: 8 },
  "a2-ultragpu-1g": { accelerator: "nvidia-a100-80gb", count: 1 },
  "a2-ultragpu-2g": { accelerator: "nvidia-a100-80gb", count: 2 },
  "a2-ultragpu-4g": { accelerator: "nvidia-a100-80gb", count: 4 },
  "a2-ultragpu-8g": { accelerator: "nvidia-a100-80gb", count: 8 },
  "a3-highgpu-1g": { accelerator: "nvidia-h100-80gb", count: 1 },
  "a3-highgpu-8g": { accelerator: "nvidia-h100-80gb", count: 8 },
  "g2-standard-4": { accelerator: "nvidia-l4", count: 1 },
  "g2-standard-8": { accelerator: "nvidia-l4", count: 1 },
  "g2-standard-12": { accelerator: "nvidia-l4", count: 1 },
  "g2-standard-16": { accelerator: "nvidia-l4", count: 1 },
  "g2-standard-24": { accelerator: "nvidia-l4", count: 2 },
  "g2-standard-48": { accelerator: "nvidia-l4", count: 4 },
  "g2-standard-96": { accelerator: "nvidia-l4", count: 8 },
};

/**
 * USD per GPU-hour, from the capture's one-GPU accelerator rows (`T4`, `L4`, `A100`). A region
 * missing here leaves the GPU hours not priced, with the reason in `GPU_UNPRICED`.
 */
export const GPU_HOURLY_USD: Readonly<Record<string, Readonly<Partial<Record<GcpRegion, number>>>>> = {
  "nvidia-tesla-t4": { "us-central1": 0.35, "europe-west4": 0.3675 },
  "nvidia-l4": { "us-central1": 0.56004, "europe-west4": 0.58804 },
  "nvidia-tesla-a100": { "us-central1": 2.93391, "europe-west4": 2.93391 },
  "nvidia-a100-80gb": { "us-central1": 3.96918, "europe-west4": 4.37042 },
  "nvidia-h100-80gb": { "us-central1": 9.87874, "europe-west4": 12.82593 },
};

/**
 * GPU rates the capture got wrong, taken instead from the Billing Catalog's machine totals
 * (`SOURCES.catalog`) less the machine rows above: one GPU-hour is (total - machine) / GPUs. The
 * 1-GPU and 8-GPU machines give the same rate to 1e-5, which is what makes them trustworthy:
 * a2-highgpu-1g/8g in europe-west4 ($3.747972, $29.983776), a2-ultragpu-1g/8g in us-central1
 * ($5.068798, $40.550383) and europe-west4 ($5.580918, $44.647348). The H100 rates come the same
 * way from the A3 totals (a3-highgpu-8g: $88.49 an hour in us-central1).
 */
const GPU_FROM_CATALOG_TOTALS: readonly string[] = [
  "nvidia-tesla-a100@europe-west4",
  "nvidia-a100-80gb@us-central1",
  "nvidia-a100-80gb@europe-west4",
  "nvidia-h100-80gb@us-central1",
  "nvidia-h100-80gb@europe-west4",
];

/**
 * GPUs no consistent source prices, per region, with why: left unpriced rather than guessed. Every
 * catalog GPU has a rate in both reference regions now, so the list is empty until one is added
 * that a source does not price.
 */
export const GPU_UNPRICED: readonly { accelerator: string; region: GcpRegion; reason: string }[] = [];

export const machineKey = (machineType: string) => `gcp:compute:${machineType}`;
export const gpuKey = (accelerator: string) => `gcp:compute:gpu:${accelerator}`;

/** The machine and GPU rows, one per type and reference region. */
export function computeRows(): PriceRow[] {
  const machines = Object.entries(MACHINE_HOURLY_USD).flatMap(([type, byRegion]) =>
    Object.entries(byRegion).map(([region, usd]) => ({
      key: machineKey(type),
      region,
      unit: "hour",
      usd,
      source: SOURCES.vms,
      read: READ_ON,
      note: BUILT_IN_GPUS[type] ? "vCPUs and memory only; the built-in GPUs are billed as accelerator rows" : "Linux, on demand",
    })),
  );
  const gpus = Object.entries(GPU_HOURLY_USD).flatMap(([accelerator, byRegion]) =>
    Object.entries(byRegion).map(([region, usd]) => {
      const fromTotals = GPU_FROM_CATALOG_TOTALS.includes(`${accelerator}@${region}`);
      return {
        key: gpuKey(accelerator),
        region,
        unit: "GPU-hour",
        usd,
        source: fromTotals ? SOURCES.catalog : SOURCES.vms,
        read: READ_ON,
        note: fromTotals ? "one GPU, on demand: the A2 machine total less its vCPUs and memory, per GPU" : "one GPU, on demand",
      };
    }),
  );
  return [...machines, ...gpus];
}
