import type * as pulumi from "@pulumi/pulumi";
import type { PassThroughArgs } from "../../core/backend";
import type { Cloud, Profile } from "../../core/cloud";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { ClusterInfo } from "../training-cluster/info";

// The public arguments of a MonitoringStack: what a user writes, documented field by field.
// spec.ts validates them (the zod schema) and re-exports them.

/**
 * Service level objectives of an InferenceService. Each becomes an alert on the cloud's own
 * metrics of the service's load balancer and instance group (the per-cloud tables are in the README).
 */
export interface SloArgs {
  /**
   * Share of requests answered without a 5xx (by the model or the load balancer), in percent, over
   * `availabilityWindowMinutes`. Below it, the availability alert fires.
   * @default 99 in dev, 99.9 in prod
   */
  availabilityPercent?: number | undefined;
  /** The window availability is measured over, 5 to 1440 minutes. @default 60 */
  availabilityWindowMinutes?: number | undefined;
  /**
   * Share of requests answered with a 5xx over 5 minutes, in percent, above which the error-rate
   * alert fires: the fast signal beside availability's slow one.
   * @default 10 in dev, 5 in prod
   */
  errorRatePercent?: number | undefined;
  /** 95th percentile of the load balancer's response time, in ms. @default 1000 in dev, 500 in prod */
  latencyP95Ms?: number | undefined;
  /** 99th percentile of the load balancer's response time, in ms. @default 3000 in dev, 1500 in prod */
  latencyP99Ms?: number | undefined;
  /** Minutes the instance group may stay at its maximum before the saturation alert fires. @default 30 in dev, 15 in prod */
  saturationMinutes?: number | undefined;
  /** Minutes an unhealthy instance behind the load balancer is tolerated before the alert fires. @default 10 in dev, 5 in prod */
  unhealthyMinutes?: number | undefined;
}

/** Synthetic checks of each public service's health path, from outside the cloud's network. */
export interface UptimeArgs {
  /**
   * Check every public service (Route 53 health check, Cloud Monitoring uptime check, Application
   * Insights standard test). Internal services are not checked: none of the three probes reaches a
   * private address without extra networking (the plan lists them in `uptime.skipped`).
   * @default true
   */
  enabled?: boolean | undefined;
}

/**
 * Health signals of one model that its own monitor job publishes as custom metrics (the metric
 * names and how to publish them are in the README). An alert fires when a signal passes its threshold.
 */
export interface ModelSignalArgs {
  /** The model's name, as the monitor job labels its metrics (1–64 of letters, digits, `.`, `_`, `-`). */
  name: string;
  /** Drift score above which the drift alert fires. @default 0.3 */
  driftScoreMax?: number | undefined;
  /** Prediction distribution shift above which the alert fires. @default 0.3 */
  predictionShiftMax?: number | undefined;
  /** Data-quality failures per period above which the alert fires. @default 0 */
  dataQualityFailuresMax?: number | undefined;
  /** How often the job publishes, in minutes (the alerts' period), 5 to 1440. @default 60 */
  periodMinutes?: number | undefined;
}

/**
 * Thresholds of the training cluster and feature store alerts (which signal each cloud exposes is
 * in the README's per-cloud table; a signal a cloud lacks is listed in the plan's `platformNotAlerted`).
 */
export interface PlatformAlertArgs {
  /**
   * Minutes pods may stay unschedulable (a GPU pool that cannot get capacity) before the alert fires, 1 to 1440. On GCP the
   * alert is a log match that fires at the autoscaler's first noScaleUp event, and this only spaces its repeats (at least 5 minutes).
   * @default 30 in dev, 15 in prod
   */
  gpuPendingMinutes?: number | undefined;
  /** Share of online-store reads that fail (5xx or throttled) over 5 minutes, in percent, above which the alert fires. @default 5 in dev, 1 in prod */
  onlineErrorRatePercent?: number | undefined;
  /** 95th percentile of online-store read latency, in ms, above which the alert fires. @default 100 in dev, 50 in prod */
  onlineLatencyP95Ms?: number | undefined;
  /** Failed feature syncs (materialization jobs) per hour above which the alert fires. @default 0 */
  syncFailuresMax?: number | undefined;
}

/** Who is told. Webhook URLs carry tokens: pass them as secrets (`config.requireSecret`). */
export interface NotificationArgs {
  /** Email addresses (AWS and GCP ask each address to confirm). @default none */
  emails?: string[] | undefined;
  /** HTTPS webhook URLs (Slack, Teams, PagerDuty); never shown in plans or messages. @default none */
  webhooks?: pulumi.Input<string>[] | undefined;
}

