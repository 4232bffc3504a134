import type { CloudId } from "../cloud";
import type { SpecIssue } from "../errors";
import { AWS_INSTANCE_TYPES } from "./aws-instances";
import { AZURE_VM_SIZES } from "./azure-vm-sizes";
import { GCP_MACHINE_TYPES } from "./gcp-machines";
import { GPU_TYPES, type GpuType } from "./gpu";
import type { CatalogEntry } from "./types";

/** A neutral compute size: what a workload needs, not what a cloud calls it. */
export interface ComputeSize {
  cpu: number;
  memoryGiB: number;
  gpu?: { type: GpuType; count: number };
}

export const CATALOGS: Record<CloudId, readonly CatalogEntry[]> = {
  aws: AWS_INSTANCE_TYPES,
  gcp: GCP_MACHINE_TYPES,
  azure: AZURE_VM_SIZES,
};

/** What each cloud calls its shapes, for messages. */
const SHAPE_WORD: Record<CloudId, string> = { aws: "EC2 instance type", gcp: "machine type", azure: "VM size" };

/** Does the entry meet the request? GPU entries only serve GPU requests of their model. */
export function fits(entry: CatalogEntry, size: ComputeSize): boolean {
  if (entry.cpu < size.cpu || entry.memoryGiB < size.memoryGiB) return false;
  if (!size.gpu) return entry.gpu === undefined;
  return entry.gpu?.type === size.gpu.type && entry.gpu.count >= size.gpu.count;
}

/** GPU models a cloud offers, in the neutral names. */
export function gpusOffered(cloud: CloudId): GpuType[] {
  const offered = new Set(CATALOGS[cloud].flatMap((e) => (e.gpu ? [e.gpu.type] : [])));
  return GPU_TYPES.filter((g) => offered.has(g));
}

export type ComputeChoice = { entry: CatalogEntry } | { issue: SpecIssue };

/**
 * The cheapest catalog entry that meets `size` on `cloud` (ties: fewer vCPUs, then name). When
 * none does, an issue for the spec that names the nearest entries, so the user can adjust.
 */
export function chooseCompute(cloud: CloudId, size: ComputeSize, path = "compute"): ComputeChoice {
  if (size.gpu && !gpusOffered(cloud).includes(size.gpu.type)) {
    return {
      issue: {
        path: `${path}.gpu.type`,
        message: `("${size.gpu.type}") is not offered on ${cloud}; choose one of ${gpusOffered(cloud).join(", ")}`,
      },
    };
  }
  const candidates = CATALOGS[cloud].filter((e) => fits(e, size));
  const best = [...candidates].sort((a, b) => a.hourlyUsd - b.hourlyUsd || a.cpu - b.cpu || (a.id < b.id ? -1 : 1))[0];
  if (best) return { entry: best };
  const sameKind = CATALOGS[cloud].filter((e) => (size.gpu ? e.gpu?.type === size.gpu.type : !e.gpu));
  const nearest = [...sameKind].sort((a, b) => shortfall(a, size) - shortfall(b, size) || a.hourlyUsd - b.hourlyUsd).slice(0, 3);
  return {
    issue: {
      path,
      message: `(${describeSize(size)}) fits no ${cloud} ${SHAPE_WORD[cloud]}; nearest: ${nearest.map((e) => `${e.id} (${describeSize(e)})`).join(", ")}`,
    },
  };
}

/** Looks up a cloud's own shape name, for per-cloud overrides. */
export function findEntry(cloud: CloudId, id: string, gpuCount?: number): CatalogEntry | undefined {
  const matches = CATALOGS[cloud].filter((e) => e.id === id);
  return matches.find((e) => gpuCount === undefined || e.gpu?.count === gpuCount) ?? matches[0];
}

export function describeSize(s: { cpu: number; memoryGiB: number; gpu?: { type: string; count: number } | undefined }): string {
  return `${s.cpu} vCPU, ${s.memoryGiB} GiB${s.gpu ? `, ${s.gpu.count}x ${s.gpu.type}` : ""}`;
}

// How far an entry is from meeting the request: the largest factor by which it falls short.
function shortfall(e: CatalogEntry, s: ComputeSize): number {
  const ratios = [s.cpu / e.cpu, s.memoryGiB / e.memoryGiB];
  if (s.gpu && e.gpu) ratios.push(s.gpu.count / e.gpu.count);
  return Math.max(...ratios);
}

export { GCP_ACCELERATOR, type GcpAccelerator, gcpGpuRegions, gcpGpuZones } from "./gcp-gpu-zones";
