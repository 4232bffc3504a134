import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import { awsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { MonitoringInputs, MonitoringResult } from "../contract";
import type { MonitoringPlan } from "../plan";
import { ROUTE53_METRICS_REGION } from "../plan-aws";
import { createModelAlarms, createServiceAlarms } from "./alarms";
import { createBudget, createDashboard, dashboardUrl } from "./dashboard";
import { createPlatformAlarms, platformWidgets } from "./platform";
import type { AwsMonitoringStack } from "./resources";
import { createAlertTopic } from "./topic";
import { createHealthChecks } from "./uptime";

/**
 * A MonitoringStack on AWS, in the order of creation: the alert topic (key, policy,
 * subscriptions), each service's SLO alarms and composite alarm, model alarms, Route 53 health
 * checks with their us-east-1 topic and alarms, feature-store alarms, the dashboard, the budget.
 */
export function provision(plan: MonitoringPlan, inputs: MonitoringInputs, ctx: ProvisionContext): MonitoringResult {
  if (!plan.aws) throw new Error(`MonitoringStack "${plan.name}": the plan has no AWS part`);
  const p = { ...plan, aws: plan.aws };
  const env = awsEnvironment(ctx.parent);
  const alerts = createAlertTopic(p, env, inputs.webhooks, ctx, { prefix: `${plan.name}-alerts` });
  const { alarms, composites } = createServiceAlarms(p, inputs.services, alerts, ctx);
  const modelAlarms = createModelAlarms(p, alerts, ctx);
  const platformAlarms = createPlatformAlarms(p, inputs.featureStores, env.region, alerts, ctx);
  const uptimeAlerts =
    p.aws.healthChecks.length > 0
      ? createAlertTopic(p, env, inputs.webhooks, ctx, { prefix: `${plan.name}-uptime-alerts`, region: ROUTE53_METRICS_REGION })
      : undefined;
  const healthChecks = uptimeAlerts ? createHealthChecks(p, inputs.services, uptimeAlerts, ctx) : {};
  const dashboard = createDashboard(p, inputs.services, alarms, env.region, ctx, platformWidgets(plan.services.length, platformAlarms));
  const budget = createBudget(p, alerts, ctx);

  const resources: AwsMonitoringStack = {
    alerts,
    ...(uptimeAlerts ? { uptimeAlerts } : {}),
    alarms: { ...alarms, ...modelAlarms, ...platformAlarms },
    compositeAlarms: composites,
    healthChecks,
    dashboard,
    ...(budget ? { budget } : {}),
  };
  const alertIds = [
    ...Object.entries(composites).map(([service, a]) => [service, a.arn] as const),
    ...Object.entries({ ...alarms, ...modelAlarms, ...platformAlarms }).map(([key, a]) => [key, a.arn] as const),
    ...Object.entries(healthChecks).map(([service, h]) => [`${service}/uptime`, h.alarm.arn] as const),
  ];
  return {
    cloud: "aws",
    dashboardUrl: pulumi.all([env.partition, env.region, dashboard.dashboardName]).apply(([part, r, n]) => dashboardUrl(part, r, n)),
    notificationChannelIds: pulumi.all([alerts.topic.arn, ...(uptimeAlerts ? [uptimeAlerts.topic.arn] : [])]),
    alertIds: outputRecord(alertIds),
    uptimeCheckIds: outputRecord(Object.entries(healthChecks).map(([service, h]) => [service, h.healthCheck.id] as const)),
    resources,
  };
}

function outputRecord(entries: (readonly [string, pulumi.Output<string>])[]): pulumi.Output<Record<string, string>> {
  return pulumi.all(entries.map(([, v]) => v)).apply((values) => Object.fromEntries(entries.map(([k], i) => [k, values[i] as string])));
}

export type { AwsMonitoringStack } from "./resources";
