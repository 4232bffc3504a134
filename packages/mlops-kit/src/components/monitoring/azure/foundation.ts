import { Component } from "@pulumi/azure-native/applicationinsights/component";
import { Workbook } from "@pulumi/azure-native/applicationinsights/workbook";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { Budget } from "@pulumi/azure-native/consumption/budget";
import { ActionGroup } from "@pulumi/azure-native/monitor/actionGroup";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { WorkspaceSkuNameEnum } from "@pulumi/azure-native/types/enums/operationalinsights";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { azureTags } from "../../../core/tags";
import type { AzureServiceMetrics, InferenceServiceInfo } from "../../inference-service/info";
import type { MonitoringPlan } from "../plan";

export type AzurePlan = MonitoringPlan & { azure: NonNullable<MonitoringPlan["azure"]> };

/** What every alert needs: the plan, where they go, who they notify, and what they query. */
export interface Foundation {
  plan: AzurePlan;
  resourceGroupName: pulumi.Output<string>;
  tags: Record<string, string>;
  opts: pulumi.CustomResourceOptions;
  actionGroup: ActionGroup;
  workspace: Workspace;
  appInsights: Component;
}

/** The resource group a resource id names (`/subscriptions/<s>/resourceGroups/<rg>/...`). */
export function resourceGroupOf(id: string): string {
  const m = /\/resourceGroups\/([^/]+)/i.exec(id);
  if (!m?.[1]) throw new Error(`not an Azure resource id: ${id}`);
  return m[1];
}

/**
 * The action group (email and webhook receivers in the common alert schema), the Log Analytics
 * workspace with the plan's retention, and Application Insights on that workspace.
 */
export function createFoundation(
  plan: AzurePlan,
  services: pulumi.Output<InferenceServiceInfo>[],
  webhooks: pulumi.Output<string>[],
  ctx: ProvisionContext,
): Foundation {
  const o = plan.azure.overrides;
  const tags = azureTags(plan.tags);
  const first = services[0] as pulumi.Output<InferenceServiceInfo>;
  const resourceGroupName = plan.azure.resourceGroupName
    ? pulumi.output(plan.azure.resourceGroupName)
    : first.apply((i) => resourceGroupOf((i.metrics.azure as AzureServiceMetrics).applicationGatewayId));
  const actionGroup = new ActionGroup(
    `${plan.name}-alerts`,
    withOverrides(
      {
        resourceGroupName,
        // Action groups are global resources.
        location: "Global",
        groupShortName: plan.azure.actionGroupShortName,
        enabled: true,
        emailReceivers: plan.notifications.emails.map((emailAddress, i) => ({
          name: `email-${i}`,
          emailAddress,
          useCommonAlertSchema: true,
        })),
        webhookReceivers: webhooks.map((url, i) => ({ name: `webhook-${i}`, serviceUri: pulumi.secret(url), useCommonAlertSchema: true })),
        tags,
      },
      o,
      "actionGroup",
    ),
    { ...ctx.opts, additionalSecretOutputs: ["webhookReceivers"] },
  );
  const workspace = new Workspace(
    `${plan.name}-logs`,
    withOverrides(
      {
        resourceGroupName,
        location: plan.azure.location,
        sku: { name: WorkspaceSkuNameEnum.PerGB2018 },
        retentionInDays: plan.azure.logRetentionDays,
        // Entra ID only: no shared keys to leak (`disableLocalAuth`); readers need rights on the resources.
        features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
        tags,
      },
      o,
      "workspace",
    ),
    { ...ctx.opts, retainOnDelete: plan.retain },
  );
  const appInsights = new Component(
    `${plan.name}-insights`,
    withOverrides(
      {
        resourceGroupName,
        location: plan.azure.location,
        kind: "web",
        applicationType: "web",
        // Workspace-based: its data lives in (and is kept as long as) the workspace.
        workspaceResourceId: workspace.id,
        ingestionMode: "LogAnalytics",
        tags,
      },
      o,
      "appInsights",
    ),
    ctx.opts,
  );
  return { plan, resourceGroupName, tags, opts: ctx.opts, actionGroup, workspace, appInsights };
}