/** A monthly cost budget. */
export interface BudgetArgs {
  /** The monthly amount, in `currency`. */
  monthlyAmount: number;
  /** The budget's currency (AWS Budgets takes USD; GCP the billing account's; Azure the subscription's). @default "USD" */
  currency?: string | undefined;
  /** Percentages of the amount at which actual spend notifies, ascending, 1 to 1000. @default [80, 100] */
  thresholdsPercent?: number[] | undefined;
}

/** The platform's monitoring logs. */
export interface MonitoringLogsArgs {
  /** Days to keep them (Azure's Log Analytics workspace: 30–730). @default 30 in dev, 365 in prod */
  retentionDays?: number | undefined;
}

/** AWS-only settings. */
export interface MonitoringStackAwsArgs {
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `topicKey`, `topic`,
   * `alarm`, `compositeAlarm`, `dashboard`, `healthCheck`, `budget`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** GCP-only settings. */
export interface MonitoringStackGcpArgs {
  /** The billing account (`012345-6789AB-CDEF01`) the budget is on. Without it, no budget is made on GCP. @default none */
  billingAccount?: string | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `notificationChannel`,
   * `alertPolicy`, `uptimeCheck`, `dashboard`, `metricDescriptor`, `budget`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** Azure-only settings. */
export interface MonitoringStackAzureArgs {
  /** The resource group for the monitoring resources. @default the first service's resource group */
  resourceGroupName?: string | undefined;
  /** Location of the workspace, Application Insights and workbook. @default the stack's `azure-native:location` */
  location?: string | undefined;
  /**
   * Extra arguments merged over a child resource's own, keyed by role: `actionGroup`, `workspace`,
   * `diagnosticSetting`, `appInsights`, `webTest`, `metricAlert`, `queryAlert`, `workbook`, `budget`.
   * @default no overrides
   */
  overrides?: Record<string, PassThroughArgs> | undefined;
}

/** The spec of a {@link MonitoringStack}: alerts, checks, dashboards, notifications and a budget for a platform. */
export interface MonitoringStackArgs {
  /** The cloud to build on. @default the stack's `mlops:cloud` */
  cloud?: Cloud;
  /** Defaults for thresholds and retention. @default the stack's `mlops:profile`, else "dev" */
  profile?: Profile;
  /**
   * InferenceServices to watch: their `info` outputs (`services: [api.info]`), from this program, or
   * plain values (read from a stack reference and passed as an object). 1 to 20.
   */
  services: pulumi.Input<InferenceServiceInfo>[];
  /** SLOs every service gets. @default the profile's (see SloArgs) */
  slo?: SloArgs | undefined;
  /** SLOs of one service, by the service's name, over `slo`. @default none */
  serviceSlos?: Record<string, SloArgs> | undefined;
  /**
   * TrainingClusters whose GPU pools are watched for pods stuck pending: their `info` outputs
   * (`training: [cluster.info]`), or plain values. Up to 10.
   * @default none
   */
  training?: pulumi.Input<ClusterInfo>[] | undefined;
  /**
   * FeatureStores whose online store (errors, p95 latency) and feature syncs are watched: their
   * `info` outputs (`featureStores: [fs.info]`), or plain values. Up to 10.
   * @default none
   */
  featureStores?: pulumi.Input<FeatureStoreInfo>[] | undefined;
  /** Thresholds of the training cluster and feature store alerts. @default the profile's (see PlatformAlertArgs) */
  platformAlerts?: PlatformAlertArgs | undefined;
  /** Synthetic checks of the public services. @default on */
  uptime?: UptimeArgs | undefined;
  /** Models whose health signals are alerted on. @default none */
  models?: ModelSignalArgs[] | undefined;
  /** Who is told. @default nobody (the policy packs require a target in prod) */
  notifications?: NotificationArgs | undefined;
  /** A monthly cost budget. @default none */
  budget?: BudgetArgs | undefined;
  /** Log retention. @default 30 days in dev, 365 in prod */
  logs?: MonitoringLogsArgs | undefined;
  /** Tags (labels on GCP) for every resource, over the defaults. @default {} */
  tags?: Record<string, string> | undefined;
  aws?: MonitoringStackAwsArgs | undefined;
  gcp?: MonitoringStackGcpArgs | undefined;
  azure?: MonitoringStackAzureArgs | undefined;
}

/** Children whose arguments `overrides` can extend, per cloud. */
export const OVERRIDE_ROLES = {
  aws: ["topicKey", "topic", "alarm", "compositeAlarm", "dashboard", "healthCheck", "budget"],
  gcp: ["notificationChannel", "alertPolicy", "uptimeCheck", "dashboard", "metricDescriptor", "budget"],
  azure: ["actionGroup", "workspace", "diagnosticSetting", "appInsights", "webTest", "metricAlert", "queryAlert", "workbook", "budget"],
} as const;
