import { describe, expect, it } from "vitest";
import type { DeployContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import type { KnownFeatureStore } from "../feature-store/ref";
import type { KnownService } from "../inference-service/ref";
import type { KnownCluster } from "../training-cluster/ref";
import { PLATFORM_PROFILE_DEFAULTS, planMonitoringStack } from "./plan";
import { FEATURE_STORE_NAMESPACE } from "./plan-platform";
import { monitoringStackSchema } from "./spec";

const ctx = (cloud: DeployContext["cloud"], profile: DeployContext["profile"] = "dev"): DeployContext => ({
  cloud,
  profile,
  scope: { project: "p", stack: profile },
  tags: { "managed-by": "mlops-kit" },
  region: cloud === "azure" ? "westeurope" : "eu-west-1",
});
const svc = (cloud: KnownService["cloud"]): KnownService => ({ cloud, name: "api", scheme: "public", minInstances: 1, maxInstances: 3 });
const spec = (extra: Record<string, unknown> = {}) =>
  monitoringStackSchema.parse({ services: [{}], training: [{}], featureStores: [{}], ...extra });
const platform = (cloud: KnownCluster["cloud"], onlineGroups = ["clicks", "views"]) => ({
  clusters: [{ cloud, name: "train" }],
  featureStores: [{ cloud, name: "feats", onlineGroups } satisfies KnownFeatureStore],
});
const plan = (cloud: DeployContext["cloud"], extra: Record<string, unknown> = {}, profile: DeployContext["profile"] = "dev") =>
  planMonitoringStack("obs", spec(extra), [svc(cloud)], ctx(cloud, profile), platform(cloud));

describe("GIVEN the platform thresholds", () => {
  it("THEN dev and prod defaults are exactly these", () => {
    expect(PLATFORM_PROFILE_DEFAULTS.dev).toEqual({
      gpuPendingMinutes: 30,
      onlineErrorRatePercent: 5,
      onlineLatencyP95Ms: 100,
      syncFailuresMax: 0,
    });
    expect(PLATFORM_PROFILE_DEFAULTS.prod).toEqual({
      gpuPendingMinutes: 15,
      onlineErrorRatePercent: 1,
      onlineLatencyP95Ms: 50,
      syncFailuresMax: 0,
    });
  });

  it("WHEN the profile is prod and one field is set THEN that field overrides, the others are prod's", () => {
    expect(plan("aws", { platformAlerts: { onlineLatencyP95Ms: 20 } }, "prod").platformAlerts).toEqual({
      gpuPendingMinutes: 15,
      onlineErrorRatePercent: 1,
      onlineLatencyP95Ms: 20,
      syncFailuresMax: 0,
    });
  });

  it.each([
    [{ gpuPendingMinutes: 0 }, "platformAlerts.gpuPendingMinutes"],
    [{ onlineErrorRatePercent: 101 }, "platformAlerts.onlineErrorRatePercent"],
    [{ onlineLatencyP95Ms: 1.5 }, "platformAlerts.onlineLatencyP95Ms"],
    [{ syncFailuresMax: -1 }, "platformAlerts.syncFailuresMax"],
    [{ gpuPending: 5 }, "platformAlerts"],
  ])("WHEN platformAlerts is %j THEN the schema refuses it at %s", (bad, path) => {
    const r = monitoringStackSchema.safeParse({ services: [{}], platformAlerts: bad });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path.join(".")).toBe(path);
  });

  it("WHEN more than 10 clusters are watched THEN the schema refuses `training`", () => {
    const r = monitoringStackSchema.safeParse({ services: [{}], training: Array.from({ length: 11 }, () => ({})) });
    expect(r.error?.issues[0]?.path.join(".")).toBe("training");
  });
});

describe("GIVEN clusters and stores that do not fit the stack", () => {
  it("WHEN a cluster is on another cloud and a store is watched twice THEN both are named in one SpecError", () => {
    const store = { cloud: "aws" as const, name: "feats", onlineGroups: [] };
    const run = () =>
      planMonitoringStack("obs", spec(), [svc("aws")], ctx("aws"), {
        clusters: [{ cloud: "gcp", name: "train" }],
        featureStores: [store, store],
      });
    expect(run).toThrow(SpecError);
    expect(run).toThrow('training.0 is TrainingCluster "train" on gcp; this stack is on aws');
    expect(run).toThrow('featureStores.1 watches FeatureStore "feats" again (featureStores.0)');
  });
});

