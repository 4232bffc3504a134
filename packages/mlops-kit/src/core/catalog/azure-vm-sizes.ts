import type { CatalogEntry } from "./types";

/**
 * Azure VM sizes for model serving. Shapes from "Sizes for virtual machines in Azure"
 * (learn.microsoft.com/azure/virtual-machines/sizes); prices are pay-as-you-go Linux in East US
 * from "Linux Virtual Machines Pricing". Prices only order the candidates.
 *
 * Azure offers no L4 and no A10G (its NVadsA10 v5 carries the A10, a different part, shared
 * between VMs); its H100 sizes carry the 94 GB H100 NVL or 80 GB H100 SXM.
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
  { id: "Standard_ND96asr_v4", cpu: 96, memoryGiB: 900, gpu: { type: "a100-40gb", count: 8 }, hourlyUsd: 27.197 },
  { id: "Standard_ND96amsr_A100_v4", cpu: 96, memoryGiB: 1900, gpu: { type: "a100-80gb", count: 8 }, hourlyUsd: 32.77 },
  { id: "Standard_NC40ads_H100_v5", cpu: 40, memoryGiB: 320, gpu: { type: "h100", count: 1 }, hourlyUsd: 6.98 },
  { id: "Standard_NC80adis_H100_v5", cpu: 80, memoryGiB: 640, gpu: { type: "h100", count: 2 }, hourlyUsd: 13.96 },
  { id: "Standard_ND96isr_H100_v5", cpu: 96, memoryGiB: 1900, gpu: { type: "h100", count: 8 }, hourlyUsd: 98.32 },
];
