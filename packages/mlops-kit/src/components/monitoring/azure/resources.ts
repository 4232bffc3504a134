import type { Component } from "@pulumi/azure-native/applicationinsights/component";
import type { WebTest } from "@pulumi/azure-native/applicationinsights/webTest";
import type { Workbook } from "@pulumi/azure-native/applicationinsights/workbook";
import type { Budget } from "@pulumi/azure-native/consumption/budget";
import type { ActionGroup } from "@pulumi/azure-native/monitor/actionGroup";
import type { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import type { MetricAlert } from "@pulumi/azure-native/monitor/metricAlert";
import type { ScheduledQueryRule } from "@pulumi/azure-native/monitor/scheduledQueryRule";
import type { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";

/** The Azure resources of a MonitoringStack. */
export interface AzureMonitoringStack {
  actionGroup: ActionGroup;
  /** The Log Analytics workspace the gateways' access logs go to, and Application Insights' data. */
  workspace: Workspace;
  /** Each service's Application Gateway access log and metrics into the workspace, by service. */
  diagnosticSettings: Record<string, DiagnosticSetting>;
  /** Workspace-based Application Insights: standard web tests and model custom metrics. */
  appInsights: Component;
  /** Standard web tests of the public services, by service. */
  webTests: Record<string, WebTest>;
  /** Metric alerts by `<service>/<slo>` (saturation, unhealthy, uptime). */
  metricAlerts: Record<string, MetricAlert>;
  /** Log search alerts by `<service>/<slo>` (availability, error rate, latency) and `model/<model>/<signal>`. */
  queryAlerts: Record<string, ScheduledQueryRule>;
  workbook: Workbook;
  budget?: Budget;
}

declare module "../contract" {
  /** Types the `.azure` escape hatch for programs that import `mlops-kit/azure`. */
  interface MonitoringStackCloudResources {
    azure: AzureMonitoringStack;
  }
}
