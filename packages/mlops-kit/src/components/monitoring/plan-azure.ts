import { createHash } from "node:crypto";
import type { Overrides } from "../../core/backend";
import { SpecError } from "../../core/errors";
import { type NameScope, physicalName } from "../../core/naming";
import type { OVERRIDE_ROLES } from "./args";
import { type AzurePlatformAlert, planAzurePlatform } from "./plan-platform";
import {
  ERROR_RATE_WINDOW_MINUTES,
  isoWindow,
  LATENCY_EVALUATION_MINUTES,
  type MonitoringPlanBase,
  type NotAlerted,
  type PlannedService,
  type SloKind,
  TYPE,
} from "./slo";

// Metric names and dimensions: "Supported metrics for Microsoft.Network/applicationGateways"
// (UnhealthyHostCount, ResponseStatus by HttpStatusGroup) and "Supported metrics for
// microsoft.insights/autoscalesettings" (ObservedCapacity). Azure Monitor metric alerts aggregate by
// Average/Minimum/Maximum/Total/Count only and cannot divide one metric by another, so the
// percentile and ratio SLOs are log search alerts over the gateway's access log, sent by a diagnostic
// setting to the workspace's AGWAccessLogs table (learn.microsoft.com/azure/azure-monitor/reference/tables/agwaccesslogs:
// HttpStatus int; TimeTaken real, seconds).

/** Where a log alert's query runs. */
export const AzureQueryScope = { workspace: "workspace", appInsights: "appInsights" } as const;
export type AzureQueryScope = (typeof AzureQueryScope)[keyof typeof AzureQueryScope];

export interface AzureQueryAlert {
  /** The service or model it watches. */
  subject: string;
  slo: SloKind | "drift" | "prediction-shift" | "data-quality";
  description: string;
  scope: AzureQueryScope;
  /** KQL; `{gatewayId}` stands for the service's Application Gateway id. */
  query: string;
  metricMeasureColumn: string;
  threshold: number;
  windowSize: string;
  evaluationFrequency: string;
  severity: number;
}

export interface AzureMetricAlert {
  service: string;
  slo: SloKind;
  description: string;
  /** Which of the service's resources the metric is on. */
  target: "applicationGateway" | "autoscaleSetting";
  metricNamespace: string;
  metricName: string;
  timeAggregation: "Maximum" | "Minimum" | "Average";
  operator: "GreaterThan" | "GreaterThanOrEqual";
  threshold: number;
  windowSize: string;
  evaluationFrequency: string;
  severity: number;
}

export interface AzureMonitoringPlan {
  resourceGroupName: string | undefined;
  location: string;
  logRetentionDays: number;
  actionGroupShortName: string;
  queryAlerts: AzureQueryAlert[];
  metricAlerts: AzureMetricAlert[];
  /** Standard web tests: locations (at least 5 recommended; ids from "Availability tests: location population tags"). */
  webTest: { frequencySeconds: number; timeoutSeconds: number; locations: string[]; failedLocationCount: number };
  /** The workbook's resource name: Azure takes only a GUID. */
  workbookId: string;
  /** Alerts on training clusters and feature stores, and the signals Azure does not expose. */
  platform: { alerts: AzurePlatformAlert[]; notAlerted: NotAlerted[] };
  overrides: Overrides<(typeof OVERRIDE_ROLES.azure)[number]>;
}

/** Metric alert windows Azure accepts (MetricAlert `windowSize`). */
export const AZURE_METRIC_WINDOWS_MINUTES = [1, 5, 15, 30, 60, 360, 720, 1440];
/** Log search alert windows Azure accepts (ScheduledQueryRule `windowSize`, "Create a log search alert rule"). */
export const AZURE_QUERY_WINDOWS_MINUTES = [5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 1440, 2880];
export const AZURE_WEB_TEST_LOCATIONS = ["us-va-ash-azr", "us-ca-sjc-azr", "emea-nl-ams-azr", "emea-gb-db3-azr", "apac-sg-sin-azr"];
export const APP_INSIGHTS_MODEL_METRICS = {
  drift: "DriftScore",
  "prediction-shift": "PredictionShift",
  "data-quality": "DataQualityFailures",
} as const;

export function planAzureMonitoring(
  base: MonitoringPlanBase,
  scope: NameScope,
  o: {
    resourceGroupName: string | undefined;
    location: string | undefined;
    logRetentionDays: number;
    overrides: AzureMonitoringPlan["overrides"];
  },
): AzureMonitoringPlan {
  if (o.location === undefined) {
    throw new SpecError(TYPE, base.name, [
      { path: "azure.location", message: "is required when the stack does not set azure-native:location" },
    ]);
  }
  return {
    resourceGroupName: o.resourceGroupName,
    location: o.location,
    logRetentionDays: o.logRetentionDays,
    actionGroupShortName: physicalName("azureActionGroupShortName", [base.name], scope),
    queryAlerts: [...base.services.flatMap(serviceQueryAlerts), ...base.models.flatMap(modelQueryAlerts)],
    metricAlerts: base.services.flatMap(serviceMetricAlerts),
    // Frequency 300, 600 or 900 s; timeout 30 s at most for standard tests (WebTest `frequency`, `timeout`).
    webTest: { frequencySeconds: 300, timeoutSeconds: 30, locations: AZURE_WEB_TEST_LOCATIONS, failedLocationCount: 2 },
    workbookId: guid(scope.project, scope.stack, base.name, "workbook"),
    platform: planAzurePlatform(base),
    overrides: o.overrides,
  };
}

