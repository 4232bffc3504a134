import { Budget } from "@pulumi/gcp/billing/budget";
import { Dashboard } from "@pulumi/gcp/monitoring/dashboard";
import { NotificationChannel } from "@pulumi/gcp/monitoring/notificationChannel";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { gcpLabels } from "../../../core/tags";
import type { GcpServiceMetrics, InferenceServiceInfo } from "../../inference-service/info";
import type { MonitoringInputs, MonitoringResult } from "../contract";
import type { MonitoringPlan } from "../plan";
import { lbMetrics } from "../plan-gcp";
import { createModelSignals, createServicePolicies, createUptimeChecks } from "./alerts";
import { createPlatformPolicies } from "./platform";
import type { GcpMonitoringStack } from "./resources";

type GcpPlan = MonitoringPlan & { gcp: NonNullable<MonitoringPlan["gcp"]> };

/**
 * A MonitoringStack on GCP, in the order of creation: notification channels, each service's SLO
 * alert policies, uptime checks and their policies, model metric descriptors and policies,
 * training cluster and feature store policies, the dashboard, the billing budget.
 */
export function provision(plan: MonitoringPlan, inputs: MonitoringInputs, ctx: ProvisionContext): MonitoringResult {
  if (!plan.gcp) throw new Error(`MonitoringStack "${plan.name}": the plan has no GCP part`);
  const p: GcpPlan = { ...plan, gcp: plan.gcp };
  const project = getProjectOutput({}, { parent: ctx.parent });
  const notificationChannels = createChannels(p, inputs.webhooks, ctx);
  const shared = { plan: p, channels: notificationChannels.map((c) => c.name), ctx };
  const slo = createServicePolicies(shared, inputs.services);
  const uptime = createUptimeChecks(
    shared,
    inputs.services,
    project.apply((x) => x.projectId ?? ""),
  );
  const models = createModelSignals(shared);
  const platform = createPlatformPolicies(
    shared,
    inputs.training,
    inputs.featureStores,
    project.apply((x) => x.projectId ?? ""),
  );
  const dashboard = createDashboard(p, inputs.services, ctx);
  const budget = createBudget(
    p,
    project.apply((x) => x.number ?? ""),
    shared.channels,
    ctx,
  );
  const alertPolicies = { ...slo, ...uptime.policies, ...models.policies, ...platform };
  const resources: GcpMonitoringStack = {
    notificationChannels,
    alertPolicies,
    uptimeChecks: uptime.checks,
    metricDescriptors: models.descriptors,
    dashboard,
    ...(budget ? { budget } : {}),
  };
  return {
    cloud: "gcp",
    // The dashboard's id is `projects/<number>/dashboards/<id>`.
    dashboardUrl: pulumi.interpolate`https://console.cloud.google.com/monitoring/dashboards/builder/${dashboard.id.apply((id) => id.split("/").pop() ?? id)}?project=${project.projectId}`,
    notificationChannelIds: pulumi.all(shared.channels),
    alertIds: record(Object.entries(alertPolicies).map(([k, a]) => [k, a.name] as const)),
    uptimeCheckIds: record(Object.entries(uptime.checks).map(([k, c]) => [k, c.uptimeCheckId] as const)),
    resources,
  };
}

function record(entries: (readonly [string, pulumi.Output<string>])[]): pulumi.Output<Record<string, string>> {
  return pulumi.all(entries.map(([, v]) => v)).apply((values) => Object.fromEntries(entries.map(([k], i) => [k, values[i] as string])));
}

/**
 * An email channel per address, a token-authenticated webhook channel per URL. The URL carries its
 * token, so it is a secret in Pulumi's state (`webhook_tokenauth` has no sensitive label for it:
 * anyone with `monitoring.notificationChannels.get` on the project can read it in GCP).
 */
function createChannels(plan: GcpPlan, webhooks: pulumi.Output<string>[], ctx: ProvisionContext): NotificationChannel[] {
  const userLabels = gcpLabels(plan.tags);
  const o = plan.gcp.overrides;
  return [
    ...plan.notifications.emails.map(
      (email, i) =>
        new NotificationChannel(
          `${plan.name}-email-${i}`,
          withOverrides(
            { displayName: `${plan.name}: ${email}`, type: "email", labels: { email_address: email }, userLabels },
            o,
            "notificationChannel",
          ),
          ctx.opts,
        ),
    ),
    ...webhooks.map(
      (url, i) =>
        new NotificationChannel(
          `${plan.name}-webhook-${i}`,
          withOverrides(
            { displayName: `${plan.name}: webhook ${i}`, type: "webhook_tokenauth", labels: { url: pulumi.secret(url) }, userLabels },
            o,
            "notificationChannel",
          ),
          { ...ctx.opts, additionalSecretOutputs: ["labels"] },
        ),
    ),
  ];
}

