import { Budget } from "@pulumi/aws/budgets/budget";
import { Dashboard } from "@pulumi/aws/cloudwatch/dashboard";
import type { MetricAlarm } from "@pulumi/aws/cloudwatch/metricAlarm";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsServiceMetrics, InferenceServiceInfo } from "../../inference-service/info";
import type { MonitoringPlan } from "../plan";
import type { AwsAlertTopic } from "./resources";
import { publishing } from "./topic";

type AwsPlan = MonitoringPlan & { aws: NonNullable<MonitoringPlan["aws"]> };

/** The widgets of one service's row: traffic and 5xx, latency percentiles, group size, its alarms. */
export function serviceWidgets(name: string, m: AwsServiceMetrics, region: string, row: number, alarmArns: string[]): object[] {
  const lb = ["LoadBalancer", m.loadBalancerArnSuffix];
  const y = row * 6;
  const metric = (title: string, x: number, metrics: unknown[][]) => ({
    type: "metric",
    x,
    y,
    width: 6,
    height: 6,
    properties: { title: `${name}: ${title}`, region, view: "timeSeries", stat: "Sum", period: 60, metrics },
  });
  return [
    metric("requests and 5xx", 0, [
      ["AWS/ApplicationELB", "RequestCount", ...lb],
      ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ...lb],
      ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", ...lb],
    ]),
    metric("latency (s)", 6, [
      ["AWS/ApplicationELB", "TargetResponseTime", ...lb, { stat: "p95" }],
      ["AWS/ApplicationELB", "TargetResponseTime", ...lb, { stat: "p99" }],
    ]),
    metric("instances", 12, [
      ["AWS/AutoScaling", "GroupInServiceInstances", "AutoScalingGroupName", m.autoScalingGroupName, { stat: "Maximum" }],
      ["AWS/AutoScaling", "GroupMaxSize", "AutoScalingGroupName", m.autoScalingGroupName, { stat: "Maximum" }],
      ["AWS/ApplicationELB", "UnHealthyHostCount", "TargetGroup", m.targetGroupArnSuffix, ...lb, { stat: "Maximum" }],
    ]),
    { type: "alarm", x: 18, y, width: 6, height: 6, properties: { title: `${name}: SLO alarms`, alarms: alarmArns } },
  ];
}

/**
 * The console of a partition: GovCloud and China have their own ("AWS GovCloud (US) User Guide",
 * signing in: console.amazonaws-us-gov.com; "Getting started with AWS China": console.amazonaws.cn).
 */
export function consoleHost(partition: string): string {
  if (partition === "aws-us-gov") return "console.amazonaws-us-gov.com";
  if (partition === "aws-cn") return "console.amazonaws.cn";
  return "console.aws.amazon.com";
}

/** The link that opens a dashboard in its partition's console. */
export function dashboardUrl(partition: string, region: string, name: string): string {
  return `https://${consoleHost(partition)}/cloudwatch/home?region=${region}#dashboards:name=${name}`;
}

/** A CloudWatch dashboard with a row per service (PutDashboard: a JSON body of widgets on a 24-column grid). */
export function createDashboard(
  plan: AwsPlan,
  services: pulumi.Output<InferenceServiceInfo>[],
  alarms: Record<string, MetricAlarm>,
  region: pulumi.Output<string>,
  ctx: ProvisionContext,
  extra: pulumi.Output<object[]> = pulumi.output([]),
): Dashboard {
  const rows = plan.services.map((s) => {
    const arns = Object.entries(alarms)
      .filter(([key]) => key.startsWith(`${s.name}/`))
      .map(([, a]) => a.arn);
    return pulumi
      .all([services[s.index] as pulumi.Output<InferenceServiceInfo>, region, pulumi.all(arns)])
      .apply(([info, r, alarmArns]) => serviceWidgets(s.name, info.metrics.aws as AwsServiceMetrics, r, s.index, alarmArns));
  });
  return new Dashboard(
    `${plan.name}-dashboard`,
    withOverrides(
      {
        dashboardName: plan.aws.dashboardName,
        dashboardBody: pulumi.all([pulumi.all(rows), extra]).apply(([r, e]) => JSON.stringify({ widgets: [...r.flat(), ...e] })),
      },
      plan.aws.overrides,
      "dashboard",
    ),
    ctx.opts,
  );
}

/** A monthly cost budget whose actual spend notifies the alert topic at each threshold. */
export function createBudget(plan: AwsPlan, alerts: AwsAlertTopic, ctx: ProvisionContext): Budget | undefined {
  const b = plan.budget;
  if (!b) return undefined;
  return new Budget(
    `${plan.name}-budget`,
    withOverrides(
      {
        name: plan.aws.budgetName,
        budgetType: "COST",
        timeUnit: "MONTHLY",
        limitAmount: String(b.monthlyAmount),
        limitUnit: b.currency,
        notifications: b.thresholdsPercent.map((threshold) => ({
          comparisonOperator: "GREATER_THAN",
          notificationType: "ACTUAL",
          threshold,
          thresholdType: "PERCENTAGE",
          subscriberSnsTopicArns: [alerts.topic.arn],
        })),
        tags: awsTags(plan.tags),
      },
      plan.aws.overrides,
      "budget",
    ),
    publishing(alerts, ctx),
  );
}
