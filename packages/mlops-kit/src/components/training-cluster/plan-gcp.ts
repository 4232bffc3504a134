import { GCP_ACCELERATOR, gcpGpuRegions, gcpGpuZones } from "../../core/catalog/gcp-gpu-zones";
import type { GpuType } from "../../core/catalog/gpu";
import { SpecError } from "../../core/errors";
import { cidr, formatCidr, subnet } from "../../core/net/cidr";

// The decisions TrainingCluster makes for GCP alone. Pure.

/**
 * GKE's accelerator names (GKE "About GPUs", `--accelerator type=`): attached to N1 machines, and
 * named on A2, A3 and G2 machines too, whose GPUs are built in, so GKE installs their driver.
 * A10G is AWS's alone.
 */
export const GKE_ACCELERATOR: Readonly<Partial<Record<GpuType, string>>> = GCP_ACCELERATOR;

/**
 * The zones of `region` a GPU pool's nodes go to: those offering its accelerator (the catalog's
 * per-zone table), so the autoscaler never asks a zone for a GPU it does not have. A region the table
 * lacks keeps the cluster's zones (undefined); a region that offers the GPU nowhere is refused, naming
 * the pool's field and where the GPU is offered.
 */
export function gkeGpuPoolZones(
  cluster: string,
  pool: { index: number; name: string },
  region: string,
  accelerator: string,
  gpu: string,
): string[] | undefined {
  const zones = gcpGpuZones(region, accelerator);
  if (zones === undefined || zones.length > 0) return zones;
  const where = gcpGpuRegions(accelerator);
  throw new SpecError("TrainingCluster", cluster, [
    {
      path: `pools.${pool.index}.compute.gpu`,
      message: `(${gpu}) is not offered in any zone of ${region} (${accelerator}); regions that offer it: ${where.join(", ") || "none known"}`,
    },
  ]);
}

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
