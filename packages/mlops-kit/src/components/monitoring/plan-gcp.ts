import type { Overrides } from "../../core/backend";
import { type NameScope, physicalName } from "../../core/naming";
import type { GcpServiceMetrics } from "../inference-service/info";
import type { OVERRIDE_ROLES } from "./args";
import { type GcpPlatformPolicy, planGcpPlatform } from "./plan-platform";
import {
  ERROR_RATE_WINDOW_MINUTES,
  LATENCY_BREACHING_MINUTES,
  type MonitoringPlanBase,
  type NotAlerted,
  type PlannedService,
  type SloKind,
} from "./slo";

// Metric types and labels: Cloud Monitoring "Google Cloud metrics" (loadbalancing, compute,
// monitoring) and Cloud Load Balancing "Monitoring metrics" (docs.cloud.google.com/load-balancing/docs/metrics):
// `https/...` on resource `https_lb_rule` (global external Application Load Balancer),
// `https/internal/...` on `internal_http_lb_rule` (regional internal Application Load Balancer),
// each with resource label `backend_target_name` (the backend service's name: neither type has a
// `backend_service_name`, which only the `http_load_balancer` log entries carry; a filter on a label
// the type lacks matches no series, so the policy would never fire; cloud.google.com/monitoring/api/resources#tag_https_lb_rule)
// and metric label `response_code_class`.

/** A series filter: metric type, monitored resource type, resource labels from the service's `metrics.gcp`. */
export interface GcpFilter {
  metricType: string;
  resourceType: string;
  /** Resource label -> the field of GcpServiceMetrics whose value it must equal. */
  resourceLabels: Record<string, keyof Omit<GcpServiceMetrics, "loadBalancing">>;
  /** Further clauses, already in filter syntax. */
  extra?: string;
}

export interface GcpAggregation {
  alignmentPeriodSeconds: number;
  perSeriesAligner: string;
  crossSeriesReducer?: string;
  groupByFields?: string[];
}

export interface GcpCondition {
  service: string;
  slo: SloKind | "uptime" | "model";
  displayName: string;
  filter: GcpFilter;
  aggregation: GcpAggregation;
  /** A ratio condition: the series above divided by these. */
  denominator?: { filter: GcpFilter; aggregation: GcpAggregation };
  comparison: "COMPARISON_GT" | "COMPARISON_GE";
  threshold: number;
  durationSeconds: number;
  /** What an absent series means (`EVALUATION_MISSING_DATA_*`); unset: the policy does not change state. */
  evaluationMissingData?: "EVALUATION_MISSING_DATA_INACTIVE" | "EVALUATION_MISSING_DATA_ACTIVE";
}

export interface GcpMonitoringPlan {
  conditions: GcpCondition[];
  /** SLOs Cloud Monitoring has no metric for, with why. */
  notAlerted: { slo: SloKind; reason: string }[];
  /** The path segment of this stack's custom metric types (`custom.googleapis.com/mlops/<segment>/<signal>`). */
  metricPrefix: string;
  modelSignals: {
    metricType: string;
    signal: string;
    valueType: "DOUBLE" | "INT64";
    field: "driftScoreMax" | "predictionShiftMax" | "dataQualityFailuresMax";
  }[];
  uptime: { periodSeconds: number; timeoutSeconds: number; checkerType: "STATIC_IP_CHECKERS"; regions: string[] };
  billingAccount: string | undefined;
  /** Policies on training clusters and feature stores, and the signals GCP does not expose. */
  platform: { policies: GcpPlatformPolicy[]; notAlerted: NotAlerted[] };
  overrides: Overrides<(typeof OVERRIDE_ROLES.gcp)[number]>;
}

/** Uptime check regions: at least 3 (UptimeCheckConfig `selectedRegions`: "at least 3 locations must be selected"). */
export const GCP_UPTIME_REGIONS = ["USA", "EUROPE", "ASIA_PACIFIC"];
export const GCP_UNHEALTHY_REASON =
  "Cloud Monitoring has no metric of a backend service's unhealthy backends; the instance group's autohealing replaces them, and the uptime check and saturation alerts cover the symptom";

export function planGcpMonitoring(
  base: MonitoringPlanBase,
  scope: NameScope,
  o: { billingAccount: string | undefined; overrides: GcpMonitoringPlan["overrides"] },
): GcpMonitoringPlan {
  const metricPrefix = `custom.googleapis.com/mlops/${physicalName("gcpMetricSegment", [base.name], scope)}`;
  return {
    conditions: base.services.flatMap((s) => serviceConditions(s)),
    notAlerted: base.services.length > 0 ? [{ slo: "unhealthy", reason: GCP_UNHEALTHY_REASON }] : [],
    metricPrefix,
    modelSignals: [
      { signal: "drift", metricType: `${metricPrefix}/drift_score`, valueType: "DOUBLE", field: "driftScoreMax" },
      { signal: "prediction-shift", metricType: `${metricPrefix}/prediction_shift`, valueType: "DOUBLE", field: "predictionShiftMax" },
      { signal: "data-quality", metricType: `${metricPrefix}/data_quality_failures`, valueType: "INT64", field: "dataQualityFailuresMax" },
    ],
    // Periods 60, 300, 600 or 900 s; a timeout of 1-60 s (UptimeCheckConfig `period`, `timeout`).
    uptime: { periodSeconds: 60, timeoutSeconds: 10, checkerType: "STATIC_IP_CHECKERS", regions: GCP_UPTIME_REGIONS },
    billingAccount: o.billingAccount,
    platform: planGcpPlatform(base),
    overrides: o.overrides,
  };
}

