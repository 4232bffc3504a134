import type { CatalogEntry } from "./types";

/**
 * Compute Engine machine types for model serving. Shapes from "Machine families resource and
 * comparison guide" and "GPU machine types" (cloud.google.com/compute/docs); prices are on-demand
 * in us-central1 from "VM instance pricing" and "GPU pricing" (an N1 entry's price includes its
 * attached T4s). Prices only order the candidates.
 *
 * GPUs: N1 takes attached T4s (`accelerator`); G2 (L4), A2 (A100) and A3 (H100) have their GPUs
 * built in. GCP offers no A10G.
 */
export const GCP_MACHINE_TYPES: readonly CatalogEntry[] = [
  { id: "e2-standard-2", cpu: 2, memoryGiB: 8, hourlyUsd: 0.067 },
  { id: "e2-highmem-2", cpu: 2, memoryGiB: 16, hourlyUsd: 0.0904 },
  { id: "e2-highcpu-4", cpu: 4, memoryGiB: 4, hourlyUsd: 0.0989 },
  { id: "n2-standard-2", cpu: 2, memoryGiB: 8, hourlyUsd: 0.0971 },
  { id: "e2-standard-4", cpu: 4, memoryGiB: 16, hourlyUsd: 0.134 },
  { id: "e2-highmem-4", cpu: 4, memoryGiB: 32, hourlyUsd: 0.1807 },
  { id: "n2-standard-4", cpu: 4, memoryGiB: 16, hourlyUsd: 0.1942 },
  { id: "e2-highcpu-8", cpu: 8, memoryGiB: 8, hourlyUsd: 0.1979 },
  { id: "e2-standard-8", cpu: 8, memoryGiB: 32, hourlyUsd: 0.268 },
  { id: "e2-highmem-8", cpu: 8, memoryGiB: 64, hourlyUsd: 0.3614 },
  { id: "n2-standard-8", cpu: 8, memoryGiB: 32, hourlyUsd: 0.3885 },
  { id: "e2-standard-16", cpu: 16, memoryGiB: 64, hourlyUsd: 0.536 },
  { id: "e2-highmem-16", cpu: 16, memoryGiB: 128, hourlyUsd: 0.7228 },
  { id: "n2-standard-16", cpu: 16, memoryGiB: 64, hourlyUsd: 0.7769 },
  { id: "e2-standard-32", cpu: 32, memoryGiB: 128, hourlyUsd: 1.0721 },
  { id: "n2-standard-32", cpu: 32, memoryGiB: 128, hourlyUsd: 1.5539 },
  { id: "n2-standard-64", cpu: 64, memoryGiB: 256, hourlyUsd: 3.1078 },
  { id: "n1-standard-4", cpu: 4, memoryGiB: 15, gpu: { type: "t4", count: 1 }, accelerator: "nvidia-tesla-t4", hourlyUsd: 0.54 },
  { id: "n1-standard-8", cpu: 8, memoryGiB: 30, gpu: { type: "t4", count: 1 }, accelerator: "nvidia-tesla-t4", hourlyUsd: 0.73 },
  { id: "n1-standard-16", cpu: 16, memoryGiB: 60, gpu: { type: "t4", count: 1 }, accelerator: "nvidia-tesla-t4", hourlyUsd: 1.11 },
  { id: "n1-standard-16", cpu: 16, memoryGiB: 60, gpu: { type: "t4", count: 2 }, accelerator: "nvidia-tesla-t4", hourlyUsd: 1.46 },
  { id: "n1-standard-32", cpu: 32, memoryGiB: 120, gpu: { type: "t4", count: 4 }, accelerator: "nvidia-tesla-t4", hourlyUsd: 2.92 },
  { id: "g2-standard-4", cpu: 4, memoryGiB: 16, gpu: { type: "l4", count: 1 }, hourlyUsd: 0.7068 },
  { id: "g2-standard-8", cpu: 8, memoryGiB: 32, gpu: { type: "l4", count: 1 }, hourlyUsd: 0.8536 },
  { id: "g2-standard-12", cpu: 12, memoryGiB: 48, gpu: { type: "l4", count: 1 }, hourlyUsd: 1.0004 },
  { id: "g2-standard-16", cpu: 16, memoryGiB: 64, gpu: { type: "l4", count: 1 }, hourlyUsd: 1.1472 },
  { id: "g2-standard-24", cpu: 24, memoryGiB: 96, gpu: { type: "l4", count: 2 }, hourlyUsd: 2.0008 },
  { id: "g2-standard-48", cpu: 48, memoryGiB: 192, gpu: { type: "l4", count: 4 }, hourlyUsd: 4.0016 },
  { id: "g2-standard-96", cpu: 96, memoryGiB: 384, gpu: { type: "l4", count: 8 }, hourlyUsd: 8.0032 },
  { id: "a2-highgpu-1g", cpu: 12, memoryGiB: 85, gpu: { type: "a100-40gb", count: 1 }, hourlyUsd: 3.6734 },
  { id: "a2-highgpu-2g", cpu: 24, memoryGiB: 170, gpu: { type: "a100-40gb", count: 2 }, hourlyUsd: 7.3467 },
  { id: "a2-highgpu-4g", cpu: 48, memoryGiB: 340, gpu: { type: "a100-40gb", count: 4 }, hourlyUsd: 14.6935 },
  { id: "a2-highgpu-8g", cpu: 96, memoryGiB: 680, gpu: { type: "a100-40gb", count: 8 }, hourlyUsd: 29.387 },
  { id: "a2-ultragpu-1g", cpu: 12, memoryGiB: 170, gpu: { type: "a100-80gb", count: 1 }, hourlyUsd: 5.0688 },
  { id: "a2-ultragpu-2g", cpu: 24, memoryGiB: 340, gpu: { type: "a100-80gb", count: 2 }, hourlyUsd: 10.1376 },
  { id: "a2-ultragpu-4g", cpu: 48, memoryGiB: 680, gpu: { type: "a100-80gb", count: 4 }, hourlyUsd: 20.2752 },
  { id: "a2-ultragpu-8g", cpu: 96, memoryGiB: 1360, gpu: { type: "a100-80gb", count: 8 }, hourlyUsd: 40.5504 },
  { id: "a3-highgpu-1g", cpu: 26, memoryGiB: 234, gpu: { type: "h100", count: 1 }, hourlyUsd: 11.0613 },
  // The Cloud Billing Catalog total (vCPUs, memory and eight H100s), as `mlops cost` bills it.
  { id: "a3-highgpu-8g", cpu: 208, memoryGiB: 1872, gpu: { type: "h100", count: 8 }, hourlyUsd: 88.49 },
];
