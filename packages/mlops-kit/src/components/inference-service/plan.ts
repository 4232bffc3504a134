import type { Overrides } from "../../core/backend";
import { nvidiaExtensionSupports } from "../../core/catalog/azure-vm-sizes";
import { chooseCompute, findEntry } from "../../core/catalog/compute";
import type { GpuType } from "../../core/catalog/gpu";
import { byCloud, type CloudId, type Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError, type SpecIssue, UnsupportedError } from "../../core/errors";
import { cloudwatchRetentionDays, keyDeletionWindowDays, LOG_ANALYTICS_RETENTION_DAYS } from "../../core/logs";
import { physicalName, shortHash } from "../../core/naming";
import type { Tags } from "../../core/tags";
import { type AwsServicePlan, planAwsService } from "./plan-aws";
import { type GcpServicePlan, planGcpService, rejectUnsupportedOnGcp } from "./plan-gcp";
import type { InferenceServiceSpec, LoadBalancerScheme, LoadBalancingAlgorithm, OVERRIDE_ROLES, WafMode } from "./spec";

/** The component's name in errors. */
export const TYPE = "InferenceService";

export interface InferenceServicePlan {
  name: string;
  cloud: CloudId;
  profile: Profile;
  container: {
    port: number;
    command: string[] | undefined;
    args: string[] | undefined;
  };
  compute: {
    /** EC2 instance type, GCE machine type or Azure VM size. */
    machineType: string;
    cpu: number;
    memoryGiB: number;
    gpu: { type: GpuType; count: number } | undefined;
    /** GCE only: the accelerator to attach (N1 + T4); absent when GPUs are built in. */
    accelerator: string | undefined;
    /** True when the machine type came from the spec's per-cloud override rather than the catalog. */
    overridden: boolean;
  };
  diskGiB: number;
  spot: { enabled: boolean; onDemandBase: number };
  scaling: {
    min: number;
    max: number;
    targetCpuPercent: number;
    targetRequestsPerInstance: number | undefined;
    scaleOutCooldownSeconds: number;
    scaleInCooldownSeconds: number;
  };
  healthCheck: {
    path: string;
    intervalSeconds: number;
    timeoutSeconds: number;
    healthyThreshold: number;
    unhealthyThreshold: number;
    gracePeriodSeconds: number;
  };
  /**
   * Where clients call the service: `<scheme>://<hostName or the load balancer's address>`. Decided
   * here once, so every cloud spells the URL the same way.
   */
  endpoint: {
    scheme: "https" | "http";
    /** The DNS name clients use (`loadBalancer.tls.domain`); undefined: the load balancer's own address. */
    hostName: string | undefined;
  };
  loadBalancer: {
    scheme: LoadBalancerScheme;
    algorithm: LoadBalancingAlgorithm;
    stickiness: { enabled: boolean; durationSeconds: number };
    idleTimeoutSeconds: number;
    /** Seconds to wait for the model's answer to one request. */
    requestTimeoutSeconds: number;
    /** The web application firewall; `enabled: false` means none is created. */
    waf: { enabled: boolean; mode: WafMode };
    /** Client ranges admitted on 80/443; `undefined` means the network's own range (internal default). */
    allowedCidrs: string[] | undefined;
    accessLogs: { enabled: boolean; retentionDays: number };
    /**
     * `managed`: a certificate the cloud issues for `domain`; `certificate`: the spec's
     * `certificateId`; `off`: plain HTTP (never in prod).
     */
    tls: { mode: "managed" | "certificate" | "off"; domain: string | undefined; redirectHttp: boolean };
    deletionProtection: boolean;
  };
  rollout: {
    maxSurgePercent: number;
    maxUnavailablePercent: number;
    /** The same limits as instance counts of a group at `scaling.max`, for clouds that want counts. */
    maxSurgeInstances: number;
    maxUnavailableInstances: number;
    /** 100 - maxUnavailablePercent: AWS instance refresh's minimum healthy percentage. */
    minHealthyPercent: number;
    autoRollback: boolean;
  };
  /** Keep access logs when the stack is destroyed. */
  retainLogs: boolean;
  tags: Tags;
  aws: AwsServicePlan & {
    /** CloudWatch retention for the container logs (the next period CloudWatch accepts). */
    logRetentionDays: number;
    keyDeletionWindowDays: number;
    overrides: Overrides<(typeof OVERRIDE_ROLES)["aws"][number]>;
  };
  gcp: GcpServicePlan;
  azure: {
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
  };
}

