import { CompositeAlarm } from "@pulumi/aws/cloudwatch/compositeAlarm";
import { MetricAlarm, type MetricAlarmArgs } from "@pulumi/aws/cloudwatch/metricAlarm";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsServiceMetrics, InferenceServiceInfo } from "../../inference-service/info";
import type { MonitoringPlan } from "../plan";
import { AWS_MODEL_DIMENSION, AWS_MODEL_NAMESPACE, type AwsAlarm, AwsDimension, type AwsDimensionName } from "../plan-aws";
import type { AwsAlertTopic } from "./resources";
import { publishing } from "./topic";

type AwsPlan = MonitoringPlan & { aws: NonNullable<MonitoringPlan["aws"]> };

function dimensionValues(names: AwsDimensionName[], scope: pulumi.Output<AwsServiceMetrics>): pulumi.Output<Record<string, string>> {
  return scope.apply((m) => Object.fromEntries(names.map((n) => [n, m[AwsDimension[n]]])));
}

/** The arguments of one planned SLO alarm, its dimensions taken from the service's metrics. */
export function sloAlarmArgs(a: AwsAlarm, scope: pulumi.Output<AwsServiceMetrics>): MetricAlarmArgs {
  const common: MetricAlarmArgs = {
    name: a.alarmName,
    alarmDescription: a.description,
    comparisonOperator: a.comparisonOperator,
    threshold: a.threshold,
    evaluationPeriods: a.evaluationPeriods,
    datapointsToAlarm: a.datapointsToAlarm,
    treatMissingData: a.treatMissingData,
  };
  if (a.metric) {
    const m = a.metric;
    return {
      ...common,
      namespace: m.namespace,
      metricName: m.metricName,
      dimensions: dimensionValues(m.dimensions, scope),
      period: m.periodSeconds,
      ...(m.statistic ? { statistic: m.statistic } : {}),
      ...(m.extendedStatistic ? { extendedStatistic: m.extendedStatistic } : {}),
    };
  }
  return {
    ...common,
    metricQueries: (a.queries ?? []).map((q) => ({
      id: q.id,
      returnData: q.returnData,
      ...(q.label ? { label: q.label } : {}),
      ...(q.expression ? { expression: q.expression } : {}),
      ...(q.metric
        ? {
            metric: {
              namespace: q.metric.namespace,
              metricName: q.metric.metricName,
              dimensions: dimensionValues(q.metric.dimensions, scope),
              stat: q.metric.stat,
              period: q.metric.periodSeconds,
            },
          }
        : {}),
    })),
  };
}

/**
 * Each service's SLO alarms, and one composite alarm per service over them, which is the one that
 * notifies: one message per incident, naming the SLOs in alarm.
 */
export function createServiceAlarms(
  plan: AwsPlan,
  services: pulumi.Output<InferenceServiceInfo>[],
  alerts: AwsAlertTopic,
  ctx: ProvisionContext,
): { alarms: Record<string, MetricAlarm>; composites: Record<string, CompositeAlarm> } {
  const tags = awsTags(plan.tags);
  const o = plan.aws.overrides;
  const alarms: Record<string, MetricAlarm> = {};
  const composites: Record<string, CompositeAlarm> = {};
  for (const s of plan.services) {
    const info = services[s.index] as pulumi.Output<InferenceServiceInfo>;
    const scope = info.apply((i) => i.metrics.aws as AwsServiceMetrics);
    const own = plan.aws.alarms.filter((a) => a.service === s.name);
    const members = own.map((a) => {
      const alarm = new MetricAlarm(
        `${plan.name}-${s.name}-${a.slo}`,
        withOverrides({ ...sloAlarmArgs(a, scope), tags }, o, "alarm"),
        ctx.opts,
      );
      alarms[`${s.name}/${a.slo}`] = alarm;
      return alarm;
    });
    const composite = plan.aws.composites.find((c) => c.service === s.name);
    if (!composite) continue;
    composites[s.name] = new CompositeAlarm(
      `${plan.name}-${s.name}-slo`,
      withOverrides(
        {
          alarmName: composite.alarmName,
          alarmDescription: `${s.name}: an SLO is breached (availability, error rate, latency, saturation or unhealthy hosts)`,
          alarmRule: composite.rule,
          alarmActions: [alerts.topic.arn],
          okActions: [alerts.topic.arn],
          tags,
        },
        o,
        "compositeAlarm",
      ),
      // The rule names the alarms: they must exist first.
      publishing(alerts, ctx, members),
    );
  }
  return { alarms, composites };
}

/** Alarms on the model-health metrics monitor jobs publish (`MLOps/ModelHealth`, dimension `Model`). */
export function createModelAlarms(plan: AwsPlan, alerts: AwsAlertTopic, ctx: ProvisionContext): Record<string, MetricAlarm> {
  const tags = awsTags(plan.tags);
  return Object.fromEntries(
    plan.aws.modelAlarms.map((m) => [
      `model/${m.model}/${m.signal}`,
      new MetricAlarm(
        `${plan.name}-model-${m.model}-${m.signal}`,
        withOverrides(
          {
            name: m.alarmName,
            alarmDescription: `model ${m.model}: ${m.metricName} above ${m.threshold}`,
            namespace: AWS_MODEL_NAMESPACE,
            metricName: m.metricName,
            dimensions: { [AWS_MODEL_DIMENSION]: m.model },
            statistic: m.statistic,
            period: m.periodSeconds,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            comparisonOperator: "GreaterThanThreshold",
            threshold: m.threshold,
            // A job that did not run publishes nothing: that is not drift (its own failure alerts elsewhere).
            treatMissingData: "notBreaching",
            alarmActions: [alerts.topic.arn],
            okActions: [alerts.topic.arn],
            tags,
          },
          plan.aws.overrides,
          "alarm",
        ),
        publishing(alerts, ctx),
      ),
    ]),
  );
}
