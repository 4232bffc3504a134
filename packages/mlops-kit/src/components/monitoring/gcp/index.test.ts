import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { MonitoringStack } from "../component";
import { CONFIG, serviceInfo } from "../fixtures";
import type { MonitoringStackArgs } from "../spec";

const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
type Condition = {
  conditionThreshold: {
    filter: string;
    denominatorFilter?: string;
    aggregations: { alignmentPeriod: string; perSeriesAligner: string; crossSeriesReducer?: string }[];
    comparison: string;
    thresholdValue: number;
    duration: string;
  };
};
const condition = (p: Plan, name: string) => (resource(p, POLICY, name).inputs.conditions as Condition[])[0]?.conditionThreshold;

const args: MonitoringStackArgs = {
  services: [serviceInfo("gcp"), serviceInfo("gcp", "batch-api", "internal")],
  slo: { availabilityPercent: 99.5, availabilityWindowMinutes: 120, latencyP95Ms: 800, latencyP99Ms: 2000, saturationMinutes: 20 },
  models: [{ name: "fraud-v3", driftScoreMax: 0.45 }],
  notifications: { emails: ["oncall@example.com"], webhooks: [pulumi.secret("https://hooks.example.com/T000/B000/XXXX")] },
  budget: { monthlyAmount: 2500, currency: "EUR", thresholdsPercent: [50, 90] },
  gcp: { billingAccount: "012345-6789AB-CDEF01" },
};

