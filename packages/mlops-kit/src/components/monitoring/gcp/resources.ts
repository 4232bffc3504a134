import type { Budget } from "@pulumi/gcp/billing/budget";
import type { AlertPolicy } from "@pulumi/gcp/monitoring/alertPolicy";
import type { Dashboard } from "@pulumi/gcp/monitoring/dashboard";
import type { MetricDescriptor } from "@pulumi/gcp/monitoring/metricDescriptor";
import type { NotificationChannel } from "@pulumi/gcp/monitoring/notificationChannel";
import type { UptimeCheckConfig } from "@pulumi/gcp/monitoring/uptimeCheckConfig";

/** The GCP resources of a MonitoringStack. */
export interface GcpMonitoringStack {
  /** Email channels, then webhook channels. */
  notificationChannels: NotificationChannel[];
  /** Alert policies by `<service>/<slo>`, `<service>/uptime` and `model/<model>/<signal>`. */
  alertPolicies: Record<string, AlertPolicy>;
  /** Uptime checks of the public services, by service. */
  uptimeChecks: Record<string, UptimeCheckConfig>;
  /** The model signals' metric descriptors, by signal; absent without models. */
  metricDescriptors: Record<string, MetricDescriptor>;
  dashboard: Dashboard;
  /** Present with a budget and `gcp.billingAccount`. */
  budget?: Budget;
}

declare module "../contract" {
  /** Types the `.gcp` escape hatch for programs that import `mlops-kit/gcp`. */
  interface MonitoringStackCloudResources {
    gcp: GcpMonitoringStack;
  }
}
