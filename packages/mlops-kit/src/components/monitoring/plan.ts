import type { Overrides } from "../../core/backend";
import { byCloud, type CloudId } from "../../core/cloud";
import type { DeployContext } from "../../core/context";
import { SpecError, type SpecIssue } from "../../core/errors";
import { cloudwatchRetentionDays, keyDeletionWindowDays, LOG_ANALYTICS_RETENTION_DAYS } from "../../core/logs";
import type { KnownFeatureStore } from "../feature-store/ref";
import type { KnownService } from "../inference-service/ref";
import type { KnownCluster } from "../training-cluster/ref";
import type { OVERRIDE_ROLES } from "./args";
import { type AwsMonitoringPlan, planAwsMonitoring } from "./plan-aws";
import { type AzureMonitoringPlan, planAzureMonitoring } from "./plan-azure";
import { type GcpMonitoringPlan, planGcpMonitoring } from "./plan-gcp";
import { planPlatform, platformThresholds } from "./platform";
import { LOG_RETENTION_DEFAULTS, type MonitoringPlanBase, type PlannedService, SLO_PROFILE_DEFAULTS, TYPE } from "./slo";
import type { MonitoringStackSpec } from "./spec";

export * from "./slo";

export interface MonitoringPlan extends MonitoringPlanBase {
  aws?: AwsMonitoringPlan;
  gcp?: GcpMonitoringPlan;
  azure?: AzureMonitoringPlan;
}

/** Everything decided for a monitoring stack: pure, from the spec, the services' known facts and the context. */
export function planMonitoringStack(
  name: string,
  spec: MonitoringStackSpec,
  known: KnownService[],
  ctx: DeployContext,
  platform: { clusters: KnownCluster[]; featureStores: KnownFeatureStore[] } = { clusters: [], featureStores: [] },
): MonitoringPlan {
  checkServices(name, spec, known, ctx.cloud);
  const { clusters, featureStores } = planPlatform(name, ctx.cloud, platform.clusters, platform.featureStores);
  const services = known.map((s, index): PlannedService => {
    const slo = { ...SLO_PROFILE_DEFAULTS[ctx.profile], ...defined(spec.slo), ...defined(spec.serviceSlos?.[s.name]) };
    return {
      index,
      name: s.name,
      scheme: s.scheme,
      maxInstances: s.maxInstances,
      slo,
      uptime: spec.uptime.enabled && s.scheme === "public",
    };
  });
  checkSlos(name, services);
  const logRetentionDays = spec.logs?.retentionDays ?? LOG_RETENTION_DEFAULTS[ctx.profile];
  const base = {
    name,
    cloud: ctx.cloud,
    profile: ctx.profile,
    tags: ctx.tags,
    services,
    uptimeSkipped: spec.uptime.enabled ? known.filter((s) => s.scheme !== "public").map((s) => s.name) : [],
    models: (spec.models ?? []).map((m) => ({ ...m })),
    clusters,
    featureStores,
    platformAlerts: platformThresholds(ctx.profile, spec.platformAlerts),
    notifications: { emails: [...spec.notifications.emails], webhookCount: spec.notifications.webhooks.length },
    budget: spec.budget ? { ...spec.budget, thresholdsPercent: [...spec.budget.thresholdsPercent] } : undefined,
    logRetentionDays,
    retain: ctx.profile === "prod",
  };
  // Only the chosen cloud is planned: each part refuses what its cloud cannot do.
  return byCloud<() => MonitoringPlan>(ctx.cloud, {
    aws: () => ({
      ...base,
      aws: planAwsMonitoring(base, ctx.scope, {
        logRetentionDays: cloudwatchRetentionDays(logRetentionDays),
        keyDeletionWindowDays: keyDeletionWindowDays(ctx.profile),
        overrides: (spec.aws?.overrides ?? {}) as Overrides<(typeof OVERRIDE_ROLES.aws)[number]>,
      }),
    }),
    gcp: () => ({
      ...base,
      gcp: planGcpMonitoring(base, ctx.scope, {
        billingAccount: spec.gcp?.billingAccount,
        overrides: (spec.gcp?.overrides ?? {}) as Overrides<(typeof OVERRIDE_ROLES.gcp)[number]>,
      }),
    }),
    azure: () => ({
      ...base,
      azure: planAzureMonitoring(base, ctx.scope, {
        resourceGroupName: spec.azure?.resourceGroupName,
        location: spec.azure?.location ?? ctx.region,
        logRetentionDays: Math.min(Math.max(logRetentionDays, LOG_ANALYTICS_RETENTION_DAYS.min), LOG_ANALYTICS_RETENTION_DAYS.max),
        overrides: (spec.azure?.overrides ?? {}) as Overrides<(typeof OVERRIDE_ROLES.azure)[number]>,
      }),
    }),
  })();
}

function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Services must be on this stack's cloud, named once each; `serviceSlos` must name watched services. */
function checkServices(name: string, spec: MonitoringStackSpec, known: KnownService[], cloud: CloudId): void {
  const issues: SpecIssue[] = [];
  const seen = new Map<string, number>();
  known.forEach((s, i) => {
    if (s.cloud !== cloud)
      issues.push({ path: `services.${i}`, message: `is InferenceService "${s.name}" on ${s.cloud}; this stack is on ${cloud}` });
    const first = seen.get(s.name);
    if (first !== undefined)
      issues.push({ path: `services.${i}`, message: `watches InferenceService "${s.name}" again (services.${first})` });
    else seen.set(s.name, i);
  });
  for (const key of Object.keys(spec.serviceSlos ?? {})) {
    if (!seen.has(key))
      issues.push({ path: `serviceSlos.${key}`, message: `names no watched service; services: ${[...seen.keys()].join(", ")}` });
  }
  if (issues.length > 0) throw new SpecError(TYPE, name, issues);
}

/** p99 below p95 would page on the p99 alarm first for the same slowness: the order is a rule. */
function checkSlos(name: string, services: PlannedService[]): void {
  const issues: SpecIssue[] = [];
  for (const s of services) {
    if (s.slo.latencyP99Ms < s.slo.latencyP95Ms) {
      issues.push({
        path: `serviceSlos.${s.name}`,
        message: `latencyP99Ms (${s.slo.latencyP99Ms}) must be >= latencyP95Ms (${s.slo.latencyP95Ms})`,
      });
    }
  }
  if (issues.length > 0) throw new SpecError(TYPE, name, issues);
}
