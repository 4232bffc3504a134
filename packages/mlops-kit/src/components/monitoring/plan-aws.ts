import type { Overrides } from "../../core/backend";
import { UnsupportedError } from "../../core/errors";
import { type NameScope, physicalName } from "../../core/naming";
import type { OVERRIDE_ROLES } from "./args";
import { type AwsPlatformAlarm, planAwsPlatform } from "./plan-platform";
import {
  ERROR_RATE_WINDOW_MINUTES,
  LATENCY_BREACHING_MINUTES,
  LATENCY_EVALUATION_MINUTES,
  type MonitoringPlanBase,
  type NotAlerted,
  type PlannedService,
  type SloKind,
  TYPE,
} from "./slo";

// Metric names and dimensions: "CloudWatch metrics for your Application Load Balancer"
// (docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html),
// "Amazon CloudWatch metrics for Amazon EC2 Auto Scaling" (group metrics, which the group must
// collect: InferenceService enables them), "Monitoring health checks using CloudWatch" (Route 53).

/** The dimension a query is keyed by, filled in from the service's `metrics.aws`. */
export const AwsDimension = {
  LoadBalancer: "loadBalancerArnSuffix",
  TargetGroup: "targetGroupArnSuffix",
  AutoScalingGroupName: "autoScalingGroupName",
} as const;
export type AwsDimensionName = keyof typeof AwsDimension;

export interface AwsMetric {
  namespace: string;
  metricName: string;
  dimensions: AwsDimensionName[];
}

/** One query of a metric-math alarm: a metric with its statistic, or an expression over others. */
export interface AwsQuery {
  id: string;
  metric?: AwsMetric & { stat: string; periodSeconds: number };
  expression?: string;
  label?: string;
  returnData: boolean;
}

export interface AwsAlarm {
  service: string;
  slo: SloKind;
  alarmName: string;
  description: string;
  comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  /** What no data means for this signal (PutMetricAlarm `TreatMissingData`). */
  treatMissingData: "notBreaching" | "breaching" | "missing";
  /** A single metric: with `statistic`, or a percentile in `extendedStatistic`. */
  metric?: AwsMetric & { statistic?: string; extendedStatistic?: string; periodSeconds: number };
  /** Metric math, for ratios and comparisons between metrics. */
  queries?: AwsQuery[];
}

export interface AwsModelAlarm {
  model: string;
  signal: string;
  alarmName: string;
  metricName: string;
  statistic: "Maximum" | "Sum";
  periodSeconds: number;
  threshold: number;
}

export interface AwsMonitoringPlan {
  alarms: AwsAlarm[];
  /** One per service: ALARM when any of its SLO alarms is; the alarm that notifies. */
  composites: { service: string; alarmName: string; rule: string }[];
  /** Route 53 health checks (public services) and their alarms, in {@link ROUTE53_METRICS_REGION}. */
  healthChecks: { service: string; alarmName: string; regions: string[]; requestIntervalSeconds: number; failureThreshold: number }[];
  modelAlarms: AwsModelAlarm[];
  /** Alarms on feature stores' online reads, and the signals AWS does not expose. */
  platform: { alarms: AwsPlatformAlarm[]; notAlerted: NotAlerted[] };
  dashboardName: string;
  budgetName: string;
  logRetentionDays: number;
  keyDeletionWindowDays: number;
  overrides: Overrides<(typeof OVERRIDE_ROLES.aws)[number]>;
}

/** Route 53 publishes health-check metrics only in US East (N. Virginia) ("Monitoring health checks using CloudWatch"). */
export const ROUTE53_METRICS_REGION = "us-east-1";
/**
 * Checker regions: at least 3 (Route 53 API `HealthCheckConfig.Regions`: "you must specify at
 * least three regions"), spread over three continents.
 */
