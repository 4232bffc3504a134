import { type NameScope, physicalName } from "../../core/naming";
import { isoWindow, type MonitoringPlanBase, type NotAlerted, type PlatformSignal } from "./slo";

// Each cloud's alerts on training clusters and feature stores, as plain data, and the signals a
// cloud does not expose. Sources, per cloud:
// - AWS: "Amazon SageMaker Feature Store metrics" in "Amazon SageMaker AI metrics in Amazon
//   CloudWatch" (docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html): Invocations,
//   Operation5XXErrors, ThrottledRequests (1 per failed request, Sum), Latency (microseconds,
//   percentiles), dimensions FeatureGroupName + OperationName for GetRecord.
// - GCP: Vertex AI's monitored resource aiplatform.googleapis.com/FeatureOnlineStore and its metric
//   featureonlinestore/online_serving/serving_latencies (Cloud Monitoring "Google Cloud metrics",
//   aiplatform); GKE cluster autoscaler visibility events (log container.googleapis.com/cluster-autoscaler-visibility
//   on k8s_cluster, `noDecisionStatus.noScaleUp`: cloud.google.com/kubernetes-engine/docs/how-to/cluster-autoscaler-visibility).
// - Azure: "Supported metrics for Microsoft.ContainerService/managedClusters"
//   (cluster_autoscaler_unschedulable_pods_count), "... Microsoft.Cache/redis" (errors, cacheLatency),
//   "... Microsoft.MachineLearningServices/workspaces" (Failed Runs, which counts the feature
//   store workspace's materialization jobs).

/**
 * The CloudWatch namespace of SageMaker Feature Store's runtime metrics: SageMaker's own, told apart
 * from endpoint metrics by the FeatureGroupName and OperationName dimensions. The SageMaker guide's
 * Feature Store tables name no namespace of their own; CloudWatch integrations that read them by
 * namespace list them under AWS/SageMaker (Datadog `aws.sagemaker.consumed_read_requests_units`,
 * Sumo Logic `namespace=aws/sagemaker featuregroupname=* operationname=*`). There is no
 * `AWS/SageMaker/FeatureStore`: an alarm there sees no data and, idle being not breaching, never fires.
 */
export const FEATURE_STORE_NAMESPACE = "AWS/SageMaker";
/** The online read whose errors and latency are alerted on. */
export const ONLINE_READ_OPERATION = "GetRecord";
/** Online-store error rate and latency are judged over this many minutes. */
export const ONLINE_WINDOW_MINUTES = 5;

export interface AwsPlatformQuery {
  id: string;
  metricName?: string;
  stat?: string;
  expression?: string;
  label?: string;
  returnData: boolean;
}

/** A CloudWatch alarm on one online feature group's reads (dimensions FeatureGroupName, OperationName). */
export interface AwsPlatformAlarm {
  store: string;
  group: string;
  signal: PlatformSignal;
  alarmName: string;
  description: string;
  threshold: number;
  periodSeconds: number;
  evaluationPeriods: number;
  /** A percentile of one metric (`extendedStatistic`), or metric math (`queries`). */
  metricName?: string;
  extendedStatistic?: string;
  queries?: AwsPlatformQuery[];
}

const AWS_GPU_REASON =
  "EKS managed node groups' Auto Scaling groups collect no group metrics (the node group API cannot enable them) and the cluster runs no CloudWatch observability add-on, so CloudWatch has no pending-pod or short-capacity metric";
const AWS_SYNC_REASON =
  "SageMaker Feature Store publishes no ingestion or offline-replication failure metric; ingestion jobs are the writer's own";

