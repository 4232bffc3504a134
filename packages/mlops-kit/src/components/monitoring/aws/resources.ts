import type { Budget } from "@pulumi/aws/budgets/budget";
import type { CompositeAlarm } from "@pulumi/aws/cloudwatch/compositeAlarm";
import type { Dashboard } from "@pulumi/aws/cloudwatch/dashboard";
import type { MetricAlarm } from "@pulumi/aws/cloudwatch/metricAlarm";
import type { Key } from "@pulumi/aws/kms/key";
import type { HealthCheck } from "@pulumi/aws/route53/healthCheck";
import type { Topic } from "@pulumi/aws/sns/topic";
import type { TopicPolicy } from "@pulumi/aws/sns/topicPolicy";
import type { TopicSubscription } from "@pulumi/aws/sns/topicSubscription";

/** An encrypted SNS topic alerts are published to, with its key, policy and subscriptions. */
export interface AwsAlertTopic {
  key: Key;
  topic: Topic;
  policy: TopicPolicy;
  subscriptions: TopicSubscription[];
}

/** The AWS resources of a MonitoringStack. */
export interface AwsMonitoringStack {
  /** Alerts of the stack's region. */
  alerts: AwsAlertTopic;
  /** Alerts of the uptime alarms, in us-east-1 where Route 53 publishes its metrics; absent without health checks. */
  uptimeAlerts?: AwsAlertTopic;
  /** SLO alarms by `<service>/<slo>`, model alarms by `model/<model>/<signal>`, feature-store alarms by `featureStore/<store>/<group>/<signal>`. */
  alarms: Record<string, MetricAlarm>;
  /** One per service: ALARM when any of its SLO alarms is. */
  compositeAlarms: Record<string, CompositeAlarm>;
  /** Route 53 health checks of the public services, and their alarms (us-east-1). */
  healthChecks: Record<string, { healthCheck: HealthCheck; alarm: MetricAlarm }>;
  dashboard: Dashboard;
  budget?: Budget;
}

declare module "../contract" {
  /** Types the `.aws` escape hatch for programs that import `mlops-kit/aws`. */
  interface MonitoringStackCloudResources {
    aws: AwsMonitoringStack;
  }
}
