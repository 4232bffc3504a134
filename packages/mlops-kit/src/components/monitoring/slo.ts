import type { CloudId, Profile } from "../../core/cloud";
import type { Tags } from "../../core/tags";
import type { KnownService } from "../inference-service/ref";
import type { SloSpec } from "./spec";

/** The component's name in errors. */
export const TYPE = "MonitoringStack";

// The neutral decisions the cloud parts of a monitoring plan are made from (apart from plan.ts,
// which imports the cloud parts, so that they need not import it back).

/** The objectives every service is alerted on. */
export const SloKind = {
  availability: "availability",
  errorRate: "errorRate",
  latencyP95: "latencyP95",
  latencyP99: "latencyP99",
  saturation: "saturation",
  unhealthy: "unhealthy",
} as const;
export type SloKind = (typeof SloKind)[keyof typeof SloKind];

/** A service's objectives, every field decided. */
export type ServiceSlo = Required<{ [K in keyof SloSpec]: NonNullable<SloSpec[K]> }>;

/** SLO defaults by profile: dev tolerates more before it tells anyone. */
export const SLO_PROFILE_DEFAULTS: Record<Profile, ServiceSlo> = {
  dev: {
    availabilityPercent: 99,
    availabilityWindowMinutes: 60,
    errorRatePercent: 10,
    latencyP95Ms: 1000,
    latencyP99Ms: 3000,
    saturationMinutes: 30,
    unhealthyMinutes: 10,
  },
  prod: {
    availabilityPercent: 99.9,
    availabilityWindowMinutes: 60,
    errorRatePercent: 5,
    latencyP95Ms: 500,
    latencyP99Ms: 1500,
    saturationMinutes: 15,
    unhealthyMinutes: 5,
  },
};

/** The short window the error rate is measured over (the fast signal; availability is the slow one). */
export const ERROR_RATE_WINDOW_MINUTES = 5;
/** Latency percentiles are judged on 1-minute points, this many of which must breach out of {@link LATENCY_EVALUATION_MINUTES}. */
export const LATENCY_BREACHING_MINUTES = 3;
export const LATENCY_EVALUATION_MINUTES = 5;

export const LOG_RETENTION_DEFAULTS: Record<Profile, number> = { dev: 30, prod: 365 };

export interface PlannedService {
  /** Index in `services`. */
  index: number;
  name: string;
  scheme: KnownService["scheme"];
  maxInstances: number;
  slo: ServiceSlo;
  /** Whether a synthetic check probes its health path (public services, with `uptime.enabled`). */
  uptime: boolean;
}

export interface PlannedModel {
  name: string;
  driftScoreMax: number;
  predictionShiftMax: number;
  dataQualityFailuresMax: number;
  periodMinutes: number;
}

/** Thresholds of the training cluster and feature store alerts, every field decided. */
export interface PlatformThresholds {
  gpuPendingMinutes: number;
  onlineErrorRatePercent: number;
  onlineLatencyP95Ms: number;
  syncFailuresMax: number;
}

/** Platform thresholds by profile: dev waits longer and tolerates more before it tells anyone. */
export const PLATFORM_PROFILE_DEFAULTS: Record<Profile, PlatformThresholds> = {
  dev: { gpuPendingMinutes: 30, onlineErrorRatePercent: 5, onlineLatencyP95Ms: 100, syncFailuresMax: 0 },
  prod: { gpuPendingMinutes: 15, onlineErrorRatePercent: 1, onlineLatencyP95Ms: 50, syncFailuresMax: 0 },
};

/** A watched TrainingCluster. */
export interface PlannedCluster {
  /** Index in `training`. */
  index: number;
  name: string;
}

/** A watched FeatureStore. */
export interface PlannedFeatureStore {
  /** Index in `featureStores`. */
  index: number;
  name: string;
  /** Groups served online, whose reads are alerted on. */
  onlineGroups: string[];
}

/** The platform signals a cloud does not expose, with why (shown in the plan and the README). */
export interface NotAlerted {
  subject: string;
  signal: PlatformSignal;
  reason: string;
}

/** The training cluster and feature store signals. */
export const PlatformSignal = {
  gpuPending: "gpuPending",
  onlineErrorRate: "onlineErrorRate",
  onlineLatencyP95: "onlineLatencyP95",
  syncFailures: "syncFailures",
} as const;
export type PlatformSignal = (typeof PlatformSignal)[keyof typeof PlatformSignal];

/** The neutral plan every cloud's part is made from. */
export interface MonitoringPlanBase {
  name: string;
  cloud: CloudId;
  profile: Profile;
  tags: Tags;
  services: PlannedService[];
  /** Internal services no synthetic check can reach, with `uptime.enabled`. */
  uptimeSkipped: string[];
  models: PlannedModel[];
  clusters: PlannedCluster[];
  featureStores: PlannedFeatureStore[];
  platformAlerts: PlatformThresholds;
  notifications: { emails: string[]; webhookCount: number };
  budget: { monthlyAmount: number; currency: string; thresholdsPercent: number[] } | undefined;
  /** Days the monitoring logs are kept (as asked; each cloud rounds to what it accepts). */
  logRetentionDays: number;
  /** Keep the notification key and log workspace when the stack is destroyed (prod). */
  retain: boolean;
}

/** The smallest window Azure accepts that covers `minutes`, in ISO 8601. */
export function isoWindow(minutes: number, allowed: readonly number[]): string {
  const m = allowed.find((w) => w >= minutes) ?? allowed[allowed.length - 1] ?? minutes;
  return m % 1440 === 0 ? `P${m / 1440}D` : m % 60 === 0 ? `PT${m / 60}H` : `PT${m}M`;
}