/** AWS: error rate and p95 latency of each online group's GetRecord calls. */
export function planAwsPlatform(base: MonitoringPlanBase, scope: NameScope): { alarms: AwsPlatformAlarm[]; notAlerted: NotAlerted[] } {
  const t = base.platformAlerts;
  const nameOf = (...words: string[]) => physicalName("awsMonitoringName", [base.name, ...words], scope);
  const alarms = base.featureStores.flatMap((s) =>
    s.onlineGroups.flatMap((g): AwsPlatformAlarm[] => [
      {
        store: s.name,
        group: g,
        signal: "onlineErrorRate",
        alarmName: nameOf(s.name, g, "errors"),
        description: `feature store ${s.name}, group ${g}: GetRecord 5xx or throttled above ${t.onlineErrorRatePercent} % over ${ONLINE_WINDOW_MINUTES} minutes`,
        threshold: t.onlineErrorRatePercent,
        periodSeconds: ONLINE_WINDOW_MINUTES * 60,
        evaluationPeriods: 1,
        queries: [
          { id: "failed5xx", metricName: "Operation5XXErrors", stat: "Sum", returnData: false },
          { id: "throttled", metricName: "ThrottledRequests", stat: "Sum", returnData: false },
          { id: "reads", metricName: "Invocations", stat: "Sum", returnData: false },
          {
            id: "errorPercent",
            expression: "100 * (FILL(failed5xx, 0) + FILL(throttled, 0)) / reads",
            label: "failed reads %",
            returnData: true,
          },
        ],
      },
      {
        store: s.name,
        group: g,
        signal: "onlineLatencyP95",
        alarmName: nameOf(s.name, g, "latency"),
        description: `feature store ${s.name}, group ${g}: GetRecord p95 above ${t.onlineLatencyP95Ms} ms over ${ONLINE_WINDOW_MINUTES} minutes`,
        // Latency is in microseconds.
        threshold: t.onlineLatencyP95Ms * 1000,
        periodSeconds: ONLINE_WINDOW_MINUTES * 60,
        evaluationPeriods: 1,
        metricName: "Latency",
        extendedStatistic: "p95",
      },
    ]),
  );
  const notAlerted = [
    ...base.clusters.map((c) => ({ subject: c.name, signal: "gpuPending" as const, reason: AWS_GPU_REASON })),
    ...base.featureStores.map((s) => ({ subject: s.name, signal: "syncFailures" as const, reason: AWS_SYNC_REASON })),
  ];
  return { alarms, notAlerted };
}

/** A Cloud Monitoring policy on a cluster (log match) or a feature online store (metric threshold). */
export interface GcpPlatformPolicy {
  subject: string;
  kind: "cluster" | "featureStore";
  signal: PlatformSignal;
  displayName: string;
  /** Log match: the filter, `{project}`, `{location}` and `{cluster}` filled from the cluster's info. */
  logFilter?: string;
  /** Log match: at most one notification per this many seconds. */
  notificationRateLimitSeconds?: number;
  /** Threshold: the metric, on resource aiplatform.googleapis.com/FeatureOnlineStore of the store's id. */
  metricType?: string;
  resourceType?: string;
  reducer?: string;
  threshold?: number;
  durationSeconds?: number;
}

const GCP_ERRORS_REASON =
  "Vertex AI's featureonlinestore/online_serving/request_count has an error_code label, but Vertex AI documents none of its values (not even which one a successful read carries), so no error-rate condition is made";
/**
 * Cloud Monitoring sends at most one notification per 5 minutes for a log-based alert policy
 * ("Incidents for log-based alerting policies", cloud.google.com/monitoring/alerts/log-based-incidents):
 * a shorter rate limit would promise messages that are never sent.
 */
export const GCP_LOG_ALERT_MIN_RATE_LIMIT_SECONDS = 300;
const GCP_SYNC_REASON = "Vertex AI publishes running_sync and serving_data_by_sync_time for feature views but no failed-sync metric";

