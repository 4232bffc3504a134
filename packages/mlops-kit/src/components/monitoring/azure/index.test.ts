import { type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { MonitoringStack } from "../component";
import { CONFIG, serviceInfo } from "../fixtures";
import type { MonitoringStackArgs } from "../spec";

const QUERY = "azure-native:monitor:ScheduledQueryRule";
const METRIC = "azure-native:monitor:MetricAlert";
const GW = serviceInfo("azure").metrics.azure?.applicationGatewayId;

const args: MonitoringStackArgs = {
  services: [serviceInfo("azure"), serviceInfo("azure", "batch-api", "internal")],
  slo: { availabilityPercent: 99.5, latencyP95Ms: 800, latencyP99Ms: 2000, saturationMinutes: 20, unhealthyMinutes: 4 },
  models: [{ name: "fraud-v3", driftScoreMax: 0.45, periodMinutes: 120 }],
  notifications: { emails: ["oncall@example.com"], webhooks: [pulumi.secret("https://hooks.example.com/T000/B000/XXXX")] },
  budget: { monthlyAmount: 2500, thresholdsPercent: [50, 90] },
  logs: { retentionDays: 90 },
};

type Criteria = { allOf: { query: string; metricMeasureColumn: string; threshold: number; operator: string }[] };

describe("GIVEN a MonitoringStack on Azure watching a public and an internal service", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await synth(() => new MonitoringStack("obs", args), { project: "p", stack: "dev", config: CONFIG.azure });
  });

  it("THEN one action group holds the email and the webhook in the common alert schema, the URL never in the plan", () => {
    const ag = resource(p, "azure-native:monitor:ActionGroup", "obs-alerts").inputs;
    expect(ag).toMatchObject({ location: "Global", resourceGroupName: "ml-rg", enabled: true });
    expect(ag.emailReceivers).toEqual([{ name: "email-0", emailAddress: "oncall@example.com", useCommonAlertSchema: true }]);
    expect(String(ag.groupShortName).length).toBeLessThanOrEqual(12);
    expect(JSON.stringify(p)).not.toContain("hooks.example.com");
  });

  it("THEN the workspace keeps 90 days and Application Insights is based on it", () => {
    expect(resource(p, "azure-native:operationalinsights:Workspace", "obs-logs").inputs).toMatchObject({
      retentionInDays: 90,
      features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
    });
    const ai = resource(p, "azure-native:applicationinsights:Component", "obs-insights").inputs;
    expect(ai).toMatchObject({ kind: "web", ingestionMode: "LogAnalytics" });
    expect(String(ai.workspaceResourceId)).toMatch(/\/Workspace\/obs-logs$/);
  });

  it("THEN each gateway sends its access log to the workspace's AGWAccessLogs table", () => {
    const d = resource(p, "azure-native:monitor:DiagnosticSetting", "obs-fraud-api-diagnostics").inputs;
    expect(d).toMatchObject({
      resourceUri: GW,
      logAnalyticsDestinationType: "Dedicated",
      logs: [{ category: "ApplicationGatewayAccessLog", enabled: true }],
    });
  });

  it("THEN availability is a log alert on the gateway's 5xx share above 0.5 % over an hour, after the diagnostic settings", () => {
    const rule = resource(p, QUERY, "obs-fraud-api-availability");
    const c = (rule.inputs.criteria as Criteria).allOf[0];
    expect(c?.query).toContain(`_ResourceId =~ "${GW}"`);
    expect(c).toMatchObject({ metricMeasureColumn: "failedPercent", threshold: 0.5, operator: "GreaterThan" });
    expect(rule.inputs).toMatchObject({ kind: "LogAlert", windowSize: "PT1H", evaluationFrequency: "PT5M" });
    expect(rule.dependsOn).toHaveLength(2);
  });

  it("THEN p99 latency is the access log's percentile of TimeTaken in ms", () => {
    const c = (resource(p, QUERY, "obs-fraud-api-latencyP99").inputs.criteria as Criteria).allOf[0];
    expect(c?.query).toContain("percentile(TimeTaken, 99) * 1000");
    expect(c?.threshold).toBe(2000);
  });

  it("THEN saturation is the autoscale setting's ObservedCapacity at the maximum over the rounded-up window", () => {
    const a = resource(p, METRIC, "obs-fraud-api-saturation").inputs;
    expect(a.scopes).toEqual([serviceInfo("azure").metrics.azure?.autoscaleSettingId]);
    expect(a).toMatchObject({ windowSize: "PT30M", location: "global" });
    expect((a.criteria as { allOf: unknown[] }).allOf[0]).toMatchObject({
      metricName: "ObservedCapacity",
      timeAggregation: "Average",
      threshold: 7,
      operator: "GreaterThanOrEqual",
    });
    const unhealthy = resource(p, METRIC, "obs-fraud-api-unhealthy").inputs;
    expect(unhealthy.windowSize).toBe("PT5M");
    // UnhealthyHostCount is published with Average only: one host's worth of unhealthy minutes over the window.
    expect((unhealthy.criteria as { allOf: unknown[] }).allOf[0]).toMatchObject({
      metricName: "UnhealthyHostCount",
      timeAggregation: "Average",
      operator: "GreaterThanOrEqual",
      threshold: 1,
    });
  });

  it("THEN only the public service gets a standard web test of its health path, linked to Application Insights, and its availability alert", () => {
    const tests = resourcesOfType(p, "azure-native:applicationinsights:WebTest");
    expect(tests.map((t) => t.name)).toEqual(["obs-fraud-api-uptime"]);
    expect(tests[0]?.inputs).toMatchObject({
      kind: "standard",
      webTestKind: "standard",
      request: { requestUrl: "https://fraud-api.ml.example.com/v2/ready", httpVerb: "GET" },
      validationRules: { expectedHttpStatusCode: 200, sSLCheck: true, sSLCertRemainingLifetimeCheck: 7 },
    });
    expect(Object.keys(tests[0]?.inputs.tags as object).some((k) => k.startsWith("hidden-link:/subscriptions/"))).toBe(true);
    const alert = resource(p, METRIC, "obs-fraud-api-uptime").inputs;
    expect((alert.criteria as { odataType: string }).odataType).toBe("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria");
  });

  it("THEN model drift is a log alert on Application Insights' custom metrics", () => {
    const rule = resource(p, QUERY, "obs-model-fraud-v3-drift").inputs;
    expect(String(rule.scopes)).toMatch(/\/Component\/obs-insights"?\]?$/);
    expect((rule.criteria as Criteria).allOf[0]?.query).toContain(
      'name == "DriftScore" and tostring(customDimensions.Model) == "fraud-v3"',
    );
    expect(rule.windowSize).toBe("PT2H");
  });

  it("THEN every alert notifies the action group", () => {
    const metric = resourcesOfType(p, METRIC);
    const query = resourcesOfType(p, QUERY);
    expect(metric.length + query.length).toBe(5 + 8 + 3);
    const group = expect.stringMatching(/\/ActionGroup\/obs-alerts$/);
    for (const a of metric) expect(a.inputs.actions).toEqual([{ actionGroupId: group }]);
    for (const a of query) expect(a.inputs.actions).toEqual({ actionGroups: [group] });
  });

  it("THEN the budget is on the resource group, notifying at 50 and 90 % of actual cost", () => {
    const b = resource(p, "azure-native:consumption:Budget", "obs-budget").inputs;
    expect(b.scope).toBe("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml-rg");
    expect(Object.keys(b.notifications as object)).toEqual(["actual-50", "actual-90"]);
  });
});

describe("GIVEN a public Azure service served over plain http (no TLS host name)", () => {
  it("THEN its web test checks the status only: no SSL check, no certificate lifetime check (it requires SSLCheck)", async () => {
    const plain = { ...serviceInfo("azure"), url: "http://203.0.113.7" };
    const p = await synth(() => new MonitoringStack("obs", { services: [plain] }), { project: "p", stack: "dev", config: CONFIG.azure });
    const t = resource(p, "azure-native:applicationinsights:WebTest", "obs-fraud-api-uptime").inputs;
    expect(t.validationRules).toEqual({ expectedHttpStatusCode: 200, sSLCheck: false });
    expect((t.request as { requestUrl: string }).requestUrl).toBe("http://203.0.113.7/v2/ready");
  });
});