export { isoWindow };

const ACCESS_LOG = (filter: string) => `AGWAccessLogs\n| where _ResourceId =~ "{gatewayId}"${filter}`;

function serviceQueryAlerts(s: PlannedService): AzureQueryAlert[] {
  const ratio = (slo: "availability" | "errorRate", minutes: number, percent: number, description: string): AzureQueryAlert => ({
    subject: s.name,
    slo,
    description: `${s.name}: ${description}`,
    scope: "workspace",
    query: `${ACCESS_LOG("")}\n| summarize total = count(), failed = countif(HttpStatus >= 500)\n| extend failedPercent = iff(total == 0, 0.0, 100.0 * failed / total)`,
    metricMeasureColumn: "failedPercent",
    threshold: percent,
    windowSize: isoWindow(minutes, AZURE_QUERY_WINDOWS_MINUTES),
    evaluationFrequency: "PT5M",
    severity: 1,
  });
  const latency = (slo: "latencyP95" | "latencyP99", p: number, ms: number): AzureQueryAlert => ({
    subject: s.name,
    slo,
    description: `${s.name}: p${p} response time above ${ms} ms`,
    scope: "workspace",
    query: `${ACCESS_LOG("")}\n| summarize latencyMs = percentile(TimeTaken, ${p}) * 1000`,
    metricMeasureColumn: "latencyMs",
    threshold: ms,
    windowSize: isoWindow(LATENCY_EVALUATION_MINUTES, AZURE_QUERY_WINDOWS_MINUTES),
    evaluationFrequency: "PT5M",
    severity: 2,
  });
  return [
    ratio(
      "availability",
      s.slo.availabilityWindowMinutes,
      round(100 - s.slo.availabilityPercent),
      `availability below ${s.slo.availabilityPercent} %`,
    ),
    ratio("errorRate", ERROR_RATE_WINDOW_MINUTES, s.slo.errorRatePercent, `5xx above ${s.slo.errorRatePercent} %`),
    latency("latencyP95", 95, s.slo.latencyP95Ms),
    latency("latencyP99", 99, s.slo.latencyP99Ms),
  ];
}

function serviceMetricAlerts(s: PlannedService): AzureMetricAlert[] {
  const frequency = (window: string) => (window === "PT1M" ? "PT1M" : "PT5M");
  const saturationWindow = isoWindow(s.slo.saturationMinutes, AZURE_METRIC_WINDOWS_MINUTES);
  const unhealthyWindow = isoWindow(s.slo.unhealthyMinutes, AZURE_METRIC_WINDOWS_MINUTES);
  return [
    {
      service: s.name,
      slo: "saturation",
      description: `${s.name}: the scale set has stayed at its maximum of ${s.maxInstances} instances`,
      target: "autoscaleSetting",
      metricNamespace: "microsoft.insights/autoscalesettings",
      metricName: "ObservedCapacity",
      // ObservedCapacity is published with the Average aggregation only ("Supported metrics for
      // microsoft.insights/autoscalesettings"), and capacity never exceeds the maximum: an average
      // at the maximum means it stayed there the whole window.
      timeAggregation: "Average",
      operator: "GreaterThanOrEqual",
      threshold: s.maxInstances,
      windowSize: saturationWindow,
      evaluationFrequency: frequency(saturationWindow),
      severity: 2,
    },
    {
      service: s.name,
      slo: "unhealthy",
      description: `${s.name}: a backend has failed the gateway's health probe`,
      target: "applicationGateway",
      metricNamespace: "Microsoft.Network/applicationGateways",
      metricName: "UnhealthyHostCount",
      // Published with the Average aggregation only: an average of at least one unhealthy host over
      // the window is one host's worth of unhealthy minutes, so a blip shorter than the window is tolerated.
      timeAggregation: "Average",
      operator: "GreaterThanOrEqual",
      threshold: 1,
      windowSize: unhealthyWindow,
      evaluationFrequency: frequency(unhealthyWindow),
      severity: 1,
    },
  ];
}

function modelQueryAlerts(m: MonitoringPlanBase["models"][number]): AzureQueryAlert[] {
  const signals = [
    ["drift", m.driftScoreMax, "max(value)"],
    ["prediction-shift", m.predictionShiftMax, "max(value)"],
    ["data-quality", m.dataQualityFailuresMax, "sum(value)"],
  ] as const;
  return signals.map(([signal, threshold, agg]) => ({
    subject: m.name,
    slo: signal,
    description: `model ${m.name}: ${APP_INSIGHTS_MODEL_METRICS[signal]} above ${threshold}`,
    scope: "appInsights",
    // Custom metrics the job sends to Application Insights (TrackMetric with a Model property).
    query: `customMetrics\n| where name == "${APP_INSIGHTS_MODEL_METRICS[signal]}" and tostring(customDimensions.Model) == "${m.name}"\n| summarize value = ${agg}`,
    metricMeasureColumn: "value",
    threshold,
    windowSize: isoWindow(m.periodMinutes, AZURE_QUERY_WINDOWS_MINUTES),
    evaluationFrequency: "PT5M",
    severity: 2,
  }));
}

/** A stable GUID from the words (the layout of a version 4 GUID, its bits from a hash). */
export function guid(...words: string[]): string {
  const h = createHash("sha256").update(words.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
