import type { Overrides } from "../../core/backend";
import { chooseCompute, findEntry } from "../../core/catalog/compute";
import type { GpuType } from "../../core/catalog/gpu";
import { byCloud, type CloudId, type Profile } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError, type SpecIssue, UnsupportedError } from "../../core/errors";
import { cloudwatchRetentionDays, keyDeletionWindowDays, LOG_ANALYTICS_RETENTION_DAYS } from "../../core/logs";
import type { Tags } from "../../core/tags";
import { type AwsServicePlan, planAwsService } from "./plan-aws";
import { type AzureServicePlan, checkAzureDisk, planAzure, rejectUnsupportedOnAzure } from "./plan-azure";
import { type GcpServicePlan, planGcpService, rejectUnsupportedOnGcp } from "./plan-gcp";

export { AZURE_GATEWAY_CAPACITY, AZURE_ROLE_PROPAGATION_SECONDS, AZURE_RULE_BAND, type AzureServicePlan, rulePriority } from "./plan-azure";

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
    /**
     * Seconds a departing instance keeps its requests in flight (GCP and Azure): the request
     * timeout, so every answer can finish, capped at {@link MAX_DRAINING_SECONDS}.
     */
    drainTimeoutSeconds: number;
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
  azure: AzureServicePlan;
}

/** What `mlops:profile` sets for an InferenceService when the spec leaves a field unset. */
export const SERVICE_PROFILE_DEFAULTS: Record<
  Profile,
  { min: number; max: number; onDemandBase: number; logRetentionDays: number; protect: boolean }
> = {
  dev: { min: 1, max: 3, onDemandBase: 0, logRetentionDays: 30, protect: false },
  prod: { min: 2, max: 10, onDemandBase: 1, logRetentionDays: 365, protect: true },
};

/**
 * Connection draining stops at one hour on both clouds that drain: GCP's backend service
 * (connectionDraining.drainingTimeoutSec, 0-3600) and Azure's Application Gateway (drainTimeoutInSec, 1-3600).
 */
export const MAX_DRAINING_SECONDS = 3600;

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
  const scaling = planScaling(spec, ctx.cloud, defaults);
  checkProdTls(spec, ctx.profile, issues);
  const aws = ctx.cloud === "aws" ? planAwsService(name, spec, ctx, compute, issues) : undefined;
  if (ctx.cloud === "azure") checkAzureDisk(spec, issues);
  if (issues.length > 0) throw new SpecError(TYPE, name, issues);

  const gpu = compute.gpu !== undefined;
  const logDays = spec.loadBalancer.accessLogs.retentionDays ?? defaults.logRetentionDays;
  const tls = spec.loadBalancer.tls;
  return {
    name,
    cloud: ctx.cloud,
    profile: ctx.profile,
    container: { port: spec.port, command: spec.command, args: spec.args },
    compute,
    diskGiB: spec.diskGiB ?? (gpu ? 200 : 50),
    spot: { enabled: spec.spot?.enabled ?? false, onDemandBase: scaling.onDemandBase },
    scaling: scaling.scaling,
    healthCheck: {
      ...spec.healthCheck,
      // GPU images are large and models take time to load into GPU memory.
      gracePeriodSeconds: spec.healthCheck.gracePeriodSeconds ?? (gpu ? 600 : 300),
    },
    endpoint: { scheme: tls.enabled ? "https" : "http", hostName: tls.domain },
    loadBalancer: planLoadBalancer(spec, logDays, defaults.protect),
    rollout: planRollout(spec, scaling.scaling.max),
    retainLogs: defaults.protect,
    tags: ctx.tags,
    aws: {
      ...(aws ?? planAwsService(name, spec, ctx, compute, [])),
      logRetentionDays: cloudwatchRetentionDays(logDays),
      keyDeletionWindowDays: keyDeletionWindowDays(ctx.profile),
      overrides: spec.aws?.overrides ?? {},
    },
    gcp: planGcpService(name, spec, ctx, { machineType: compute.machineType, gpu, spot: spec.spot?.enabled ?? false }),
    azure: planAzure(name, spec, ctx, gpu, logDays),
  };
}

