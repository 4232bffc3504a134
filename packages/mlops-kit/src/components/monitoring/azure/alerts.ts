import type { Component } from "@pulumi/azure-native/applicationinsights/component";
import { WebTest } from "@pulumi/azure-native/applicationinsights/webTest";
import { MetricAlert } from "@pulumi/azure-native/monitor/metricAlert";
import { ScheduledQueryRule } from "@pulumi/azure-native/monitor/scheduledQueryRule";
import * as pulumi from "@pulumi/pulumi";
import { withOverrides } from "../../../core/backend";
import type { AzureServiceMetrics, InferenceServiceInfo } from "../../inference-service/info";
import type { AzureQueryAlert } from "../plan-azure";
import type { Foundation } from "./foundation";

/** Log search alerts: the ratio and percentile SLOs over the gateways' access logs, and the model signals over Application Insights. */
export function createQueryAlerts(f: Foundation, services: pulumi.Output<InferenceServiceInfo>[]): Record<string, ScheduledQueryRule> {
  const { plan } = f;
  const out: Record<string, ScheduledQueryRule> = {};
  for (const a of plan.azure.queryAlerts) {
    const service = plan.services.find((s) => s.name === a.subject && a.scope === "workspace");
    const query = service
      ? (services[service.index] as pulumi.Output<InferenceServiceInfo>).apply((i) =>
          renderQuery(a, (i.metrics.azure as AzureServiceMetrics).applicationGatewayId),
        )
      : pulumi.output(a.query);
    const key = service ? `${a.subject}/${a.slo}` : `model/${a.subject}/${a.slo}`;
    out[key] = new ScheduledQueryRule(
      `${plan.name}-${service ? "" : "model-"}${a.subject}-${a.slo}`,
      withOverrides(
        {
          resourceGroupName: f.resourceGroupName,
          location: plan.azure.location,
          kind: "LogAlert",
          description: a.description,
          severity: a.severity,
          enabled: true,
          scopes: [a.scope === "workspace" ? f.workspace.id : f.appInsights.id],
          windowSize: a.windowSize,
          evaluationFrequency: a.evaluationFrequency,
          criteria: {
            allOf: [
              {
                query,
                timeAggregation: "Maximum",
                metricMeasureColumn: a.metricMeasureColumn,
                operator: "GreaterThan",
                threshold: a.threshold,
                failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
              },
            ],
          },
          autoMitigate: true,
          // A new workspace has no AGWAccessLogs table until the first gateway log arrives, and Azure
          // validates the query against the tables that exist ("Failed to resolve table expression").
          skipQueryValidation: true,
          actions: { actionGroups: [f.actionGroup.id] },
          tags: f.tags,
        },
        plan.azure.overrides,
        "queryAlert",
      ),
      f.opts,
    );
  }
  return out;
}