/**
 * The smallest OS disk an Azure scale set on the Ubuntu 22.04 image takes: the image's own disk
 * ("Ephemeral OS disks FAQ", Microsoft Learn: the standard Ubuntu image's OS disk is 30 GiB).
 */
export const AZURE_MIN_DISK_GIB = 30;

/** Application Gateway capacity units: the autoscaled range of the gateway itself, per profile. */
export const AZURE_GATEWAY_CAPACITY: Record<Profile, { min: number; max: number }> = {
  dev: { min: 1, max: 10 },
  prod: { min: 2, max: 20 },
};

/** How long a new Azure role assignment may take to take effect. */
export const AZURE_ROLE_PROPAGATION_SECONDS = 600;

/** Where a service's NSG rules sit: a 10-wide slot per service in 1000–3999, by name. */
export const AZURE_RULE_BAND = { first: 1000, slots: 300, width: 10 } as const;

/** What `mlops:profile` sets for an InferenceService when the spec leaves a field unset. */
export const SERVICE_PROFILE_DEFAULTS: Record<
  Profile,
  { min: number; max: number; onDemandBase: number; logRetentionDays: number; protect: boolean }
> = {
  dev: { min: 1, max: 3, onDemandBase: 0, logRetentionDays: 30, protect: false },
  prod: { min: 2, max: 10, onDemandBase: 1, logRetentionDays: 365, protect: true },
};

