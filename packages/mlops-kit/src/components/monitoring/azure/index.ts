import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import type { MonitoringInputs, MonitoringResult } from "../contract";
import type { MonitoringPlan } from "../plan";
import { createMetricAlerts, createQueryAlerts, createWebTests } from "./alerts";
import { type AzurePlan, createBudget, createDiagnostics, createFoundation, createWorkbook } from "./foundation";
import { createPlatformAlerts } from "./platform";
import type { AzureMonitoringStack } from "./resources";

/**
 * A MonitoringStack on Azure, in the order of creation: action group, Log Analytics workspace,
 * Application Insights, the gateways' diagnostic settings, log search and metric alerts (services,
 * training clusters, feature stores), standard
 * web tests with their alerts, the workbook, the budget.
 */
export function provision(plan: MonitoringPlan, inputs: MonitoringInputs, ctx: ProvisionContext): MonitoringResult {
  if (!plan.azure) throw new Error(`MonitoringStack "${plan.name}": the plan has no Azure part`);
  const p: AzurePlan = { ...plan, azure: plan.azure };
  const f = createFoundation(p, inputs.services, inputs.webhooks, ctx);
  const diagnosticSettings = createDiagnostics(f, inputs.services);
  // Log alerts validate their query against the table, which exists once a setting sends to it.
  const queryAlerts = createQueryAlerts({ ...f, opts: { ...f.opts, dependsOn: Object.values(diagnosticSettings) } }, inputs.services);
  const metricAlerts = createMetricAlerts(f, inputs.services);
  const platformAlerts = createPlatformAlerts(f, inputs.training, inputs.featureStores);
  const web = createWebTests(f, inputs.services);
  const workbook = createWorkbook(f);
  const budget = createBudget(f, ctx);
  const allMetricAlerts = { ...metricAlerts, ...platformAlerts, ...web.alerts };
  const resources: AzureMonitoringStack = {
    actionGroup: f.actionGroup,
    workspace: f.workspace,
    diagnosticSettings,
    appInsights: f.appInsights,
    webTests: web.webTests,
    metricAlerts: allMetricAlerts,
    queryAlerts,
    workbook,
    ...(budget ? { budget } : {}),
  };
  const alerts = [...Object.entries(queryAlerts), ...Object.entries(allMetricAlerts)].map(([k, a]) => [k, a.id] as const);
  return {
    cloud: "azure",
    dashboardUrl: pulumi.interpolate`https://portal.azure.com/#resource${workbook.id}/workbook`,
    notificationChannelIds: pulumi.all([f.actionGroup.id]),
    alertIds: record(alerts),
    uptimeCheckIds: record(Object.entries(web.webTests).map(([k, w]) => [k, w.id] as const)),
    resources,
  };
}

function record(entries: (readonly [string, pulumi.Output<string>])[]): pulumi.Output<Record<string, string>> {
  return pulumi.all(entries.map(([, v]) => v)).apply((values) => Object.fromEntries(entries.map(([k], i) => [k, values[i] as string])));
}

export type { AzureMonitoringStack } from "./resources";
