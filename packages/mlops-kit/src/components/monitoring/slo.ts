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
  notifications: { emails: string[]; webhookCount: number };
  budget: { monthlyAmount: number; currency: string; thresholdsPercent: number[] } | undefined;
  /** Days the monitoring logs are kept (as asked; each cloud rounds to what it accepts). */
  logRetentionDays: number;
  /** Keep the notification key and log workspace when the stack is destroyed (prod). */
  retain: boolean;
}
