import type { GpuType } from "./gpu";

/** One concrete machine shape a cloud offers. */
export interface CatalogEntry {
  /** EC2 instance type, GCE machine type or Azure VM size. */
  readonly id: string;
  readonly cpu: number;
  readonly memoryGiB: number;
  readonly gpu?: { readonly type: GpuType; readonly count: number };
  /**
   * GCE only: the accelerator to attach (`nvidia-tesla-t4` on N1). Absent when the machine
   * type has its GPUs built in (A2, A3, G2).
   */
  readonly accelerator?: string;
  /** On-demand Linux price per hour in USD, used only to pick the cheapest fit. */
  readonly hourlyUsd: number;
}