describe("GIVEN a cluster and a store with two online groups, on each cloud", () => {
  it("WHEN on AWS THEN each online group gets a GetRecord error-rate and p95 alarm, and the GPU pool and syncs are listed as not alerted", () => {
    const p = plan("aws", { platformAlerts: { onlineErrorRatePercent: 2.5, onlineLatencyP95Ms: 40 } }).aws?.platform;
    expect(p?.alarms.map((a) => `${a.group}/${a.signal}`)).toEqual([
      "clicks/onlineErrorRate",
      "clicks/onlineLatencyP95",
      "views/onlineErrorRate",
      "views/onlineLatencyP95",
    ]);
    const [errors, latency] = p?.alarms ?? [];
    expect(errors).toMatchObject({ threshold: 2.5, periodSeconds: 300, evaluationPeriods: 1 });
    expect(errors?.queries?.map((q) => q.metricName ?? q.expression)).toEqual([
      "Operation5XXErrors",
      "ThrottledRequests",
      "Invocations",
      "100 * (FILL(failed5xx, 0) + FILL(throttled, 0)) / reads",
    ]);
    // Latency is in microseconds.
    expect(latency).toMatchObject({ metricName: "Latency", extendedStatistic: "p95", threshold: 40_000 });
    expect(FEATURE_STORE_NAMESPACE).toBe("AWS/SageMaker");
    expect(p?.notAlerted.map((n) => `${n.subject}/${n.signal}`)).toEqual(["train/gpuPending", "feats/syncFailures"]);
  });

  it("WHEN on GCP THEN the cluster gets a noScaleUp log alert limited to one per window, the store a p95 latency policy", () => {
    const p = plan("gcp", { platformAlerts: { gpuPendingMinutes: 45, onlineLatencyP95Ms: 80 } }).gcp?.platform;
    const [cluster, store] = p?.policies ?? [];
    expect(cluster).toMatchObject({ kind: "cluster", signal: "gpuPending", notificationRateLimitSeconds: 2700 });
    expect(cluster?.logFilter).toBe(
      'resource.type="k8s_cluster" AND resource.labels.project_id="{project}" AND resource.labels.location="{location}" AND resource.labels.cluster_name="{cluster}" AND log_id("container.googleapis.com/cluster-autoscaler-visibility") AND jsonPayload.noDecisionStatus.noScaleUp:*',
    );
    expect(store).toMatchObject({
      kind: "featureStore",
      signal: "onlineLatencyP95",
      metricType: "aiplatform.googleapis.com/featureonlinestore/online_serving/serving_latencies",
      resourceType: "aiplatform.googleapis.com/FeatureOnlineStore",
      reducer: "REDUCE_PERCENTILE_95",
      threshold: 80,
      durationSeconds: 300,
    });
    expect(p?.notAlerted.map((n) => `${n.subject}/${n.signal}`)).toEqual(["feats/onlineErrorRate", "feats/syncFailures"]);
  });

  it("WHEN on Azure THEN unschedulable pods, Redis errors and latency, and failed runs are metric alerts with these exact terms", () => {
    const p = plan("azure", { platformAlerts: { gpuPendingMinutes: 20, onlineLatencyP95Ms: 30, syncFailuresMax: 2 } }).azure?.platform;
    expect(
      p?.alerts.map((a) => [a.subject, a.signal, a.target, a.metricNamespace, a.metricName, a.timeAggregation, a.threshold, a.windowSize]),
    ).toEqual([
      [
        "train",
        "gpuPending",
        "cluster",
        "Microsoft.ContainerService/managedClusters",
        "cluster_autoscaler_unschedulable_pods_count",
        "Average",
        1,
        "PT30M",
      ],
      ["feats", "onlineErrorRate", "redis", "Microsoft.Cache/redis", "errors", "Maximum", 0, "PT5M"],
      ["feats", "onlineLatencyP95", "redis", "Microsoft.Cache/redis", "cacheLatency", "Average", 30_000, "PT5M"],
      ["feats", "syncFailures", "featureWorkspace", "Microsoft.MachineLearningServices/workspaces", "Failed Runs", "Total", 2, "PT1H"],
    ]);
    expect(p?.notAlerted.map((n) => `${n.subject}/${n.signal}`)).toEqual(["feats/onlineErrorRate"]);
  });

  it("WHEN the store serves nothing online THEN no online alert is planned on any cloud, but Azure still watches its syncs", () => {
    const offline = (cloud: DeployContext["cloud"]) => planMonitoringStack("obs", spec(), [svc(cloud)], ctx(cloud), platform(cloud, []));
    expect(offline("aws").aws?.platform.alarms).toEqual([]);
    expect(offline("gcp").gcp?.platform.policies.map((x) => x.kind)).toEqual(["cluster"]);
    expect(offline("azure").azure?.platform.alerts.map((x) => x.signal)).toEqual(["gpuPending", "syncFailures"]);
  });
});

