import { MetricAlarm, type MetricAlarmArgs } from "@pulumi/aws/cloudwatch/metricAlarm";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { awsTags } from "../../../core/tags";
import type { FeatureStoreInfo } from "../../feature-store/info";
import { type MonitoringPlan, TYPE } from "../plan";
import { type AwsPlatformAlarm, FEATURE_STORE_NAMESPACE, ONLINE_READ_OPERATION } from "../plan-platform";
import type { AwsAlertTopic } from "./resources";
import { publishing } from "./topic";

type AwsPlan = MonitoringPlan & { aws: NonNullable<MonitoringPlan["aws"]> };

/**
 * The SageMaker feature group an online group is served from, checked once the store's info
 * resolves: in this stack's region, since a CloudWatch alarm evaluates only its own region's
 * metrics (a store elsewhere would leave the alarm without data, never firing).
 */
function featureGroupName(
  info: pulumi.Output<FeatureStoreInfo>,
  region: pulumi.Output<string>,
  where: { stack: string; index: number },
  store: string,
  group: string,
): pulumi.Output<string> {
  return pulumi.all([info, region]).apply(([i, r]) => {
    if (i.region !== r) {
      throw new SpecError(TYPE, where.stack, [
        {
          path: `featureStores.${where.index}`,
          message: `is FeatureStore "${store}" in ${i.region}; this stack's alarms are in ${r}, and a CloudWatch alarm watches metrics of its own region only`,
        },
      ]);
    }
    const id = i.groups[group]?.onlineId;
    if (!id) throw new Error(`MonitoringStack: feature store "${store}" serves no online group "${group}"`);
    return id;
  });
}

/** The arguments of one planned feature-store alarm, its dimensions the group's feature group and GetRecord. */
export function platformAlarmArgs(a: AwsPlatformAlarm, groupName: pulumi.Input<string>): MetricAlarmArgs {
  const dimensions = { FeatureGroupName: groupName, OperationName: ONLINE_READ_OPERATION };
  const common: MetricAlarmArgs = {
    name: a.alarmName,
    alarmDescription: a.description,
    comparisonOperator: "GreaterThanThreshold",
    threshold: a.threshold,
    evaluationPeriods: a.evaluationPeriods,
    datapointsToAlarm: a.evaluationPeriods,
    // No reads, no data: an idle online store is not failing.
    treatMissingData: "notBreaching",
  };
  if (a.metricName) {
    return {
      ...common,
      namespace: FEATURE_STORE_NAMESPACE,
      metricName: a.metricName,
      dimensions,
      period: a.periodSeconds,
      // A p95 of a few reads is their slowest one: under 200 reads in the period (10/(1-0.95),
      // "Percentile-based alarms and low data samples") a near-idle store keeps its state instead.
      ...(a.extendedStatistic ? { extendedStatistic: a.extendedStatistic, evaluateLowSampleCountPercentiles: "ignore" } : {}),
    };
  }
  return {
    ...common,
    metricQueries: (a.queries ?? []).map((q) => ({
      id: q.id,
      returnData: q.returnData,
      ...(q.label ? { label: q.label } : {}),
      ...(q.expression ? { expression: q.expression } : {}),
      ...(q.metricName
        ? {
            metric: {
              namespace: FEATURE_STORE_NAMESPACE,
              metricName: q.metricName,
              dimensions,
              stat: q.stat ?? "Sum",
              period: a.periodSeconds,
            },
          }
        : {}),
    })),
  };
}

/** Alarms on each online feature group's reads, keyed `featureStore/<store>/<group>/<signal>`; they notify the alert topic. */
export function createPlatformAlarms(
  plan: AwsPlan,
  stores: pulumi.Output<FeatureStoreInfo>[],
  region: pulumi.Output<string>,
  alerts: AwsAlertTopic,
  ctx: ProvisionContext,
): Record<string, MetricAlarm> {
  const tags = awsTags(plan.tags);
  return Object.fromEntries(
    plan.aws.platform.alarms.map((a) => {
      const store = plan.featureStores.find((s) => s.name === a.store);
      const index = store?.index ?? -1;
      const info = stores[index] as pulumi.Output<FeatureStoreInfo>;
      const args = platformAlarmArgs(a, featureGroupName(info, region, { stack: plan.name, index }, a.store, a.group));
      return [
        `featureStore/${a.store}/${a.group}/${a.signal}`,
        new MetricAlarm(
          `${plan.name}-${a.store}-${a.group}-${a.signal}`,
          withOverrides({ ...args, alarmActions: [alerts.topic.arn], okActions: [alerts.topic.arn], tags }, plan.aws.overrides, "alarm"),
          publishing(alerts, ctx),
        ),
      ];
    }),
  );
}

/** A dashboard row of the feature-store alarms, below the services' rows. */
export function platformWidgets(row: number, alarms: Record<string, MetricAlarm>): pulumi.Output<object[]> {
  const arns = Object.values(alarms).map((a) => a.arn);
  if (arns.length === 0) return pulumi.output([]);
  return pulumi.all(arns).apply((alarmArns) => [
    {
      type: "alarm",
      x: 0,
      y: row * 6,
      width: 24,
      height: 6,
      properties: { title: "Feature stores: online read alarms", alarms: alarmArns },
    },
  ]);
}