/** GCP: the autoscaler's noScaleUp events per cluster; p95 read latency per store with an online store. */
export function planGcpPlatform(base: MonitoringPlanBase): { policies: GcpPlatformPolicy[]; notAlerted: NotAlerted[] } {
  const t = base.platformAlerts;
  const policies: GcpPlatformPolicy[] = [
    ...base.clusters.map(
      (c): GcpPlatformPolicy => ({
        subject: c.name,
        kind: "cluster",
        signal: "gpuPending",
        displayName: `${c.name}: pods pending, the autoscaler cannot add nodes`,
        logFilter: [
          'resource.type="k8s_cluster"',
          'resource.labels.project_id="{project}"',
          'resource.labels.location="{location}"',
          'resource.labels.cluster_name="{cluster}"',
          'log_id("container.googleapis.com/cluster-autoscaler-visibility")',
          "jsonPayload.noDecisionStatus.noScaleUp:*",
        ].join(" AND "),
        // The autoscaler repeats noScaleUp while pods stay pending: one message per window.
        notificationRateLimitSeconds: Math.max(t.gpuPendingMinutes * 60, GCP_LOG_ALERT_MIN_RATE_LIMIT_SECONDS),
      }),
    ),
    ...base.featureStores
      .filter((s) => s.onlineGroups.length > 0)
      .map(
        (s): GcpPlatformPolicy => ({
          subject: s.name,
          kind: "featureStore",
          signal: "onlineLatencyP95",
          displayName: `${s.name}: online read p95 above ${t.onlineLatencyP95Ms} ms`,
          metricType: "aiplatform.googleapis.com/featureonlinestore/online_serving/serving_latencies",
          resourceType: "aiplatform.googleapis.com/FeatureOnlineStore",
          reducer: "REDUCE_PERCENTILE_95",
          threshold: t.onlineLatencyP95Ms,
          durationSeconds: ONLINE_WINDOW_MINUTES * 60,
        }),
      ),
  ];
  const online = base.featureStores.filter((s) => s.onlineGroups.length > 0);
  const notAlerted = [
    ...online.map((s) => ({ subject: s.name, signal: "onlineErrorRate" as const, reason: GCP_ERRORS_REASON })),
    ...base.featureStores.map((s) => ({ subject: s.name, signal: "syncFailures" as const, reason: GCP_SYNC_REASON })),
  ];
  return { policies, notAlerted };
}

/** An Azure Monitor metric alert on a cluster, a feature store's Redis cache or its workspace. */
export interface AzurePlatformAlert {
  subject: string;
  signal: PlatformSignal;
  /** Which resource of the cluster's or store's info the metric is on. */
  target: "cluster" | "redis" | "featureWorkspace";
  description: string;
  metricNamespace: string;
  metricName: string;
  timeAggregation: "Minimum" | "Maximum" | "Average" | "Total";
  operator: "GreaterThan" | "GreaterThanOrEqual";
  /** Dimension filters of the criterion (none: the metric as a whole). */
  dimensions: { name: string; operator: "Include" | "Exclude"; values: string[] }[];
  threshold: number;
  windowSize: string;
  evaluationFrequency: string;
  severity: number;
}

// A metric alert may aggregate a metric only as Azure Monitor publishes it (else "Time aggregation must
// be one of [...]"), over the metric's time grains. The supported-metrics tables give:
// cluster_autoscaler_unschedulable_pods_count Total or Average, grains PT5M to PT12H; Redis `errors`
// Maximum (dimensions ShardId, ErrorType); `cacheLatency` Average; `Failed Runs` any, PT1M.
/** The windows both a metric alert and the autoscaler metric's time grains allow (PT5M ... PT12H). */
const AKS_AUTOSCALER_WINDOWS_MINUTES = [5, 15, 30, 60, 360, 720];
const AZURE_ERRORS_REASON =
  "Azure Cache for Redis counts error events (data loss, unresponsive clients, failed Entra sign-ins, failovers), not failed requests, and a metric alert cannot divide: the errors alert fires on any such event but a failover in 5 minutes instead of a rate";