// What Azure Monitor publishes for each metric ("Supported metrics for Microsoft.ContainerService/managedClusters",
// "... Microsoft.Cache/redis", "... Microsoft.MachineLearningServices/workspaces"): the aggregations a
// metric alert may use (others are refused: "Time aggregation must be one of [...]") and its time grains.
const AZURE_METRICS: Record<string, { aggregations: string[]; grainsMinutes: number[] }> = {
  cluster_autoscaler_unschedulable_pods_count: { aggregations: ["Total", "Average"], grainsMinutes: [5, 15, 30, 60, 360, 720] },
  errors: { aggregations: ["Maximum"], grainsMinutes: [1] },
  cacheLatency: { aggregations: ["Average"], grainsMinutes: [1] },
  "Failed Runs": { aggregations: ["Total", "Average", "Minimum", "Maximum", "Count"], grainsMinutes: [1] },
};
const minutesOf = (iso: string) => {
  const m = /^PT(\d+)([MH])$/.exec(iso);
  if (!m) throw new Error(`not a PT window: ${iso}`);
  return Number(m[1]) * (m[2] === "H" ? 60 : 1);
};

describe("GIVEN the Azure platform alerts at every pending window a user may set", () => {
  const alerts = [1, 4, 5, 20, 720, 721, 1440].flatMap(
    (gpuPendingMinutes) => plan("azure", { platformAlerts: { gpuPendingMinutes } }).azure?.platform.alerts ?? [],
  );

  it("THEN each alert aggregates its metric the way Azure Monitor accepts for it", () => {
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(AZURE_METRICS[a.metricName]?.aggregations, a.metricName).toContain(a.timeAggregation);
  });

  it("THEN each window is at least the metric's smallest time grain, and one of its grains when it has no 1-minute grain", () => {
    for (const a of alerts) {
      const grains = AZURE_METRICS[a.metricName]?.grainsMinutes ?? [];
      expect(grains.length, a.metricName).toBeGreaterThan(0);
      if (grains[0] === 1) expect(minutesOf(a.windowSize)).toBeGreaterThanOrEqual(1);
      else expect(grains, `${a.metricName} ${a.windowSize}`).toContain(minutesOf(a.windowSize));
      expect(minutesOf(a.evaluationFrequency)).toBeLessThanOrEqual(minutesOf(a.windowSize));
    }
  });

  it("THEN the pending window rounds up to the autoscaler metric's grains: 1 and 4 to 5 minutes, 721 and 1440 to 12 hours", () => {
    const windows = [1, 4, 721, 1440].map(
      (gpuPendingMinutes) =>
        plan("azure", { platformAlerts: { gpuPendingMinutes } }).azure?.platform.alerts.find((a) => a.signal === "gpuPending")?.windowSize,
    );
    expect(windows).toEqual(["PT5M", "PT5M", "PT12H", "PT12H"]);
  });

  it("THEN a pod pending the whole window keeps the average at 1 or more, which is what fires", () => {
    const gpu = alerts.find((a) => a.signal === "gpuPending");
    expect(gpu).toMatchObject({ timeAggregation: "Average", operator: "GreaterThanOrEqual", threshold: 1 });
    expect(alerts.filter((a) => a.signal !== "gpuPending").every((a) => a.operator === "GreaterThan")).toBe(true);
  });

  it("THEN Redis failovers (the monthly patching's too) are left out of the errors alert, and no other alert filters a dimension", () => {
    const errors = alerts.filter((a) => a.signal === "onlineErrorRate");
    expect(errors.length).toBeGreaterThan(0);
    for (const a of errors) expect(a.dimensions).toEqual([{ name: "ErrorType", operator: "Exclude", values: ["Failover"] }]);
    expect(alerts.filter((a) => a.signal !== "onlineErrorRate").every((a) => a.dimensions.length === 0)).toBe(true);
  });
});
