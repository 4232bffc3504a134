import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { registerFeatureStore } from "../../feature-store/ref";
import { MonitoringStack } from "../component";
import { CONFIG, clusterInfo, featureStoreInfo, serviceInfo } from "../fixtures";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

describe("GIVEN a MonitoringStack on AWS watching a cluster and a store whose `clicks` group is online", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await synth(
      () => {
        // The store's info as its component hands it over: an output, with its facts registered,
        // in the stack's region (CONFIG.aws), where its metrics are.
        const store = pulumi.output({ ...featureStoreInfo("aws"), region: "eu-west-1" });
        registerFeatureStore(store, { cloud: "aws", name: "feats", onlineGroups: ["clicks"] });
        const m = new MonitoringStack("obs", {
          services: [serviceInfo("aws")],
          training: [clusterInfo("aws")],
          featureStores: [store],
          platformAlerts: { onlineErrorRatePercent: 3, onlineLatencyP95Ms: 25 },
        });
        return { info: m.info };
      },
      { project: "p", stack: "dev", config: CONFIG.aws },
    );
  });

  it("THEN only the online group gets alarms: its GetRecord error rate and p95 latency", () => {
    const names = resourcesOfType(p, ALARM)
      .map((a) => a.name)
      .filter((n) => n.startsWith("obs-feats-"));
    expect(names.sort()).toEqual(["obs-feats-clicks-onlineErrorRate", "obs-feats-clicks-onlineLatencyP95"]);
  });

  it("THEN the error-rate alarm divides 5xx and throttled reads by GetRecord calls of the group's SageMaker feature group", () => {
    const a = resource(p, ALARM, "obs-feats-clicks-onlineErrorRate").inputs as Record<string, unknown>;
    expect(a).toMatchObject({
      comparisonOperator: "GreaterThanThreshold",
      threshold: 3,
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
    });
    const queries = a.metricQueries as { id: string; expression?: string; metric?: Record<string, unknown> }[];
    expect(queries.map((q) => q.metric?.metricName ?? q.expression)).toEqual([
      "Operation5XXErrors",
      "ThrottledRequests",
      "Invocations",
      "100 * (FILL(failed5xx, 0) + FILL(throttled, 0)) / reads",
    ]);
    expect(queries[0]?.metric).toEqual({
      namespace: "AWS/SageMaker",
      metricName: "Operation5XXErrors",
      dimensions: { FeatureGroupName: "feats-clicks-fg-77e1", OperationName: "GetRecord" },
      stat: "Sum",
      period: 300,
    });
  });

  it("THEN the latency alarm is the p95 of Latency in microseconds, left unjudged on too few reads, and both notify the alert topic", () => {
    const a = resource(p, ALARM, "obs-feats-clicks-onlineLatencyP95").inputs as Record<string, unknown>;
    expect(a).toMatchObject({
      namespace: "AWS/SageMaker",
      metricName: "Latency",
      extendedStatistic: "p95",
      threshold: 25_000,
      period: 300,
      dimensions: { FeatureGroupName: "feats-clicks-fg-77e1", OperationName: "GetRecord" },
      evaluateLowSampleCountPercentiles: "ignore",
    });
    expect(a.alarmActions).toEqual(["arn:aws:mock:topic:obs-alerts"]);
    expect(a.okActions).toEqual(["arn:aws:mock:topic:obs-alerts"]);
  });

  it("THEN the outputs list the store's alarms and no cluster alarm (AWS has no pending-pod metric)", () => {
    const info = p.outputs.info as { alertIds: Record<string, string> };
    const keys = Object.keys(info.alertIds).filter((k) => k.startsWith("featureStore/") || k.startsWith("training/"));
    expect(keys.sort()).toEqual(["featureStore/feats/clicks/onlineErrorRate", "featureStore/feats/clicks/onlineLatencyP95"]);
  });

  it("THEN the dashboard gains a row with the store's alarms", () => {
    const body = JSON.parse(String(resourcesOfType(p, "aws:cloudwatch/dashboard:Dashboard")[0]?.inputs.dashboardBody));
    const row = body.widgets.find((w: { properties: { title: string } }) => w.properties.title === "Feature stores: online read alarms");
    expect(row?.properties.alarms).toHaveLength(2);
  });
});

describe("GIVEN a MonitoringStack on AWS in eu-west-1 watching a feature store in us-east-1", () => {
  it("THEN the store is refused with its field named, since a CloudWatch alarm sees only its own region's metrics", async () => {
    const run = synth(
      () => {
        const store = pulumi.output({ ...featureStoreInfo("aws"), region: "us-east-1" });
        registerFeatureStore(store, { cloud: "aws", name: "feats", onlineGroups: ["clicks"] });
        new MonitoringStack("obs", { services: [serviceInfo("aws")], featureStores: [store] });
      },
      { project: "p", stack: "dev", config: CONFIG.aws },
    );
    await expect(run).rejects.toThrow(
      'MonitoringStack "obs": featureStores.0 is FeatureStore "feats" in us-east-1; this stack\'s alarms are in eu-west-1, and a CloudWatch alarm watches metrics of its own region only',
    );
  });
});
