import { MetricAlarm } from "@pulumi/aws/cloudwatch/metricAlarm";
import { HealthCheck } from "@pulumi/aws/route53/healthCheck";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { InferenceServiceInfo } from "../../inference-service/info";
import type { MonitoringPlan } from "../plan";
import { ROUTE53_METRICS_REGION } from "../plan-aws";
import type { AwsAlertTopic, AwsMonitoringStack } from "./resources";
import { publishing } from "./topic";

type AwsPlan = MonitoringPlan & { aws: NonNullable<MonitoringPlan["aws"]> };

/** Where a health check connects: the service URL's host, scheme and port. */
export function probeTarget(url: string): { fqdn: string; type: "HTTPS" | "HTTP"; port: number } {
  const u = new URL(url);
  const https = u.protocol === "https:";
  return { fqdn: u.hostname, type: https ? "HTTPS" : "HTTP", port: u.port ? Number(u.port) : https ? 443 : 80 };
}

/**
 * A Route 53 health check of each public service's health path from three continents, with its
 * latency measured, and an alarm on its status. Route 53 publishes HealthCheckStatus only in
 * us-east-1, so the alarm (and the topic it notifies, which must be in the alarm's region) are there.
 */
export function createHealthChecks(
  plan: AwsPlan,
  services: pulumi.Output<InferenceServiceInfo>[],
  alerts: AwsAlertTopic,
  ctx: ProvisionContext,
): AwsMonitoringStack["healthChecks"] {
  const tags = awsTags(plan.tags);
  const out: AwsMonitoringStack["healthChecks"] = {};
  for (const h of plan.aws.healthChecks) {
    const s = plan.services.find((x) => x.name === h.service);
    if (!s) continue;
    const info = services[s.index] as pulumi.Output<InferenceServiceInfo>;
    const target = info.apply((i) => probeTarget(i.url));
    const healthCheck = new HealthCheck(
      `${plan.name}-${s.name}-uptime`,
      withOverrides(
        {
          type: target.type,
          fqdn: target.fqdn,
          port: target.port,
          resourcePath: info.healthCheckPath,
          // SNI with the service's name, so the load balancer presents the right certificate.
          enableSni: target.apply((t) => t.type === "HTTPS"),
          regions: h.regions,
          requestInterval: h.requestIntervalSeconds,
          failureThreshold: h.failureThreshold,
          measureLatency: true,
          tags: { ...tags, Name: `${plan.name}-${s.name}` },
        },
        plan.aws.overrides,
        "healthCheck",
      ),
      // measureLatency and the request interval cannot change after creation (Route 53 API).
      ctx.opts,
    );
    const alarm = new MetricAlarm(
      `${plan.name}-${s.name}-uptime`,
      withOverrides(
        {
          region: ROUTE53_METRICS_REGION,
          name: h.alarmName,
          alarmDescription: `${s.name}: the health path fails from Route 53's checkers`,
          namespace: "AWS/Route53",
          metricName: "HealthCheckStatus",
          dimensions: { HealthCheckId: healthCheck.id },
          statistic: "Minimum",
          period: 60,
          evaluationPeriods: 2,
          datapointsToAlarm: 2,
          comparisonOperator: "LessThanThreshold",
          threshold: 1,
          // The checkers report every interval: silence means the check is gone.
          treatMissingData: "breaching",
          alarmActions: [alerts.topic.arn],
          okActions: [alerts.topic.arn],
          tags,
        },
        plan.aws.overrides,
        "alarm",
      ),
      publishing(alerts, ctx),
    );
    out[s.name] = { healthCheck, alarm };
  }
  return out;
}