/** Azure: unschedulable pods per cluster; Redis errors and latency, and failed materialization runs, per store. */
export function planAzurePlatform(base: MonitoringPlanBase): { alerts: AzurePlatformAlert[]; notAlerted: NotAlerted[] } {
  const t = base.platformAlerts;
  const online = base.featureStores.filter((s) => s.onlineGroups.length > 0);
  const alerts: AzurePlatformAlert[] = [
    ...base.clusters.map((c) => aksPendingAlert(c.name, t.gpuPendingMinutes)),
    ...online.flatMap((s): AzurePlatformAlert[] => [
      {
        subject: s.name,
        signal: "onlineErrorRate",
        target: "redis",
        description: `${s.name}: the online store's Redis cache reported errors`,
        metricNamespace: "Microsoft.Cache/redis",
        metricName: "errors",
        // The only aggregation `errors` offers: any minute with an error fires.
        timeAggregation: "Maximum",
        operator: "GreaterThan",
        // `errors` counts events by ErrorType ("Azure Cache for Redis monitoring data reference"), not
        // failed commands. A Failover is also how each node is taken offline for the service's periodic
        // patching: left out, or every patch pages. Data loss, unresponsive clients, Entra sign-in
        // failures and persistence errors stay.
        dimensions: [{ name: "ErrorType", operator: "Exclude", values: ["Failover"] }],
        threshold: 0,
        windowSize: `PT${ONLINE_WINDOW_MINUTES}M`,
        evaluationFrequency: "PT1M",
        severity: 2,
      },
      {
        subject: s.name,
        signal: "onlineLatencyP95",
        target: "redis",
        // Redis publishes an average, not percentiles: the p95 threshold bounds the mean.
        description: `${s.name}: the online store's Redis latency averaged above ${t.onlineLatencyP95Ms} ms`,
        metricNamespace: "Microsoft.Cache/redis",
        metricName: "cacheLatency",
        timeAggregation: "Average",
        operator: "GreaterThan",
        dimensions: [],
        // cacheLatency is in microseconds.
        threshold: t.onlineLatencyP95Ms * 1000,
        windowSize: `PT${ONLINE_WINDOW_MINUTES}M`,
        evaluationFrequency: "PT1M",
        severity: 3,
      },
    ]),
    ...base.featureStores.map(
      (s): AzurePlatformAlert => ({
        subject: s.name,
        signal: "syncFailures",
        target: "featureWorkspace",
        description: `${s.name}: more than ${t.syncFailuresMax} materialization runs failed in an hour`,
        metricNamespace: "Microsoft.MachineLearningServices/workspaces",
        metricName: "Failed Runs",
        timeAggregation: "Total",
        operator: "GreaterThan",
        dimensions: [],
        threshold: t.syncFailuresMax,
        windowSize: "PT1H",
        evaluationFrequency: "PT5M",
        severity: 2,
      }),
    ),
  ];
  return { alerts, notAlerted: online.map((s) => ({ subject: s.name, signal: "onlineErrorRate" as const, reason: AZURE_ERRORS_REASON })) };
}

/** Pods the AKS cluster autoscaler could not place, averaged over the pending window. */
function aksPendingAlert(cluster: string, gpuPendingMinutes: number): AzurePlatformAlert {
  return {
    subject: cluster,
    signal: "gpuPending",
    target: "cluster",
    description: `${cluster}: pods have stayed unschedulable (a GPU pool cannot get capacity)`,
    metricNamespace: "Microsoft.ContainerService/managedClusters",
    metricName: "cluster_autoscaler_unschedulable_pods_count",
    // The metric offers no minimum. A pod pending the whole window holds the average at 1 or
    // more; one pod waiting a few minutes for a node to start (a pool scaling from zero) does not.
    timeAggregation: "Average",
    operator: "GreaterThanOrEqual",
    dimensions: [],
    threshold: 1,
    windowSize: isoWindow(gpuPendingMinutes, AKS_AUTOSCALER_WINDOWS_MINUTES),
    evaluationFrequency: "PT5M",
    severity: 2,
  };
}