/** The load balancer's metric prefix and monitored resource, by which Application Load Balancer serves. */
export function lbMetrics(scheme: PlannedService["scheme"]): { prefix: string; resourceType: string } {
  // A public service is behind the global external ALB, an internal one behind the regional internal ALB.
  return scheme === "public"
    ? { prefix: "loadbalancing.googleapis.com/https", resourceType: "https_lb_rule" }
    : { prefix: "loadbalancing.googleapis.com/https/internal", resourceType: "internal_http_lb_rule" };
}

/** The SLO conditions of one service, exactly as Cloud Monitoring evaluates them. */
export function serviceConditions(s: PlannedService): GcpCondition[] {
  const { prefix, resourceType } = lbMetrics(s.scheme);
  const byBackend = { backend_target_name: "backendServiceName" } as const;
  const requests: GcpFilter = { metricType: `${prefix}/request_count`, resourceType, resourceLabels: byBackend };
  const fiveXx: GcpFilter = { ...requests, extra: "metric.label.response_code_class=500" };
  const rate = (minutes: number): GcpAggregation => ({
    alignmentPeriodSeconds: minutes * 60,
    perSeriesAligner: "ALIGN_DELTA",
    crossSeriesReducer: "REDUCE_SUM",
    groupByFields: ["resource.label.backend_target_name"],
  });
  const ratio = (slo: "availability" | "errorRate", minutes: number, percent: number, what: string): GcpCondition => ({
    service: s.name,
    slo,
    displayName: `${s.name} ${what}`,
    filter: fiveXx,
    aggregation: rate(minutes),
    denominator: { filter: requests, aggregation: rate(minutes) },
    comparison: "COMPARISON_GT",
    // A ratio condition compares a fraction, not a percentage.
    threshold: round(percent / 100),
    durationSeconds: 0,
    evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
  });
  const latency = (slo: "latencyP95" | "latencyP99", reducer: string, ms: number): GcpCondition => ({
    service: s.name,
    slo,
    displayName: `${s.name} ${slo === "latencyP95" ? "p95" : "p99"} latency above ${ms} ms`,
    // total_latencies is a distribution in ms: deltas per minute, merged across series, then the percentile.
    filter: { metricType: `${prefix}/total_latencies`, resourceType, resourceLabels: byBackend },
    aggregation: {
      alignmentPeriodSeconds: 60,
      perSeriesAligner: "ALIGN_DELTA",
      crossSeriesReducer: reducer,
      groupByFields: ["resource.label.backend_target_name"],
    },
    comparison: "COMPARISON_GT",
    threshold: ms,
    durationSeconds: LATENCY_BREACHING_MINUTES * 60,
    evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
  });
  return [
    ratio(
      "availability",
      s.slo.availabilityWindowMinutes,
      100 - s.slo.availabilityPercent,
      `availability below ${s.slo.availabilityPercent} %`,
    ),
    ratio("errorRate", ERROR_RATE_WINDOW_MINUTES, s.slo.errorRatePercent, `5xx above ${s.slo.errorRatePercent} %`),
    latency("latencyP95", "REDUCE_PERCENTILE_95", s.slo.latencyP95Ms),
    latency("latencyP99", "REDUCE_PERCENTILE_99", s.slo.latencyP99Ms),
    {
      service: s.name,
      slo: "saturation",
      displayName: `${s.name} at its maximum of ${s.maxInstances} instances`,
      // The managed instance group's instance group has the group's name.
      filter: {
        metricType: "compute.googleapis.com/instance_group/size",
        resourceType: "instance_group",
        resourceLabels: { instance_group_name: "instanceGroupManagerName" },
      },
      aggregation: { alignmentPeriodSeconds: 60, perSeriesAligner: "ALIGN_MIN" },
      comparison: "COMPARISON_GE",
      threshold: s.maxInstances,
      durationSeconds: s.slo.saturationMinutes * 60,
    },
  ];
}

/** The uptime condition of a service's check: false results from any region (the documented uptime alert). */
export function uptimeCondition(service: string): Omit<GcpCondition, "filter"> & { metricType: string } {
  return {
    service,
    slo: "uptime",
    displayName: `${service} uptime check failing`,
    metricType: "monitoring.googleapis.com/uptime_check/check_passed",
    aggregation: {
      alignmentPeriodSeconds: 1200,
      perSeriesAligner: "ALIGN_NEXT_OLDER",
      crossSeriesReducer: "REDUCE_COUNT_FALSE",
      groupByFields: ["resource.label.project_id", "resource.label.host"],
    },
    comparison: "COMPARISON_GT",
    threshold: 1,
    durationSeconds: 60,
  };
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}