/** A row per service: request rate by response class, latency percentiles, instance group size. */
export function dashboardJson(name: string, rows: { service: string; scheme: "public" | "internal"; m: GcpServiceMetrics }[]): string {
  const tile = (y: number, x: number, title: string, filter: string, aligner: string, reducer: string, groupBy: string[] = []) => ({
    xPos: x,
    yPos: y,
    width: 16,
    height: 16,
    widget: {
      title,
      xyChart: {
        dataSets: [
          {
            timeSeriesQuery: {
              timeSeriesFilter: {
                filter,
                aggregation: { alignmentPeriod: "60s", perSeriesAligner: aligner, crossSeriesReducer: reducer, groupByFields: groupBy },
              },
            },
            plotType: "LINE",
          },
        ],
      },
    },
  });
  const tiles = rows.flatMap(({ service, scheme, m }, i) => {
    const { prefix, resourceType } = lbMetrics(scheme);
    const lb = `resource.type="${resourceType}" AND resource.label.backend_target_name="${m.backendServiceName}"`;
    const y = i * 16;
    return [
      tile(y, 0, `${service}: requests by class`, `metric.type="${prefix}/request_count" AND ${lb}`, "ALIGN_RATE", "REDUCE_SUM", [
        "metric.label.response_code_class",
      ]),
      tile(
        y,
        16,
        `${service}: p95 latency (ms)`,
        `metric.type="${prefix}/total_latencies" AND ${lb}`,
        "ALIGN_DELTA",
        "REDUCE_PERCENTILE_95",
      ),
      tile(
        y,
        32,
        `${service}: instances`,
        `metric.type="compute.googleapis.com/instance_group/size" AND resource.type="instance_group" AND resource.label.instance_group_name="${m.instanceGroupManagerName}"`,
        "ALIGN_MAX",
        "REDUCE_MAX",
      ),
    ];
  });
  // Mosaic layout: 48 columns (Dashboards API "MosaicLayout").
  return JSON.stringify({ displayName: `${name} (mlops-kit)`, mosaicLayout: { columns: 48, tiles } });
}

function createDashboard(plan: GcpPlan, services: pulumi.Output<InferenceServiceInfo>[], ctx: ProvisionContext): Dashboard {
  const rows = pulumi.all(
    plan.services.map((s) =>
      (services[s.index] as pulumi.Output<InferenceServiceInfo>).apply((i) => ({
        service: s.name,
        scheme: s.scheme,
        m: i.metrics.gcp as GcpServiceMetrics,
      })),
    ),
  );
  return new Dashboard(
    `${plan.name}-dashboard`,
    withOverrides({ dashboardJson: rows.apply((r) => dashboardJson(plan.name, r)) }, plan.gcp.overrides, "dashboard"),
    ctx.opts,
  );
}

/** A monthly budget on the billing account, for this project, notifying the channels (at most 5: Budget API). */
function createBudget(
  plan: GcpPlan,
  projectNumber: pulumi.Output<string>,
  channels: pulumi.Output<string>[],
  ctx: ProvisionContext,
): Budget | undefined {
  const b = plan.budget;
  const account = plan.gcp.billingAccount;
  if (!b || !account) return undefined;
  return new Budget(
    `${plan.name}-budget`,
    withOverrides(
      {
        billingAccount: account,
        displayName: `${plan.name} monthly`,
        budgetFilter: { projects: [pulumi.interpolate`projects/${projectNumber}`], calendarPeriod: "MONTH" },
        amount: { specifiedAmount: { currencyCode: b.currency, units: String(Math.floor(b.monthlyAmount)) } },
        // Threshold rules take fractions: 0.8 is 80 %.
        thresholdRules: b.thresholdsPercent.map((t) => ({ thresholdPercent: t / 100, spendBasis: "CURRENT_SPEND" })),
        allUpdatesRule: { monitoringNotificationChannels: channels.slice(0, 5), disableDefaultIamRecipients: channels.length > 0 },
      },
      plan.gcp.overrides,
      "budget",
    ),
    ctx.opts,
  );
}

export type { GcpMonitoringStack } from "./resources";