export const ROUTE53_CHECKER_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"];
/** The namespace and dimension model monitor jobs publish to (`aws cloudwatch put-metric-data`). */
export const AWS_MODEL_NAMESPACE = "MLOps/ModelHealth";
export const AWS_MODEL_DIMENSION = "Model";
/** Model signals: metric name, statistic over the period, and the threshold field. */
export const MODEL_SIGNALS = [
  { signal: "drift", metricName: "DriftScore", statistic: "Maximum", field: "driftScoreMax" },
  { signal: "prediction-shift", metricName: "PredictionShift", statistic: "Maximum", field: "predictionShiftMax" },
  { signal: "data-quality", metricName: "DataQualityFailures", statistic: "Sum", field: "dataQualityFailuresMax" },
] as const;

const ALB = "AWS/ApplicationELB";
const LB: AwsDimensionName[] = ["LoadBalancer"];

export function planAwsMonitoring(
  base: MonitoringPlanBase,
  scope: NameScope,
  o: { logRetentionDays: number; keyDeletionWindowDays: number; overrides: AwsMonitoringPlan["overrides"] },
): AwsMonitoringPlan {
  // Cost budgets are kept in US dollars (AWS Budgets User Guide, "Best practices": "the budget amount is in USD").
  if (base.budget && base.budget.currency !== "USD") {
    throw new UnsupportedError(TYPE, base.name, "aws", "budget.currency", `AWS Budgets measures cost in USD, not ${base.budget.currency}`);
  }
  const nameOf = (...words: string[]) => physicalName("awsMonitoringName", [base.name, ...words], scope);
  const alarms = base.services.flatMap((s) => serviceAlarms(s, (slo) => nameOf(s.name, slo)));
  return {
    alarms,
    composites: base.services.map((s) => ({
      service: s.name,
      alarmName: nameOf(s.name, "slo"),
      rule: alarms
        .filter((a) => a.service === s.name)
        .map((a) => `ALARM("${a.alarmName}")`)
        .join(" OR "),
    })),
    healthChecks: base.services
      .filter((s) => s.uptime)
      .map((s) => ({
        service: s.name,
        alarmName: nameOf(s.name, "uptime"),
        regions: ROUTE53_CHECKER_REGIONS,
        // 30 s (standard) or 10 s (fast, charged extra): HealthCheckConfig.RequestInterval.
        requestIntervalSeconds: 30,
        // 1-10 consecutive failures: HealthCheckConfig.FailureThreshold.
        failureThreshold: 3,
      })),
    modelAlarms: base.models.flatMap((m) =>
      MODEL_SIGNALS.map((sig) => ({
        model: m.name,
        signal: sig.signal,
        alarmName: nameOf("model", m.name, sig.signal),
        metricName: sig.metricName,
        statistic: sig.statistic,
        periodSeconds: m.periodMinutes * 60,
        threshold: m[sig.field],
      })),
    ),
    platform: planAwsPlatform(base, scope),
    dashboardName: nameOf("dashboard"),
    budgetName: nameOf("budget"),
    logRetentionDays: o.logRetentionDays,
    keyDeletionWindowDays: o.keyDeletionWindowDays,
    overrides: o.overrides,
  };
}

