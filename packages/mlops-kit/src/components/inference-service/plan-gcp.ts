import type { Overrides } from "../../core/backend";
import { GCP_ACCELERATOR, gcpGpuRegions, gcpGpuZones } from "../../core/catalog/compute";
import type { GpuType } from "../../core/catalog/gpu";
import type { DeployContext } from "../../core/context";
import { SpecError, type SpecIssue, UnsupportedError } from "../../core/errors";
import { GCP_MAX_LOG_RETENTION_DAYS } from "../../core/logs";
import { physicalName, shortHash } from "../../core/naming";
import type { InferenceServiceSpec, OVERRIDE_ROLES, WafMode } from "./spec";

// The decisions InferenceService makes for GCP alone: names, load balancer flavour, limits the
// Compute Engine and Cloud Load Balancing APIs set. Pure; planInferenceService calls it.

const COMPONENT = "InferenceService";

export interface GcpServiceNames {
  healthCheck: string;
  firewall: string;
  group: string;
  autoscaler: string;
  backendService: string;
  securityPolicy: string;
  urlMap: string;
  redirectUrlMap: string;
  address: string;
  certificate: string;
  sslPolicy: string;
  httpsProxy: string;
  httpProxy: string;
  httpsRule: string;
  httpRule: string;
  accessLogSink: string;
  accessLogExclusion: string;
  /** `namePrefix` of the instance template: each replacement gets a new name, created before the old goes. */
  templatePrefix: string;
}

export interface GcpServicePlan {
  /** The instances' service account id (6–30, unique in the project). */
  serviceAccountId: string;
  /** Network tag on the instances, which the health-check firewall targets. */
  networkTag: string;
  /** Prefix of the instance names. */
  baseInstanceName: string;
  /** Log bucket id of the load balancer's request logs, before the suffix fixed at creation. */
  accessLogBucketId: string;
  /** Explicit RFC 1035 names (pulumi-gcp does not cap or lower-case every auto-name). */
  names: GcpServiceNames;
  /**
   * `public`: a global external Application Load Balancer (EXTERNAL_MANAGED). `internal`: a regional
   * internal Application Load Balancer (INTERNAL_MANAGED) in the private tier, whose proxies run in
   * MlopsVpc's proxy-only subnetwork.
   */
  loadBalancingScheme: "EXTERNAL_MANAGED" | "INTERNAL_MANAGED";
  /** Session affinity needs a hashing locality policy (MAGLEV, WEIGHTED_MAGLEV, RING_HASH) to hold. */
  localityLbPolicy: "ROUND_ROBIN" | "LEAST_REQUEST" | "RING_HASH";
  /** The load-balancing utilisation the autoscaler holds when it scales on request rate. */
  lbUtilizationTarget: number | undefined;
  /**
   * Requests per second one instance is given by the load balancer: the spec's per-minute target
   * divided by the utilisation target, so instances settle at exactly the target and the load
   * balancer keeps headroom before it counts them as full.
   */
  maxRatePerInstance: number | undefined;
  /**
   * How the group spreads over zones. GPU and spot capacity is scarce and differs per zone:
   * BALANCED puts instances where capacity is, and needs redistribution off; EVEN keeps zones equal.
   */
  distribution: { targetShape: "EVEN" | "BALANCED"; redistribution: "PROACTIVE" | "NONE" };
  /** gVNIC, which A3 machine types require (and G2/A2 support); undefined: the image's default. */
  nicType: "GVNIC" | undefined;
  /** The boot disk's type: Hyperdisk Balanced on the series that take no Persistent Disk, pd-balanced elsewhere. */
  bootDiskType: "pd-balanced" | "hyperdisk-balanced";
  /**
   * The boot image: the spec's, or the newest `cos-stable` image, read once and kept (`pinned`, the
   * template ignores later releases) or read at every `up` (`latest`).
   */
  image: { source: string | undefined; updates: "pinned" | "latest" };
  /** Cloud Armor: Google's preconfigured WAF rules (OWASP CRS) and the client allow-list. */
  securityPolicy: { waf: { mode: WafMode } | undefined; allowlist: boolean } | undefined;
  /** TLS policy: RESTRICTED admits only ECDHE suites with AES-GCM or ChaCha20 (no TLS_RSA_*), at TLS 1.2+. */
  sslPolicy: { profile: "RESTRICTED"; minTlsVersion: "TLS_1_2" };
  overrides: Overrides<(typeof OVERRIDE_ROLES)["gcp"][number]>;
}