/** Each service's gateway access log and metrics into the workspace, one table per category (AGWAccessLogs). */
export function createDiagnostics(f: Foundation, services: pulumi.Output<InferenceServiceInfo>[]): Record<string, DiagnosticSetting> {
  const { plan } = f;
  return Object.fromEntries(
    plan.services.map((s) => [
      s.name,
      new DiagnosticSetting(
        `${plan.name}-${s.name}-diagnostics`,
        withOverrides(
          {
            resourceUri: (services[s.index] as pulumi.Output<InferenceServiceInfo>).apply(
              (i) => (i.metrics.azure as AzureServiceMetrics).applicationGatewayId,
            ),
            workspaceId: f.workspace.id,
            logAnalyticsDestinationType: "Dedicated",
            logs: [{ category: "ApplicationGatewayAccessLog", enabled: true }],
            metrics: [{ category: "AllMetrics", enabled: true }],
          },
          plan.azure.overrides,
          "diagnosticSetting",
        ),
        f.opts,
      ),
    ]),
  );
}

/** A shared workbook with each service's requests, 5xx and latency percentiles from the access logs. */
export function workbookJson(services: string[]): string {
  const items = [
    { type: 1, content: { json: `## ${services.join(", ")}\nRequests, 5xx and latency from the Application Gateway access logs.` } },
    {
      type: 3,
      content: {
        version: "KqlItem/1.0",
        query:
          "AGWAccessLogs\n| summarize requests = count(), errors5xx = countif(HttpStatus >= 500), p95Ms = percentile(TimeTaken, 95) * 1000, p99Ms = percentile(TimeTaken, 99) * 1000 by bin(TimeGenerated, 5m), _ResourceId",
        size: 0,
        timeContext: { durationMs: 86400000 },
        queryType: 0,
        resourceType: "microsoft.operationalinsights/workspaces",
        visualization: "timechart",
      },
    },
  ];
  return JSON.stringify({ version: "Notebook/1.0", items, isLocked: false });
}

export function createWorkbook(f: Foundation): Workbook {
  const { plan } = f;
  return new Workbook(
    `${plan.name}-workbook`,
    withOverrides(
      {
        resourceGroupName: f.resourceGroupName,
        location: plan.azure.location,
        resourceName: plan.azure.workbookId,
        kind: "shared",
        category: "workbook",
        displayName: `${plan.name} (mlops-kit)`,
        serializedData: workbookJson(plan.services.map((s) => s.name)),
        sourceId: f.workspace.id,
        tags: f.tags,
      },
      plan.azure.overrides,
      "workbook",
    ),
    f.opts,
  );
}

/**
 * A monthly cost budget on the resource group, notifying the action group and the emails at each
 * threshold (at most 5 notifications: Budgets API). Its start is the first of the month it was
 * created in, which Azure requires and never moves.
 */
export function createBudget(f: Foundation, ctx: ProvisionContext): Budget | undefined {
  const { plan } = f;
  const b = plan.budget;
  if (!b) return undefined;
  const subscriptionId = getClientConfigOutput({ parent: ctx.parent }).subscriptionId;
  const now = new Date();
  const startDate = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}-01T00:00:00Z`;
  return new Budget(
    `${plan.name}-budget`,
    withOverrides(
      {
        scope: pulumi.interpolate`/subscriptions/${subscriptionId}/resourceGroups/${f.resourceGroupName}`,
        amount: b.monthlyAmount,
        category: "Cost",
        timeGrain: "Monthly",
        timePeriod: { startDate },
        notifications: Object.fromEntries(
          b.thresholdsPercent.map((threshold) => [
            `actual-${threshold}`,
            {
              enabled: true,
              operator: "GreaterThan",
              threshold,
              thresholdType: "Actual",
              contactEmails: plan.notifications.emails,
              contactGroups: [f.actionGroup.id],
            },
          ]),
        ),
      },
      plan.azure.overrides,
      "budget",
    ),
    // The start date is fixed at creation: a later run must not move it.
    { ...ctx.opts, ignoreChanges: ["timePeriod"] },
  );
}