/** The query with the gateway's id in place (ids are compared case-insensitively: `=~`). */
export function renderQuery(a: AzureQueryAlert, gatewayId: string): string {
  return a.query.split("{gatewayId}").join(gatewayId.replace(/"/g, ""));
}

/** Metric alerts on the autoscale setting (at maximum) and the gateway (unhealthy backends). */
export function createMetricAlerts(f: Foundation, services: pulumi.Output<InferenceServiceInfo>[]): Record<string, MetricAlert> {
  const { plan } = f;
  const out: Record<string, MetricAlert> = {};
  for (const a of plan.azure.metricAlerts) {
    const s = plan.services.find((x) => x.name === a.service);
    if (!s) continue;
    const m = (services[s.index] as pulumi.Output<InferenceServiceInfo>).apply((i) => i.metrics.azure as AzureServiceMetrics);
    const target = m.apply((x) => (a.target === "applicationGateway" ? x.applicationGatewayId : x.autoscaleSettingId));
    out[`${a.service}/${a.slo}`] = staticMetricAlert(
      f,
      `${plan.name}-${a.service}-${a.slo}`,
      { ...a, criterion: a.slo, dimensions: [] },
      target,
    );
  }
  return out;
}

/** What one single-criterion, static-threshold metric alert needs: the services' and the platform's alike. */
export interface StaticMetricRule {
  description: string;
  severity: number;
  windowSize: string;
  evaluationFrequency: string;
  /** The criterion's name (the SLO or signal). */
  criterion: string;
  metricNamespace: string;
  metricName: string;
  operator: string;
  /** Dimension filters (none: the metric as a whole). */
  dimensions: { name: string; operator: string; values: string[] }[];
  threshold: number;
  timeAggregation: string;
}

/** A metric alert on one resource with one static threshold, to the stack's action group. */
export function staticMetricAlert(f: Foundation, name: string, r: StaticMetricRule, scope: pulumi.Input<string>): MetricAlert {
  return new MetricAlert(
    name,
    withOverrides(
      {
        resourceGroupName: f.resourceGroupName,
        // Metric alert rules are global resources.
        location: "global",
        description: r.description,
        severity: r.severity,
        enabled: true,
        scopes: [scope],
        windowSize: r.windowSize,
        evaluationFrequency: r.evaluationFrequency,
        criteria: {
          odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
          allOf: [
            {
              criterionType: "StaticThresholdCriterion",
              name: r.criterion,
              metricNamespace: r.metricNamespace,
              metricName: r.metricName,
              operator: r.operator,
              ...(r.dimensions.length > 0 ? { dimensions: r.dimensions } : {}),
              threshold: r.threshold,
              timeAggregation: r.timeAggregation,
            },
          ],
        },
        autoMitigate: true,
        actions: [{ actionGroupId: f.actionGroup.id }],
        tags: f.tags,
      },
      f.plan.azure.overrides,
      "metricAlert",
    ),
    f.opts,
  );
}

/** A standard web test of each public service's health path from five locations, and its availability alert. */
export function createWebTests(
  f: Foundation,
  services: pulumi.Output<InferenceServiceInfo>[],
): { webTests: Record<string, WebTest>; alerts: Record<string, MetricAlert> } {
  const { plan } = f;
  const w = plan.azure.webTest;
  const webTests: Record<string, WebTest> = {};
  const alerts: Record<string, MetricAlert> = {};
  for (const s of plan.services.filter((x) => x.uptime)) {
    const info = services[s.index] as pulumi.Output<InferenceServiceInfo>;
    const testName = `${plan.name}-${s.name}-uptime`;
    const webTest = new WebTest(
      testName,
      withOverrides(
        {
          resourceGroupName: f.resourceGroupName,
          location: plan.azure.location,
          kind: "standard",
          webTestKind: "standard",
          syntheticMonitorId: testName,
          webTestName: testName,
          enabled: true,
          frequency: w.frequencySeconds,
          timeout: w.timeoutSeconds,
          retryEnabled: true,
          locations: w.locations.map((id) => ({ location: id })),
          request: { requestUrl: pulumi.interpolate`${info.url}${info.healthCheckPath}`, httpVerb: "GET", parseDependentRequests: false },
          // The certificate checks only for an https URL: on http the SSL check fails every run, and
          // the remaining-lifetime check requires SSLCheck true (WebTest `validationRules`).
          validationRules: info.url.apply((u) =>
            u.startsWith("https:")
              ? { expectedHttpStatusCode: 200, sSLCheck: true, sSLCertRemainingLifetimeCheck: 7 }
              : { expectedHttpStatusCode: 200, sSLCheck: false },
          ),
          // Azure links a web test to its Application Insights resource by this tag.
          tags: f.appInsights.id.apply((id) => ({ ...f.tags, [`hidden-link:${id}`]: "Resource" })),
        },
        plan.azure.overrides,
        "webTest",
      ),
      f.opts,
    );
    webTests[s.name] = webTest;
    alerts[`${s.name}/uptime`] = uptimeAlert(f, s.name, webTest, f.appInsights);
  }
  return { webTests, alerts };
}

function uptimeAlert(f: Foundation, service: string, webTest: WebTest, appInsights: Component): MetricAlert {
  const { plan } = f;
  return new MetricAlert(
    `${plan.name}-${service}-uptime`,
    withOverrides(
      {
        resourceGroupName: f.resourceGroupName,
        location: "global",
        description: `${service}: the health path fails from ${plan.azure.webTest.failedLocationCount} or more test locations`,
        severity: 1,
        enabled: true,
        // The availability criterion takes the web test and its Application Insights resource as scopes.
        scopes: [webTest.id, appInsights.id],
        windowSize: "PT5M",
        evaluationFrequency: "PT1M",
        criteria: {
          odataType: "Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria",
          webTestId: webTest.id,
          componentId: appInsights.id,
          failedLocationCount: plan.azure.webTest.failedLocationCount,
        },
        actions: [{ actionGroupId: f.actionGroup.id }],
        tags: f.tags,
      },
      plan.azure.overrides,
      "metricAlert",
    ),
    f.opts,
  );
}