/** Every decision about the service that can be made without a cloud. Pure. */
export function planInferenceService(name: string, spec: InferenceServiceSpec, ctx: DeployContext): InferenceServicePlan {
  const issues: SpecIssue[] = [];
  const defaults = SERVICE_PROFILE_DEFAULTS[ctx.profile];

  const compute = resolveCompute(spec, ctx.cloud, issues);

  rejectUnsupported(name, spec, ctx.cloud);
  if (ctx.cloud === "gcp") {
    const scaleOutCooldownSet = spec.scaling.scaleOutCooldownSeconds !== undefined;
    rejectUnsupportedOnGcp(name, spec, { scaleOutCooldownSet }, compute.machineType, issues);
  }

  const min = spec.scaling.min ?? Math.min(defaults.min, spec.scaling.max ?? defaults.min);
  const max = spec.scaling.max ?? Math.max(defaults.max, min);
  // A GCP managed instance group is all spot or all standard: no on-demand base to keep there.
  const onDemandBase =
    spec.spot?.onDemandBase ??
    byCloud(ctx.cloud, { aws: Math.min(defaults.onDemandBase, max), gcp: 0, azure: Math.min(defaults.onDemandBase, max) });

  const tls = spec.loadBalancer.tls;
  if (!tls.enabled && ctx.profile === "prod") {
    issues.push({
      path: "loadBalancer.tls.enabled",
      message: "(false) is not allowed in the prod profile: a production endpoint serves HTTPS only",
    });
  }

  const aws = ctx.cloud === "aws" ? planAwsService(name, spec, ctx, compute, issues) : undefined;
  if (ctx.cloud === "azure" && spec.diskGiB !== undefined && spec.diskGiB < AZURE_MIN_DISK_GIB) {
    issues.push({
      path: "diskGiB",
      message: `(${spec.diskGiB}) must be >= ${AZURE_MIN_DISK_GIB} on azure: the Ubuntu 22.04 image's OS disk is ${AZURE_MIN_DISK_GIB} GiB, and a disk smaller than its image is refused`,
    });
  }

  if (issues.length > 0) throw new SpecError(TYPE, name, issues);

  const gpu = compute.gpu !== undefined;
  const logDays = spec.loadBalancer.accessLogs.retentionDays ?? defaults.logRetentionDays;
  const surge = spec.rollout.maxSurgePercent;
  const unavailable = spec.rollout.maxUnavailablePercent;
  return {
    name,
    cloud: ctx.cloud,
    profile: ctx.profile,
    container: { port: spec.port, command: spec.command, args: spec.args },
    compute,
    diskGiB: spec.diskGiB ?? (gpu ? 200 : 50),
    spot: { enabled: spec.spot?.enabled ?? false, onDemandBase },
    scaling: {
      min,
      max,
      targetCpuPercent: spec.scaling.targetCpuPercent,
      targetRequestsPerInstance: spec.scaling.targetRequestsPerInstance,
      scaleOutCooldownSeconds: spec.scaling.scaleOutCooldownSeconds ?? DEFAULT_SCALE_OUT_COOLDOWN_SECONDS,
      scaleInCooldownSeconds: spec.scaling.scaleInCooldownSeconds,
    },
    healthCheck: {
      ...spec.healthCheck,
      // GPU images are large and models take time to load into GPU memory.
      gracePeriodSeconds: spec.healthCheck.gracePeriodSeconds ?? (gpu ? 600 : 300),
    },
    endpoint: { scheme: tls.enabled ? "https" : "http", hostName: tls.domain },
    loadBalancer: {
      scheme: spec.loadBalancer.scheme,
      algorithm: spec.loadBalancer.algorithm,
      stickiness: { enabled: spec.loadBalancer.stickiness.enabled, durationSeconds: spec.loadBalancer.stickiness.durationSeconds ?? 3600 },
      idleTimeoutSeconds: spec.loadBalancer.idleTimeoutSeconds,
      requestTimeoutSeconds: spec.loadBalancer.requestTimeoutSeconds,
      waf: { ...spec.loadBalancer.waf },
      allowedCidrs: spec.loadBalancer.allowedCidrs ?? (spec.loadBalancer.scheme === "public" ? ["0.0.0.0/0"] : undefined),
      accessLogs: {
        enabled: spec.loadBalancer.accessLogs.enabled,
        retentionDays: logDays,
      },
      tls: {
        mode: !tls.enabled ? "off" : tls.certificateId !== undefined ? "certificate" : "managed",
        domain: tls.domain,
        redirectHttp: tls.enabled && tls.redirectHttp,
      },
      deletionProtection: spec.loadBalancer.deletionProtection ?? defaults.protect,
    },
    rollout: {
      maxSurgePercent: surge,
      maxUnavailablePercent: unavailable,
      maxSurgeInstances: Math.ceil((max * surge) / 100),
      maxUnavailableInstances: Math.floor((max * unavailable) / 100),
      minHealthyPercent: 100 - unavailable,
      // Off unless asked, on every cloud: AWS's rollback can redeploy the failing version
      // (hashicorp/terraform-provider-aws#34189); GCP and Azure refuse true (they roll forward).
      autoRollback: spec.rollout.autoRollback ?? false,
    },
    retainLogs: defaults.protect,
    tags: ctx.tags,
    aws: {
      ...(aws ?? planAwsService(name, spec, ctx, compute, [])),
      logRetentionDays: cloudwatchRetentionDays(logDays),
      keyDeletionWindowDays: keyDeletionWindowDays(ctx.profile),
      overrides: spec.aws?.overrides ?? {},
    },
    gcp: planGcpService(name, spec, ctx, { machineType: compute.machineType, gpu, spot: spec.spot?.enabled ?? false }),
    azure: planAzure(name, spec, ctx, compute.gpu !== undefined, logDays),
  };
}