/** The autoscaler's load-balancing utilisation target when it scales on request rate (Google's own default). */
export const GCP_LB_UTILIZATION_TARGET = 0.8;

/**
 * The HTTPS proxy's HTTP keepalive timeout (`httpKeepAliveTimeoutSec`): 5–1200 s on a global
 * external Application Load Balancer, 5–600 s on a regional one (pulumi-gcp TargetHttpsProxy and
 * RegionTargetHttpsProxy docs).
 */
export const GCP_KEEPALIVE_SECONDS = { min: 5, max: { public: 1200, internal: 600 } } as const;

/**
 * A3 machine types with fewer than 8 GPUs are offered only as Spot or flex-start VMs ("Accelerator-
 * optimized machine family", A3 High: "a3-highgpu-1g, -2g and -4g ... only available with Spot VMs
 * or Flex-start VMs").
 */
export const A3_SPOT_ONLY = /^a3-highgpu-[124]g$/;

/**
 * Machine series whose disks can only be Hyperdisk: they refuse a pd-balanced boot disk, so a group
 * of them would never create an instance ("Machine series comparison", Compute Engine docs: the
 * fourth-generation C4/C4D/N4/N4D/N4A and X4/M4/A4 series support Hyperdisk only; C3 and C3D still
 * take Persistent Disk; nextflow-io/nextflow#6614 met the same refusal).
 */
export const HYPERDISK_ONLY_SERIES = /^(c4|c4a|c4d|n4|n4a|n4d|x4|m4|a4|a4x|h4d)-/;

/**
 * Arm machine series (Tau T2A, Axion C4A/N4A, A4X): the instances boot `cos-stable`, an x86-64
 * image, which Compute Engine refuses on them.
 */
export const ARM_SERIES = /^(t2a|c4a|n4a|a4x)-/;

export function planGcpService(
  name: string,
  spec: InferenceServiceSpec,
  ctx: DeployContext,
  decided: { machineType: string; gpu: boolean; spot: boolean },
): GcpServicePlan {
  const lb = spec.loadBalancer;
  const rate = spec.scaling.targetRequestsPerInstance;
  const n = (...words: string[]) => physicalName("gcpProjectResource", [name, ...words], ctx.scope);
  const allowsEveryone = lb.scheme === "public" && (lb.allowedCidrs === undefined || lb.allowedCidrs.includes("0.0.0.0/0"));
  const waf = lb.waf.enabled ? { mode: lb.waf.mode } : undefined;
  return {
    serviceAccountId: physicalName("gcpServiceAccount", [name], ctx.scope),
    networkTag: physicalName("gcpResource", [name, "serve"], ctx.scope),
    baseInstanceName: physicalName("gcpInstanceBaseName", [name], ctx.scope),
    accessLogBucketId: physicalName("gcpLogBucketPrefix", [name, "lb-logs"], ctx.scope),
    names: {
      healthCheck: n("health"),
      firewall: n("allow-lb"),
      group: n("group"),
      autoscaler: n("autoscaler"),
      backendService: n("backend"),
      securityPolicy: n("armor"),
      urlMap: n("urls"),
      redirectUrlMap: n("redirect"),
      address: n("address"),
      // A new domain is a new certificate, created before the old one is released: the name follows it.
      certificate: n("cert", lb.tls.domain ? shortHash(lb.tls.domain) : "none"),
      sslPolicy: n("tls"),
      httpsProxy: n("https"),
      httpProxy: n("http"),
      httpsRule: n("https-rule"),
      httpRule: n("http-rule"),
      accessLogSink: n("access-logs"),
      accessLogExclusion: n("access-logs-default"),
      templatePrefix: physicalName("gcpTemplatePrefix", [name], ctx.scope),
    },
    loadBalancingScheme: lb.scheme === "internal" ? "INTERNAL_MANAGED" : "EXTERNAL_MANAGED",
    localityLbPolicy: lb.stickiness.enabled ? "RING_HASH" : lb.algorithm === "leastRequests" ? "LEAST_REQUEST" : "ROUND_ROBIN",
    lbUtilizationTarget: rate === undefined ? undefined : GCP_LB_UTILIZATION_TARGET,
    maxRatePerInstance: rate === undefined ? undefined : rate / 60 / GCP_LB_UTILIZATION_TARGET,
    distribution:
      decided.gpu || decided.spot
        ? { targetShape: "BALANCED", redistribution: "NONE" }
        : { targetShape: "EVEN", redistribution: "PROACTIVE" },
    nicType: decided.machineType.startsWith("a3-") ? "GVNIC" : undefined,
    bootDiskType: HYPERDISK_ONLY_SERIES.test(decided.machineType) ? "hyperdisk-balanced" : "pd-balanced",
    image: { source: spec.gcp?.image, updates: spec.gcp?.imageUpdates ?? "pinned" },
    securityPolicy: waf || !allowsEveryone ? { waf, allowlist: !allowsEveryone } : undefined,
    sslPolicy: { profile: "RESTRICTED", minTlsVersion: "TLS_1_2" },
    overrides: spec.gcp?.overrides ?? {},
  };
}