/** The six SLO alarms of one service, exactly as CloudWatch evaluates them. */
export function serviceAlarms(s: PlannedService, alarmName: (slo: SloKind) => string): AwsAlarm[] {
  const { slo } = s;
  const common = { service: s.name, datapointsToAlarm: 1, evaluationPeriods: 1 };
  const ratio = (kind: "availability" | "errorRate", minutes: number, threshold: number, what: string): AwsAlarm => ({
    ...common,
    slo: kind,
    alarmName: alarmName(kind),
    description: `${s.name}: ${what}`,
    comparisonOperator: "GreaterThanThreshold",
    threshold,
    // No requests, no ratio (division by zero gives no data): an idle service is not failing.
    treatMissingData: "notBreaching",
    queries: fiveXxRatio(minutes * 60),
  });
  const latency = (kind: "latencyP95" | "latencyP99", percentile: string, ms: number): AwsAlarm => ({
    ...common,
    slo: kind,
    alarmName: alarmName(kind),
    description: `${s.name}: ${percentile} response time above ${ms} ms in ${LATENCY_BREACHING_MINUTES} of ${LATENCY_EVALUATION_MINUTES} minutes`,
    comparisonOperator: "GreaterThanThreshold",
    // TargetResponseTime is in seconds.
    threshold: ms / 1000,
    evaluationPeriods: LATENCY_EVALUATION_MINUTES,
    datapointsToAlarm: LATENCY_BREACHING_MINUTES,
    treatMissingData: "notBreaching",
    metric: { namespace: ALB, metricName: "TargetResponseTime", dimensions: LB, extendedStatistic: percentile, periodSeconds: 60 },
  });
  return [
    ratio(
      "availability",
      slo.availabilityWindowMinutes,
      round(100 - slo.availabilityPercent),
      `5xx above ${round(100 - slo.availabilityPercent)} % of requests over ${slo.availabilityWindowMinutes} minutes (availability below ${slo.availabilityPercent} %)`,
    ),
    ratio(
      "errorRate",
      ERROR_RATE_WINDOW_MINUTES,
      slo.errorRatePercent,
      `5xx above ${slo.errorRatePercent} % of requests over ${ERROR_RATE_WINDOW_MINUTES} minutes`,
    ),
    latency("latencyP95", "p95", slo.latencyP95Ms),
    latency("latencyP99", "p99", slo.latencyP99Ms),
    {
      ...common,
      slo: "saturation",
      alarmName: alarmName("saturation"),
      description: `${s.name}: the group has run at its maximum size for ${slo.saturationMinutes} minutes`,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      evaluationPeriods: slo.saturationMinutes,
      datapointsToAlarm: slo.saturationMinutes,
      // Group metrics arrive every minute once collected: silence is not a verdict either way.
      treatMissingData: "missing",
      queries: [
        groupMetric("inService", "GroupInServiceInstances"),
        groupMetric("maxSize", "GroupMaxSize"),
        { id: "atMax", expression: "IF(inService >= maxSize, 1, 0)", label: "at maximum size", returnData: true },
      ],
    },
    {
      ...common,
      slo: "unhealthy",
      alarmName: alarmName("unhealthy"),
      description: `${s.name}: a target has failed the load balancer's health check for ${slo.unhealthyMinutes} minutes`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      evaluationPeriods: slo.unhealthyMinutes,
      datapointsToAlarm: slo.unhealthyMinutes,
      // The load balancer reports host counts every minute while it has targets: silence is a fault.
      treatMissingData: "breaching",
      metric: {
        namespace: ALB,
        metricName: "UnHealthyHostCount",
        dimensions: ["TargetGroup", "LoadBalancer"],
        statistic: "Maximum",
        periodSeconds: 60,
      },
    },
  ];
}

/** 5xx from the targets and from the load balancer itself, in percent of requests (FILL: a minute without 5xx has no data). */
function fiveXxRatio(periodSeconds: number): AwsQuery[] {
  const sum = (id: string, metricName: string): AwsQuery => ({
    id,
    metric: { namespace: ALB, metricName, dimensions: LB, stat: "Sum", periodSeconds },
    returnData: false,
  });
  return [
    sum("target5xx", "HTTPCode_Target_5XX_Count"),
    sum("elb5xx", "HTTPCode_ELB_5XX_Count"),
    sum("requests", "RequestCount"),
    {
      id: "errorPercent",
      expression: "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests",
      label: "5xx % of requests",
      returnData: true,
    },
  ];
}

function groupMetric(id: string, metricName: string): AwsQuery {
  return {
    id,
    metric: { namespace: "AWS/AutoScaling", metricName, dimensions: ["AutoScalingGroupName"], stat: "Maximum", periodSeconds: 60 },
    returnData: false,
  };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
