import type { Cloud } from "../../core/cloud";

/**
 * The neutral description of a MonitoringStack that other components and stacks take: where its
 * dashboard is, who it notifies, and which alerts it made. Plain values, so it crosses stack references.
 */
export interface MonitoringInfo {
  cloud: Cloud;
  /** The MonitoringStack's name. */
  name: string;
  /** The dashboard in the cloud's console. */
  dashboardUrl: string;
  /** Where alerts go: SNS topic ARNs; Cloud Monitoring notification channel ids; the action group id. */
  notificationChannelIds: string[];
  /**
   * Alert ids by `<service>/<slo>` (and `model/<model>/<signal>`, `training/<cluster>/<signal>`,
   * `featureStore/<store>[/<group>]/<signal>`): alarm ARNs; alert policy ids; alert rule ids.
   */
  alertIds: Record<string, string>;
  /** Synthetic checks by service: Route 53 health check ids; uptime check ids; web test ids. */
  uptimeCheckIds: Record<string, string>;
}