/** The longest a GCP managed instance group waits before autohealing a new instance. */
export const GCP_MAX_AUTOHEALING_DELAY_SECONDS = 3600;

/**
 * What GCP's services cannot do, said before anything is registered: an UnsupportedError for what
 * GCP lacks, SpecIssues (collected) for values outside GCP's limits.
 */
export function rejectUnsupportedOnGcp(
  name: string,
  spec: InferenceServiceSpec,
  raw: { scaleOutCooldownSet: boolean },
  machineType: string,
  issues: SpecIssue[],
): void {
  const unsupported = (field: string, reason: string) => new UnsupportedError(COMPONENT, name, "gcp", field, reason);
  const lb = spec.loadBalancer;
  if (spec.rollout.autoRollback === true) {
    throw unsupported(
      "rollout.autoRollback",
      "a managed instance group rolls forward only: it stops replacing instances that fail their health check, and does not restore the previous template",
    );
  }
  if (spec.spot?.enabled && (spec.spot.onDemandBase ?? 0) > 0) {
    throw unsupported(
      "spot.onDemandBase",
      "a managed instance group runs all-spot or all-standard VMs; use a second service for an on-demand base",
    );
  }
  if (lb.stickiness.enabled && lb.algorithm === "leastRequests") {
    throw unsupported(
      "loadBalancer.algorithm (leastRequests) with loadBalancer.stickiness",
      "session affinity holds only with a hashing balancer (RING_HASH), which cannot also pick the least-loaded instance; choose one",
    );
  }
  if (raw.scaleOutCooldownSet) {
    throw unsupported(
      "scaling.scaleOutCooldownSeconds",
      "the autoscaler has no scale-out cooldown; it ignores booting instances for healthCheck.gracePeriodSeconds instead",
    );
  }
  if (lb.scheme === "internal" && lb.tls.enabled && lb.tls.domain !== undefined) {
    throw unsupported(
      "loadBalancer.tls.domain (internal)",
      "a regional internal load balancer cannot use Google-managed compute certificates; give loadBalancer.tls.certificateId " +
        "(a regional SSL certificate, or a Certificate Manager certificate in the service's region)",
    );
  }
  if (ARM_SERIES.test(machineType)) {
    throw unsupported(
      `gcp.machineType (${machineType})`,
      "Arm machine types cannot boot the x86-64 Container-Optimized OS image the instances run; choose an x86-64 machine type",
    );
  }
  if (A3_SPOT_ONLY.test(machineType) && !spec.spot?.enabled) {
    throw unsupported(
      `compute (${machineType})`,
      "A3 machine types with fewer than 8 GPUs are offered only as Spot or flex-start VMs: set spot.enabled, or ask for 8 H100s",
    );
  }
  const grace = spec.healthCheck.gracePeriodSeconds;
  if (grace !== undefined && grace > GCP_MAX_AUTOHEALING_DELAY_SECONDS) {
    throw unsupported(
      "healthCheck.gracePeriodSeconds",
      `(${grace}) is above ${GCP_MAX_AUTOHEALING_DELAY_SECONDS}, the longest a managed instance group waits before autohealing`,
    );
  }
  const days = lb.accessLogs.retentionDays;
  if (lb.accessLogs.enabled && days !== undefined && days > GCP_MAX_LOG_RETENTION_DAYS) {
    throw unsupported(
      "loadBalancer.accessLogs.retentionDays",
      `(${days}) is above ${GCP_MAX_LOG_RETENTION_DAYS}, the longest a log bucket keeps logs`,
    );
  }
  const keepAliveMax = GCP_KEEPALIVE_SECONDS.max[lb.scheme];
  if (lb.idleTimeoutSeconds < GCP_KEEPALIVE_SECONDS.min || lb.idleTimeoutSeconds > keepAliveMax) {
    issues.push({
      path: "loadBalancer.idleTimeoutSeconds",
      message: `(${lb.idleTimeoutSeconds}) must be ${GCP_KEEPALIVE_SECONDS.min} to ${keepAliveMax} on gcp (the ${lb.scheme} load balancer's HTTP keepalive timeout)`,
    });
  }
}

