/** GPU models a neutral compute size can ask for. */
export const GpuType = {
  /** NVIDIA T4, 16 GB: low-cost inference. */
  t4: "t4",
  /** NVIDIA L4, 24 GB: efficient inference, the T4's successor. */
  l4: "l4",
  /** NVIDIA A10G, 24 GB: AWS's variant of the A10 (g5 instances). */
  a10g: "a10g",
  /** NVIDIA A100, 40 GB. */
  "a100-40gb": "a100-40gb",
  /** NVIDIA A100, 80 GB. */
  "a100-80gb": "a100-80gb",
  /** NVIDIA H100, 80 GB or more. */
  h100: "h100",
} as const;
export type GpuType = (typeof GpuType)[keyof typeof GpuType];
export const GPU_TYPES: readonly GpuType[] = Object.values(GpuType);

/** GPU memory per device, for messages and ordering. */
export const GPU_MEMORY_GIB: Record<GpuType, number> = {
  t4: 16,
  l4: 24,
  a10g: 24,
  "a100-40gb": 40,
  "a100-80gb": 80,
  h100: 80,
};
