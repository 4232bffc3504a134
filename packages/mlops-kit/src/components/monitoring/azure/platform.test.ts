import { type Plan, resource, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { MonitoringStack } from "../component";
import { CONFIG, clusterInfo, featureStoreInfo, serviceInfo } from "../fixtures";

const ALERT = "azure-native:monitor:MetricAlert";
const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml-rg/providers";

describe("GIVEN a MonitoringStack on Azure watching an AKS cluster and a store with a Redis online store", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await synth(
      () => {
        const m = new MonitoringStack("obs", {
          services: [serviceInfo("azure")],
          training: [clusterInfo("azure")],
          featureStores: [featureStoreInfo("azure")],
          platformAlerts: { gpuPendingMinutes: 10, onlineLatencyP95Ms: 15, syncFailuresMax: 1 },
        });
        return { info: m.info };
      },
      { project: "p", stack: "dev", config: CONFIG.azure },
    );
  });

  const criterion = (name: string) => {
    const a = resource(p, ALERT, name).inputs as Record<string, unknown>;
    const { allOf } = a.criteria as { allOf: Record<string, unknown>[] };
    return { alert: a, criterion: allOf[0] };
  };

  it("THEN the cluster's alert fires when unschedulable pods averaged one or more over the window", () => {
    const { alert, criterion: c } = criterion("obs-train-gpuPending");
    expect(alert.scopes).toEqual([`${RG}/Microsoft.ContainerService/managedClusters/train-aks`]);
    expect(alert).toMatchObject({ windowSize: "PT15M", evaluationFrequency: "PT5M", location: "global" });
    expect(c).toMatchObject({
      metricNamespace: "Microsoft.ContainerService/managedClusters",
      metricName: "cluster_autoscaler_unschedulable_pods_count",
      timeAggregation: "Average",
      operator: "GreaterThanOrEqual",
      threshold: 1,
    });
  });

  it("THEN the Redis cache is watched for errors and for latency in microseconds", () => {
    const errors = criterion("obs-feats-onlineErrorRate");
    expect(errors.alert.scopes).toEqual([`${RG}/Microsoft.Cache/redis/feats-redis`]);
    expect(errors.criterion).toMatchObject({
      metricNamespace: "Microsoft.Cache/redis",
      metricName: "errors",
      timeAggregation: "Maximum",
      operator: "GreaterThan",
      threshold: 0,
      dimensions: [{ name: "ErrorType", operator: "Exclude", values: ["Failover"] }],
    });

    const latency = criterion("obs-feats-onlineLatencyP95");
    expect(latency.criterion?.dimensions).toBeUndefined();
    expect(latency.criterion).toMatchObject({ metricName: "cacheLatency", timeAggregation: "Average", threshold: 15_000 });
  });

  it("THEN the feature store workspace's failed runs over an hour are alerted above the threshold, to the action group", () => {
    const { alert, criterion: c } = criterion("obs-feats-syncFailures");
    expect(alert.scopes).toEqual([`${RG}/Microsoft.MachineLearningServices/workspaces/feats-fs`]);
    expect(alert.windowSize).toBe("PT1H");
    expect(c).toMatchObject({ metricNamespace: "Microsoft.MachineLearningServices/workspaces", metricName: "Failed Runs", threshold: 1 });
    // The same action group as the services' alerts.
    expect(alert.actions).toEqual(resource(p, ALERT, "obs-fraud-api-saturation").inputs.actions);
    expect(alert.actions).toHaveLength(1);
  });

  it("THEN the outputs list the four alerts", () => {
    const info = p.outputs.info as { alertIds: Record<string, string> };
    expect(
      Object.keys(info.alertIds)
        .filter((k) => k.startsWith("training/") || k.startsWith("featureStore/"))
        .sort(),
    ).toEqual([
      "featureStore/feats/onlineErrorRate",
      "featureStore/feats/onlineLatencyP95",
      "featureStore/feats/syncFailures",
      "training/train/gpuPending",
    ]);
  });
});