/** Where a group runs: its zones, and what the catalog could say about them. */
export interface GcpGroupPlacement {
  zones: string[];
  /** True when the zones were picked from the catalog's GPU zones and differ from the network's own. */
  moved: boolean;
  /** Why the GPU's zones were not checked (a region the catalog's table lacks); undefined when checked or no GPU. */
  unchecked: string | undefined;
}

/**
 * The group's zones, as many as the network spans. A CPU group takes the network's zones. A GPU
 * group takes the first of the region's zones that offer its accelerator (core/catalog
 * gcp-gpu-zones): a zone without it never gets an instance, and a BALANCED group would keep
 * asking for one there. Too few such zones is a SpecError on `compute.gpu` that says where the
 * GPU is offered; a region the table lacks keeps the network's zones, unchecked. Pure: the backend
 * calls it once the network's region and zones resolve.
 */
export function placeGcpGroup(
  name: string,
  gpu: { type: GpuType } | undefined,
  region: string,
  networkZones: readonly string[],
): GcpGroupPlacement {
  const kept = { zones: [...networkZones], moved: false, unchecked: undefined };
  const accelerator = gpu ? GCP_ACCELERATOR[gpu.type] : undefined;
  if (!gpu || accelerator === undefined) return kept;
  const offered = gcpGpuZones(region, accelerator);
  if (offered === undefined) {
    return {
      ...kept,
      unchecked:
        `${region} is not in the catalog's GPU zone table, so the group takes the network's zones (${networkZones.join(", ")}) unchecked; ` +
        `check them with gcloud compute accelerator-types list --filter="zone:${region} AND name=${accelerator}"`,
    };
  }
  const needed = networkZones.length;
  if (offered.length < needed) {
    throw new SpecError(COMPONENT, name, [
      { path: "compute.gpu", message: tooFewGpuZones(gpu.type, accelerator, region, offered, needed) },
    ]);
  }
  const zones = offered.slice(0, needed);
  return { zones, moved: zones.join() !== networkZones.join(), unchecked: undefined };
}

function tooFewGpuZones(type: GpuType, accelerator: string, region: string, offered: string[], needed: number): string {
  const plural = (n: number) => `${n} zone${n === 1 ? "" : "s"}`;
  const regions = gcpGpuRegions(accelerator, needed);
  const elsewhere =
    regions.length > 0
      ? `regions that offer it in ${plural(needed)}: ${regions.join(", ")}`
      : `no region in the catalog offers it in ${plural(needed)}`;
  const what = `(${type}, ${accelerator}) is offered in`;
  if (offered.length === 0) return `${what} no zone of ${region}; ${elsewhere}`;
  return `${what} ${plural(offered.length)} of ${region} (${offered.join(", ")}), fewer than the network's ${needed}; give the network ${plural(offered.length)}, or see ${elsewhere}`;
}