describe("GIVEN a MonitoringStack on GCP watching a public (global) and an internal (regional) service", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await synth(() => new MonitoringStack("obs", args), { project: "p", stack: "dev", config: CONFIG.gcp });
  });

  it("THEN an email channel and a token-auth webhook channel notify, the URL never in the plan", () => {
    expect(resource(p, "gcp:monitoring/notificationChannel:NotificationChannel", "obs-email-0").inputs).toMatchObject({
      type: "email",
      labels: { email_address: "oncall@example.com" },
    });
    expect(resource(p, "gcp:monitoring/notificationChannel:NotificationChannel", "obs-webhook-0").inputs.type).toBe("webhook_tokenauth");
    expect(JSON.stringify(p)).not.toContain("hooks.example.com");
  });

  it("THEN every alert policy notifies both channels", () => {
    const policies = resourcesOfType(p, POLICY);
    expect(policies.length).toBe(5 + 5 + 1 + 3);
    for (const a of policies) expect(a.inputs.notificationChannels).toEqual(["obs-email-0", "obs-webhook-0"]);
  });

  it("THEN availability is a ratio of 5xx to all requests of the global LB's backend over the window, above 0.005", () => {
    const c = condition(p, "obs-fraud-api-availability");
    expect(c?.filter).toBe(
      'metric.type="loadbalancing.googleapis.com/https/request_count" AND resource.type="https_lb_rule" AND resource.label.backend_target_name="fraud-api-backend" AND metric.label.response_code_class=500',
    );
    expect(c?.denominatorFilter).toBe(
      'metric.type="loadbalancing.googleapis.com/https/request_count" AND resource.type="https_lb_rule" AND resource.label.backend_target_name="fraud-api-backend"',
    );
    expect(c?.aggregations[0]).toMatchObject({
      alignmentPeriod: "7200s",
      perSeriesAligner: "ALIGN_DELTA",
      crossSeriesReducer: "REDUCE_SUM",
    });
    expect(c?.thresholdValue).toBe(0.005);
  });

  it("THEN the internal service is watched on the regional internal ALB's metrics", () => {
    expect(condition(p, "obs-batch-api-latencyP99")?.filter).toContain(
      'metric.type="loadbalancing.googleapis.com/https/internal/total_latencies" AND resource.type="internal_http_lb_rule"',
    );
    expect(condition(p, "obs-batch-api-latencyP99")?.aggregations[0]?.crossSeriesReducer).toBe("REDUCE_PERCENTILE_99");
  });

  it("THEN each LB condition names the backend service by backend_target_name, the label both LB rule types carry", () => {
    for (const name of ["obs-batch-api-latencyP99", "obs-fraud-api-latencyP95", "obs-fraud-api-errorRate"]) {
      const c = condition(p, name) as Condition["conditionThreshold"] & { aggregations: { groupByFields?: string[] }[] };
      expect(c.filter).toMatch(/ AND resource\.label\.backend_target_name="(fraud|batch)-api-backend"/);
      expect(c.aggregations[0]?.groupByFields).toEqual(["resource.label.backend_target_name"]);
    }
  });

  it("THEN saturation holds the MIG's size at its maximum for the given minutes", () => {
    const c = condition(p, "obs-fraud-api-saturation");
    expect(c).toMatchObject({ comparison: "COMPARISON_GE", thresholdValue: 7, duration: "1200s" });
    expect(c?.filter).toContain('resource.label.instance_group_name="fraud-api-mig"');
  });

  it("THEN only the public service has an HTTPS uptime check of its health path, from three regions", () => {
    const checks = resourcesOfType(p, "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig");
    expect(checks.map((c) => c.name)).toEqual(["obs-fraud-api-uptime"]);
    expect(checks[0]?.inputs).toMatchObject({
      checkerType: "STATIC_IP_CHECKERS",
      selectedRegions: ["USA", "EUROPE", "ASIA_PACIFIC"],
      httpCheck: { path: "/v2/ready", useSsl: true, validateSsl: true, port: 443 },
      monitoredResource: { type: "uptime_url", labels: { host: "fraud-api.ml.example.com", project_id: "acme-ml" } },
    });
  });

  it("THEN model signals get descriptors under this stack's prefix and alert policies after them", () => {
    const d = resource(p, "gcp:monitoring/metricDescriptor:MetricDescriptor", "obs-drift").inputs;
    expect(d).toMatchObject({ metricKind: "GAUGE", valueType: "DOUBLE" });
    expect(String(d.type)).toMatch(/^custom\.googleapis\.com\/mlops\/obs_[a-z0-9]{6}\/drift_score$/);
    const drift = resource(p, POLICY, "obs-model-fraud-v3-drift");
    expect(drift.dependsOn).toEqual([resource(p, "gcp:monitoring/metricDescriptor:MetricDescriptor", "obs-drift").urn]);
    expect(condition(p, "obs-model-fraud-v3-drift")?.thresholdValue).toBe(0.45);
  });

  it("THEN the budget is on the billing account, for this project, in fractions", () => {
    const b = resource(p, "gcp:billing/budget:Budget", "obs-budget").inputs;
    expect(b).toMatchObject({
      billingAccount: "012345-6789AB-CDEF01",
      amount: { specifiedAmount: { currencyCode: "EUR", units: "2500" } },
    });
    expect(b.thresholdRules).toEqual([
      { thresholdPercent: 0.5, spendBasis: "CURRENT_SPEND" },
      { thresholdPercent: 0.9, spendBasis: "CURRENT_SPEND" },
    ]);
  });

  it("THEN the dashboard draws three tiles per service", () => {
    const json = JSON.parse(String(resource(p, "gcp:monitoring/dashboard:Dashboard", "obs-dashboard").inputs.dashboardJson));
    expect(json.mosaicLayout.tiles).toHaveLength(6);
    expect(json.mosaicLayout.tiles[0].widget.xyChart.dataSets[0].timeSeriesQuery.timeSeriesFilter.filter).toBe(
      'metric.type="loadbalancing.googleapis.com/https/request_count" AND resource.type="https_lb_rule" AND resource.label.backend_target_name="fraud-api-backend"',
    );
  });
});

describe("GIVEN a budget without a billing account", () => {
  it("THEN no budget is made on GCP", async () => {
    const p = await synth(() => new MonitoringStack("obs", { services: [serviceInfo("gcp")], budget: { monthlyAmount: 100 } }), {
      project: "p",
      stack: "dev",
      config: CONFIG.gcp,
    });
    expect(resourcesOfType(p, "gcp:billing/budget:Budget")).toHaveLength(0);
    expect(resourcesOfType(p, POLICY).length).toBeGreaterThan(0);
  });
});

describe("GIVEN the prod profile with a model", () => {
  it("THEN the model metric descriptors (and so their data) are kept on destroy", async () => {
    const p = await synth(() => new MonitoringStack("obs", { services: [serviceInfo("gcp")], models: [{ name: "fraud-v3" }] }), {
      project: "p",
      stack: "prod",
      config: { ...CONFIG.gcp, "mlops:profile": "prod" },
    });
    const descriptors = resourcesOfType(p, "gcp:monitoring/metricDescriptor:MetricDescriptor");
    expect(descriptors.map((d) => [d.name, d.retainOnDelete])).toEqual([
      ["obs-data-quality", true],
      ["obs-drift", true],
      ["obs-prediction-shift", true],
    ]);
  });
});
