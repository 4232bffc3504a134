import type { Overrides } from "../../core/backend";
import { nvidiaExtensionSupports } from "../../core/catalog/azure-vm-sizes";
import { findEntry } from "../../core/catalog/compute";
import type { Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import type { SpecIssue } from "../../core/errors";
import { LOG_ANALYTICS_RETENTION_DAYS } from "../../core/logs";
import { physicalName, shortHash } from "../../core/naming";
import type { InferenceServiceSpec, OVERRIDE_ROLES } from "./spec";

// The decisions InferenceService makes for Azure alone: the gateway's name and capacity, NSG
// priorities, the GPU driver, scale-in thresholds, log retention, what Azure cannot do. Pure;
// planInferenceService calls it.

export interface AzureServicePlan {
  /** The Application Gateway's name, from which the ids of its parts are spelled. */
  gatewayName: string;
  /** Gateway capacity units: the autoscaled range of the gateway itself. */
  gatewayCapacity: { min: number; max: number };
  /**
   * The first of the two NSG priorities this service's rules take: `azure.rulePriority`, else
   * the slot its name hashes to (see {@link rulePriority}), moved to the next free slot when
   * another service of the program on the same network holds it (`withRulePriority`).
   */
  rulePriority: number;
  /** True when `azure.rulePriority` fixed it: taken as is, and a clash is an error. */
  rulePriorityPinned: boolean;
  /**
   * The Application Health extension's version: "1.0" counts any 2xx as Healthy (the health
   * check's contract); "2.0" reads rich health states from the body (`azure.richHealthStates`).
   */
  healthExtensionVersion: "1.0" | "2.0";
  /**
   * Seconds the gateway waits after its Key Vault grant is created, on the `up` that creates it:
   * Azure role assignments take up to ten minutes to take effect
   * (learn.microsoft.com/azure/role-based-access-control/troubleshooting).
   */
  keyVaultGrantWaitSeconds: number;
  /**
   * How a GPU instance gets its NVIDIA driver: the NVIDIA GPU Driver Extension (only on the
   * sizes it supports; any other GPU size is refused), or none without a GPU.
   */
  gpuDriver: "extension" | "none";
  /**
   * Where autoscale scales in: CPU below `cpuPercent`, requests per healthy instance below
   * `requestsPerInstance` (half of each target: the gap keeps the set from flapping, since
   * Azure Monitor autoscale has no target tracking, only threshold pairs).
   */
  scaleIn: { cpuPercent: number; requestsPerInstance: number | undefined };
  /**
   * Places an internal frontend's static address in the gateway subnet, by the service's name,
   * so two internal gateways in one subnet do not ask for the same one: the address is this
   * number's place in the subnet's top quarter (`privateFrontendAddress`), known once the
   * network's range is.
   */
  privateFrontendSeed: number;
  /** Log Analytics retention of the gateway's logs: `loadBalancer.accessLogs.retentionDays`, raised to a workspace's minimum (never fewer days than asked). */
  logRetentionDays: number;
  overrides: Overrides<(typeof OVERRIDE_ROLES)["azure"][number]>;
}

/**
 * Application Gateway instances: the autoscaled range of the gateway itself, per profile. Each
 * minimum instance reserves about 10 capacity units, billed whether or not traffic comes
 * ("Scaling Application Gateway v2 and WAF v2", Microsoft Learn); 0 reserves none and still
 * autoscales, so dev pays no idle capacity (about $105 a month in eastus2 for one instance).
 */
export const AZURE_GATEWAY_CAPACITY: Record<Profile, { min: number; max: number }> = {
  dev: { min: 0, max: 10 },
  prod: { min: 2, max: 20 },
};

/** How long a new Azure role assignment may take to take effect. */
export const AZURE_ROLE_PROPAGATION_SECONDS = 600;

/** Where a service's NSG rules sit: a 10-wide slot per service in 1000–3999, by name. */
export const AZURE_RULE_BAND = { first: 1000, slots: 300, width: 10 } as const;

/** The Azure decisions: the gateway's name and capacity, NSG priorities, GPU driver, scale-in, logs. */
/**
 * The smallest OS disk an Azure scale set on the Ubuntu 22.04 image takes: the image's own disk
 * ("Ephemeral OS disks FAQ", Microsoft Learn: the standard Ubuntu image's OS disk is 30 GiB).
 */
export const AZURE_MIN_DISK_GIB = 30;

/** A disk smaller than its image is refused by Azure: said before anything registers. */
export function checkAzureDisk(spec: InferenceServiceSpec, issues: SpecIssue[]): void {
  if (spec.diskGiB !== undefined && spec.diskGiB < AZURE_MIN_DISK_GIB) {
    issues.push({
      path: "diskGiB",
      message: `(${spec.diskGiB}) must be >= ${AZURE_MIN_DISK_GIB} on azure: the Ubuntu 22.04 image's OS disk is ${AZURE_MIN_DISK_GIB} GiB, and a disk smaller than its image is refused`,
    });
  }
}

export function planAzure(name: string, spec: InferenceServiceSpec, ctx: DeployContext, gpu: boolean, logDays: number): AzureServicePlan {
  const target = spec.scaling;
  return {
    gatewayName: physicalName("azureNetwork", [name, "gateway"], ctx.scope),
    gatewayCapacity: { ...AZURE_GATEWAY_CAPACITY[ctx.profile] },
    rulePriority: spec.azure?.rulePriority ?? rulePriority(name),
    rulePriorityPinned: spec.azure?.rulePriority !== undefined,
    gpuDriver: gpu ? "extension" : "none",
    healthExtensionVersion: spec.azure?.richHealthStates ? "2.0" : "1.0",
    keyVaultGrantWaitSeconds: AZURE_ROLE_PROPAGATION_SECONDS,
    scaleIn: {
      cpuPercent: target.targetCpuPercent / 2,
      requestsPerInstance: target.targetRequestsPerInstance !== undefined ? target.targetRequestsPerInstance / 2 : undefined,
    },
    privateFrontendSeed: Number.parseInt(shortHash("frontend", name), 36),
    logRetentionDays: Math.max(logDays, LOG_ANALYTICS_RETENTION_DAYS.min),
    overrides: spec.azure?.overrides ?? {},
  };
}

/**
 * The first of the two NSG priorities a service's rules use, the same in every run: each service
 * takes a slot by its name in the band the network leaves free.
 */
export function rulePriority(serviceName: string): number {
  const slot = Number.parseInt(shortHash("nsg", serviceName), 36) % AZURE_RULE_BAND.slots;
  return AZURE_RULE_BAND.first + slot * AZURE_RULE_BAND.width;
}

/** Fields Application Gateway and Flexible scale sets have no use for, refused rather than ignored. */
export function rejectUnsupportedOnAzure(spec: InferenceServiceSpec, unsupported: (field: string, reason: string) => Error): void {
  if (spec.rollout.autoRollback === true) {
    throw unsupported(
      "rollout.autoRollback",
      "a Flexible scale set's rolling upgrade stops when upgraded instances fail and rolls forward; rollback on policy breach exists for Uniform orchestration only",
    );
  }
  if (spec.loadBalancer.stickiness.durationSeconds !== undefined) {
    throw unsupported(
      "loadBalancer.stickiness.durationSeconds",
      "Application Gateway's affinity cookie is a session cookie, with no lifetime to set; leave durationSeconds unset",
    );
  }
  const vmSize = spec.azure?.vmSize;
  const gpu = spec.compute.gpu !== undefined || (vmSize !== undefined && findEntry("azure", vmSize)?.gpu !== undefined);
  if (vmSize !== undefined && gpu && !nvidiaExtensionSupports(vmSize)) {
    throw unsupported(
      `azure.vmSize (${vmSize})`,
      "the NVIDIA GPU Driver Extension installs drivers only on NCv3, NC A100 v4, NCasT4_v3, NVv3 and NVads A10 v5 sizes; ND-series and H100 sizes need an image with the drivers built in",
    );
  }
}
