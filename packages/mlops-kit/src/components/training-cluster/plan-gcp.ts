import type { GpuType } from "../../core/catalog/gpu";
import { cidr, formatCidr, subnet } from "../../core/net/cidr";

// The decisions TrainingCluster makes for GCP alone. Pure.

/**
 * GKE's accelerator names (GKE "About GPUs", `--accelerator type=`): attached to N1 machines, and
 * named on A2, A3 and G2 machines too, whose GPUs are built in, so GKE installs their driver.
 * A10G is AWS's alone.
 */
export const GKE_ACCELERATOR: Record<GpuType, string | undefined> = {
  t4: "nvidia-tesla-t4",
  l4: "nvidia-l4",
  a10g: undefined,
  "a100-40gb": "nvidia-tesla-a100",
  "a100-80gb": "nvidia-a100-80gb",
  h100: "nvidia-h100-80gb",
};

/**
 * The control plane's /28 (GKE private clusters, `masterIpv4CidrBlock`: a /28 no subnet of the
 * network uses): the first /28 of the network's reserved block. On GCP the reserved block's first
 * half holds no subnetwork (it is Azure's gateway subnet; GCP's proxy-only subnetwork takes the
 * second half), so the range never collides with a tier.
 */
export function gkeMasterCidr(reservedCidr: string): string {
  return formatCidr(subnet(cidr(reservedCidr), 28, 0));
}

/** MlopsVpc's secondary ranges on the private subnetwork (components/network/gcp: `secondaryIpRanges`). */
export const GKE_SECONDARY_RANGES = { pods: "pods", services: "services" } as const;
