import type { CatalogEntry } from "./types";

/**
 * VM size families the NVIDIA GPU Driver Extension installs drivers on, from the extension's own
 * resource list (github.com/Azure/azhpc-extensions, NvidiaGPU/Nvidia-GPU-Linux-Resources.json,
 * "DefaultSelectionsPerVMFamily": NCv3, NC_A100_v4, NCasT4_v3, NVv3, NVadsA10_v5). ND-series A100
 * and every H100 size are not on it: they need an image with drivers built in, so they are not in
 * the catalog below.
 */
export const NVIDIA_EXTENSION_SIZES: readonly RegExp[] = [
  /^Standard_NC\d+s_v3$/i,
  /^Standard_NC\d+ads_A100_v4$/i,
  /^Standard_NC\d+as_T4_v3$/i,
  /^Standard_NV\d+s_v3$/i,
  /^Standard_NV\d+adm?s_A10_v5$/i,
];

/** Whether the NVIDIA GPU Driver Extension supports this VM size. */
export function nvidiaExtensionSupports(vmSize: string): boolean {
  return NVIDIA_EXTENSION_SIZES.some((re) => re.test(vmSize));
}

/**
 * Azure VM sizes for model serving. Shapes from "Sizes for virtual machines in Azure"
 * (learn.microsoft.com/azure/virtual-machines/sizes); prices are pay-as-you-go Linux in East US
 * from "Linux Virtual Machines Pricing". Prices only order the candidates.
 *
 * Azure offers no L4 and no A10G (its NVadsA10 v5 carries the A10, a different part, shared
 * between VMs). Only GPU sizes the NVIDIA GPU Driver Extension supports are listed (see
 * {@link NVIDIA_EXTENSION_SIZES}); a test keeps it so.
 */
export const AZURE_VM_SIZES: readonly CatalogEntry[] = [
  { id: "Standard_D2s_v5", cpu: 2, memoryGiB: 8, hourlyUsd: 0.096 },
  { id: "Standard_E2s_v5", cpu: 2, memoryGiB: 16, hourlyUsd: 0.126 },
  { id: "Standard_F4s_v2", cpu: 4, memoryGiB: 8, hourlyUsd: 0.169 },
  { id: "Standard_D4s_v5", cpu: 4, memoryGiB: 16, hourlyUsd: 0.192 },
  { id: "Standard_E4s_v5", cpu: 4, memoryGiB: 32, hourlyUsd: 0.252 },
  { id: "Standard_F8s_v2", cpu: 8, memoryGiB: 16, hourlyUsd: 0.338 },
  { id: "Standard_D8s_v5", cpu: 8, memoryGiB: 32, hourlyUsd: 0.384 },
  { id: "Standard_E8s_v5", cpu: 8, memoryGiB: 64, hourlyUsd: 0.504 },
  { id: "Standard_F16s_v2", cpu: 16, memoryGiB: 32, hourlyUsd: 0.677 },
  { id: "Standard_D16s_v5", cpu: 16, memoryGiB: 64, hourlyUsd: 0.768 },
  { id: "Standard_E16s_v5", cpu: 16, memoryGiB: 128, hourlyUsd: 1.008 },
  { id: "Standard_D32s_v5", cpu: 32, memoryGiB: 128, hourlyUsd: 1.536 },
  { id: "Standard_E32s_v5", cpu: 32, memoryGiB: 256, hourlyUsd: 2.016 },
  { id: "Standard_D64s_v5", cpu: 64, memoryGiB: 256, hourlyUsd: 3.072 },
  { id: "Standard_NC4as_T4_v3", cpu: 4, memoryGiB: 28, gpu: { type: "t4", count: 1 }, hourlyUsd: 0.526 },
  { id: "Standard_NC8as_T4_v3", cpu: 8, memoryGiB: 56, gpu: { type: "t4", count: 1 }, hourlyUsd: 0.752 },
  { id: "Standard_NC16as_T4_v3", cpu: 16, memoryGiB: 110, gpu: { type: "t4", count: 1 }, hourlyUsd: 1.204 },
  { id: "Standard_NC64as_T4_v3", cpu: 64, memoryGiB: 440, gpu: { type: "t4", count: 4 }, hourlyUsd: 4.352 },
  { id: "Standard_NC24ads_A100_v4", cpu: 24, memoryGiB: 220, gpu: { type: "a100-80gb", count: 1 }, hourlyUsd: 3.673 },
  { id: "Standard_NC48ads_A100_v4", cpu: 48, memoryGiB: 440, gpu: { type: "a100-80gb", count: 2 }, hourlyUsd: 7.346 },
  { id: "Standard_NC96ads_A100_v4", cpu: 96, memoryGiB: 880, gpu: { type: "a100-80gb", count: 4 }, hourlyUsd: 14.692 },
];
