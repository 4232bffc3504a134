import { type Plan, resource, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { SpecError } from "../../../core/errors";
import { MonitoringStack } from "../component";
import { CONFIG, clusterInfo, featureStoreInfo, serviceInfo } from "../fixtures";
import { planGcpPlatform } from "../plan-platform";
import { clusterLogFilter } from "./platform";

const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";

describe("GIVEN a MonitoringStack on GCP watching a cluster and a store with an online store", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await synth(
      () => {
        const m = new MonitoringStack("obs", {
          services: [serviceInfo("gcp")],
          training: [clusterInfo("gcp")],
          featureStores: [featureStoreInfo("gcp")],
          platformAlerts: { gpuPendingMinutes: 40, onlineLatencyP95Ms: 70 },
          notifications: { emails: ["oncall@example.com"] },
        });
        return { info: m.info };
      },
      { project: "p", stack: "dev", config: CONFIG.gcp },
    );
  });

  it("THEN the cluster's policy matches the autoscaler's noScaleUp events of that GKE cluster, at most one message per window", () => {
    const a = resource(p, POLICY, "obs-train-gpuPending").inputs as Record<string, unknown>;
    const [condition] = a.conditions as { conditionMatchedLog: { filter: string } }[];
    expect(condition?.conditionMatchedLog.filter).toBe(
      'resource.type="k8s_cluster" AND resource.labels.project_id="acme-ml" AND resource.labels.location="europe-west4" AND resource.labels.cluster_name="train-cluster-9f3a" AND log_id("container.googleapis.com/cluster-autoscaler-visibility") AND jsonPayload.noDecisionStatus.noScaleUp:*',
    );
    expect(a.alertStrategy).toEqual({ notificationRateLimit: { period: "2400s" }, autoClose: "86400s" });
    // The same channels as the services' policies.
    expect(a.notificationChannels).toHaveLength(1);
    expect(a.notificationChannels).toEqual(resource(p, POLICY, "obs-fraud-api-errorRate").inputs.notificationChannels);
  });

  it("THEN the store's policy is the p95 of the online store's serving latencies, above the threshold for 5 minutes", () => {
    const a = resource(p, POLICY, "obs-feats-onlineLatencyP95").inputs as Record<string, unknown>;
    const [condition] = a.conditions as { conditionThreshold: Record<string, unknown> }[];
    expect(condition?.conditionThreshold).toMatchObject({
      filter:
        'metric.type="aiplatform.googleapis.com/featureonlinestore/online_serving/serving_latencies" AND resource.type="aiplatform.googleapis.com/FeatureOnlineStore" AND resource.label.feature_online_store_id="feats_online_3c1d"',
      aggregations: [
        {
          alignmentPeriod: "60s",
          perSeriesAligner: "ALIGN_DELTA",
          crossSeriesReducer: "REDUCE_PERCENTILE_95",
          groupByFields: ["resource.label.feature_online_store_id"],
        },
      ],
      comparison: "COMPARISON_GT",
      thresholdValue: 70,
      duration: "300s",
    });
  });

  it("THEN the outputs list both policies", () => {
    const info = p.outputs.info as { alertIds: Record<string, string> };
    expect(
      Object.keys(info.alertIds)
        .filter((k) => !k.startsWith("fraud-api"))
        .sort(),
    ).toEqual(["featureStore/feats/onlineLatencyP95", "training/train/gpuPending"]);
  });
});

describe("GIVEN a GCP cluster watched by a stack in another project", () => {
  const filter = 'resource.labels.project_id="{project}" AND resource.labels.cluster_name="{cluster}"';
  it("WHEN its log filter is made THEN it is refused, naming the field: a log-match policy scans only its own project's logs", () => {
    const elsewhere = { ...clusterInfo("gcp"), gcp: { project: "acme-gpu", location: "europe-west4" } };
    expect(() => clusterLogFilter(filter, elsewhere, { stack: "obs", project: "acme-ml", index: 1 })).toThrow(SpecError);
    expect(() => clusterLogFilter(filter, elsewhere, { stack: "obs", project: "acme-ml", index: 1 })).toThrow(
      'MonitoringStack "obs": training.1 is TrainingCluster "train" in project acme-gpu; a log-match alert policy sees only the logs of its own project (acme-ml), so it would never fire',
    );
  });

  it("WHEN the projects match THEN the filter is filled in", () => {
    expect(clusterLogFilter(filter, clusterInfo("gcp"), { stack: "obs", project: "acme-ml", index: 0 })).toBe(
      'resource.labels.project_id="acme-ml" AND resource.labels.cluster_name="train-cluster-9f3a"',
    );
  });
});

describe("GIVEN GCP plans of the platform alerts", () => {
  const base = (gpuPendingMinutes: number) => ({
    name: "obs",
    cloud: "gcp" as const,
    profile: "dev" as const,
    tags: {},
    services: [],
    uptimeSkipped: [],
    models: [],
    clusters: [{ index: 0, name: "train" }],
    featureStores: [{ index: 0, name: "feats", onlineGroups: ["clicks"] }],
    platformAlerts: { gpuPendingMinutes, onlineErrorRatePercent: 1, onlineLatencyP95Ms: 50, syncFailuresMax: 0 },
    notifications: { emails: [], webhookCount: 0 },
    budget: undefined,
    logRetentionDays: 30,
    retain: false,
  });

  it.each([
    [1, 300],
    [4, 300],
    [5, 300],
    [6, 360],
    [45, 2700],
  ])(
    "WHEN gpuPendingMinutes is %i THEN the log alert's rate limit is %i s (Cloud Monitoring sends at most one per 5 minutes)",
    (minutes, seconds) => {
      expect(planGcpPlatform(base(minutes)).policies[0]?.notificationRateLimitSeconds).toBe(seconds);
    },
  );

  it("THEN the online error rate's reason names the error_code label that Vertex AI lists without its values", () => {
    const reason = planGcpPlatform(base(30)).notAlerted.find((n) => n.signal === "onlineErrorRate")?.reason;
    expect(reason).toContain("error_code");
    expect(reason).not.toContain("no response-code label");
  });
});