/** The Azure decisions: the gateway's name and capacity, NSG priorities, GPU driver, scale-in, logs. */
function planAzure(
  name: string,
  spec: InferenceServiceSpec,
  ctx: DeployContext,
  gpu: boolean,
  logDays: number,
): InferenceServicePlan["azure"] {
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

/** Seconds after a scale-out before the next, where the cloud has such a cooldown. */
export const DEFAULT_SCALE_OUT_COOLDOWN_SECONDS = 60;

/**
 * Refuses a network whose instances could not reach the internet, where the service needs it: a
 * Flexible scale set has no default outbound access (and MlopsVpc turns it off on every subnet),
 * so without NAT instances can neither install Docker nor pull the image.
 */
export function checkNetworkEgress(
  service: { cloud: CloudId; name: string },
  network: { name: string; natMode?: string | undefined },
): void {
  if (service.cloud === "azure" && network.natMode === "none") {
    throw new SpecError(TYPE, service.name, [
      {
        path: "network",
        message: `is MlopsVpc "${network.name}" with nat "none": on azure its private subnet has no outbound access, so instances could not install Docker or pull the image; give the network nat "single" or "perZone"`,
      },
    ]);
  }
}

/** What a cloud's services cannot do, said before anything is registered. */
function rejectUnsupported(name: string, spec: InferenceServiceSpec, cloud: CloudId): void {
  const unsupported = (field: string, reason: string) => new UnsupportedError(TYPE, name, cloud, field, reason);
  const days = spec.loadBalancer.accessLogs.retentionDays;
  const tls = spec.loadBalancer.tls;
  if (cloud !== "azure" && tls.domain !== undefined && tls.certificateId !== undefined) {
    throw new SpecError(TYPE, name, [{ path: "loadBalancer.tls", message: "takes a domain or a certificateId, not both" }]);
  }
  if (cloud === "azure" && tls.enabled && tls.domain !== undefined && tls.certificateId === undefined) {
    throw unsupported(
      "loadBalancer.tls.domain",
      "Application Gateway has no managed certificates; give loadBalancer.tls.certificateId (a Key Vault secret id for this domain) and azure.keyVaultId",
    );
  }
  if (cloud === "azure") rejectUnsupportedOnAzure(spec, unsupported);
  if (cloud === "azure" && spec.loadBalancer.algorithm === "leastRequests") {
    throw unsupported("loadBalancer.algorithm (leastRequests)", "Application Gateway v2 balances round robin only");
  }
  const maxDays = LOG_ANALYTICS_RETENTION_DAYS.max;
  if (cloud === "azure" && spec.loadBalancer.accessLogs.enabled && days !== undefined && days > maxDays) {
    throw unsupported(
      "loadBalancer.accessLogs.retentionDays",
      `(${days}) is above ${maxDays}, the longest a Log Analytics workspace keeps logs`,
    );
  }
}

/** Fields Application Gateway and Flexible scale sets have no use for, refused rather than ignored. */
function rejectUnsupportedOnAzure(spec: InferenceServiceSpec, unsupported: (field: string, reason: string) => Error): void {
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

const OVERRIDE_FIELD: Record<CloudId, "instanceType" | "machineType" | "vmSize"> = {
  aws: "instanceType",
  gcp: "machineType",
  azure: "vmSize",
};

function resolveCompute(spec: InferenceServiceSpec, cloud: CloudId, issues: SpecIssue[]): InferenceServicePlan["compute"] {
  const size = { cpu: spec.compute.cpu, memoryGiB: spec.compute.memoryGiB, ...(spec.compute.gpu ? { gpu: spec.compute.gpu } : {}) };
  const field = OVERRIDE_FIELD[cloud];
  const override = byCloud(cloud, { aws: spec.aws?.instanceType, gcp: spec.gcp?.machineType, azure: spec.azure?.vmSize });
  if (override !== undefined) {
    // The cloud's own name wins; the catalog, when it knows the name, supplies the GPU details.
    const known = findEntry(cloud, override, size.gpu?.count);
    return {
      machineType: override,
      cpu: known?.cpu ?? size.cpu,
      memoryGiB: known?.memoryGiB ?? size.memoryGiB,
      gpu: known ? known.gpu : size.gpu,
      accelerator: known?.accelerator,
      overridden: true,
    };
  }
  const choice = chooseCompute(cloud, size);
  if ("issue" in choice) {
    issues.push({ ...choice.issue, message: `${choice.issue.message} (or set ${cloud}.${field})` });
    return { machineType: "", cpu: 0, memoryGiB: 0, gpu: undefined, accelerator: undefined, overridden: false };
  }
  const e = choice.entry;
  return { machineType: e.id, cpu: e.cpu, memoryGiB: e.memoryGiB, gpu: e.gpu, accelerator: e.accelerator, overridden: false };
}