type ProfileDefaults = (typeof SERVICE_PROFILE_DEFAULTS)[Profile];

/** Group bounds and cooldowns: the spec's, else the profile's (a min never above an explicit max). */
function planScaling(
  spec: InferenceServiceSpec,
  cloud: CloudId,
  defaults: ProfileDefaults,
): { scaling: InferenceServicePlan["scaling"]; onDemandBase: number } {
  const min = spec.scaling.min ?? Math.min(defaults.min, spec.scaling.max ?? defaults.min);
  const max = spec.scaling.max ?? Math.max(defaults.max, min);
  // A GCP managed instance group is all spot or all standard: no on-demand base to keep there.
  const onDemandBase =
    spec.spot?.onDemandBase ??
    byCloud(cloud, { aws: Math.min(defaults.onDemandBase, max), gcp: 0, azure: Math.min(defaults.onDemandBase, max) });
  return {
    scaling: {
      min,
      max,
      targetCpuPercent: spec.scaling.targetCpuPercent,
      targetRequestsPerInstance: spec.scaling.targetRequestsPerInstance,
      scaleOutCooldownSeconds: spec.scaling.scaleOutCooldownSeconds ?? DEFAULT_SCALE_OUT_COOLDOWN_SECONDS,
      scaleInCooldownSeconds: spec.scaling.scaleInCooldownSeconds,
    },
    onDemandBase,
  };
}

function checkProdTls(spec: InferenceServiceSpec, profile: Profile, issues: SpecIssue[]): void {
  if (!spec.loadBalancer.tls.enabled && profile === "prod") {
    issues.push({
      path: "loadBalancer.tls.enabled",
      message: "(false) is not allowed in the prod profile: a production endpoint serves HTTPS only",
    });
  }
}

/** The load balancer every cloud builds: who reaches it, how it balances, times out, logs and serves TLS. */
function planLoadBalancer(spec: InferenceServiceSpec, logDays: number, protect: boolean): InferenceServicePlan["loadBalancer"] {
  const lb = spec.loadBalancer;
  const tls = lb.tls;
  return {
    scheme: lb.scheme,
    algorithm: lb.algorithm,
    stickiness: { enabled: lb.stickiness.enabled, durationSeconds: lb.stickiness.durationSeconds ?? 3600 },
    idleTimeoutSeconds: lb.idleTimeoutSeconds,
    requestTimeoutSeconds: lb.requestTimeoutSeconds,
    drainTimeoutSeconds: Math.min(lb.requestTimeoutSeconds, MAX_DRAINING_SECONDS),
    waf: { ...lb.waf },
    allowedCidrs: lb.allowedCidrs ?? (lb.scheme === "public" ? ["0.0.0.0/0"] : undefined),
    accessLogs: {
      enabled: lb.accessLogs.enabled,
      retentionDays: logDays,
    },
    tls: {
      mode: !tls.enabled ? "off" : tls.certificateId !== undefined ? "certificate" : "managed",
      domain: tls.domain,
      redirectHttp: tls.enabled && tls.redirectHttp,
    },
    deletionProtection: lb.deletionProtection ?? protect,
  };
}

/** Rollout counts from the percentages of the group's maximum: surge rounded up, unavailability down. */
function planRollout(spec: InferenceServiceSpec, max: number): InferenceServicePlan["rollout"] {
  const surge = spec.rollout.maxSurgePercent;
  const unavailable = spec.rollout.maxUnavailablePercent;
  return {
    maxSurgePercent: surge,
    maxUnavailablePercent: unavailable,
    maxSurgeInstances: Math.ceil((max * surge) / 100),
    maxUnavailableInstances: Math.floor((max * unavailable) / 100),
    minHealthyPercent: 100 - unavailable,
    // Off unless asked, on every cloud: AWS's rollback can redeploy the failing version
    // (hashicorp/terraform-provider-aws#34189); GCP and Azure refuse true (they roll forward).
    autoRollback: spec.rollout.autoRollback ?? false,
  };
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
