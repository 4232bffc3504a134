import { AlertPolicy } from "@pulumi/gcp/monitoring/alertPolicy";
import * as pulumi from "@pulumi/pulumi";
import { withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { gcpLabels } from "../../../core/tags";
import type { FeatureStoreInfo } from "../../feature-store/info";
import type { ClusterInfo } from "../../training-cluster/info";
import type { GcpPlatformPolicy } from "../plan-platform";
import { TYPE } from "../slo";
import { policy, type Shared, thresholdCondition } from "./alerts";

/**
 * A cluster's log filter, its placeholders filled from the cluster's info (checked to be on GCP,
 * in the policy's project: a log-match policy scans only the log entries its own project stores,
 * whatever the metrics scope; "Configure log-based alerting policies", cloud.google.com/logging/docs/alerting/log-based-alerts).
 */
export function clusterLogFilter(filter: string, info: ClusterInfo, at: { stack: string; project: string; index: number }): string {
  if (!info.gcp) throw new Error(`MonitoringStack: TrainingCluster "${info.name}" has no GCP project and location (is it on gcp?)`);
  if (info.gcp.project !== at.project) {
    throw new SpecError(TYPE, at.stack, [
      {
        path: `training.${at.index}`,
        message: `is TrainingCluster "${info.name}" in project ${info.gcp.project}; a log-match alert policy sees only the logs of its own project (${at.project}), so it would never fire`,
      },
    ]);
  }
  return filter.replace("{project}", info.gcp.project).replace("{location}", info.gcp.location).replace("{cluster}", info.clusterName);
}

/** A store's online-store filter: the metric on the store's Vertex AI Feature Online Store. */
export function onlineStoreFilter(p: GcpPlatformPolicy, info: FeatureStoreInfo): string {
  const id = info.gcp?.onlineStoreId;
  if (!id) throw new Error(`MonitoringStack: FeatureStore "${info.name}" has no Vertex AI online store`);
  return `metric.type="${p.metricType}" AND resource.type="${p.resourceType}" AND resource.label.feature_online_store_id="${id}"`;
}

/** A log-match policy: one notification per rate-limit period while the log keeps matching. */
function logPolicy(shared: Shared, name: string, p: GcpPlatformPolicy, filter: pulumi.Output<string>): AlertPolicy {
  const { plan, channels, ctx } = shared;
  return new AlertPolicy(
    name,
    withOverrides(
      {
        displayName: `${plan.name}: ${p.displayName}`,
        combiner: "OR",
        severity: "WARNING",
        conditions: [{ displayName: p.displayName, conditionMatchedLog: { filter } }],
        notificationChannels: channels,
        // Log-match policies require a notification rate limit (AlertStrategy.notificationRateLimit).
        alertStrategy: { notificationRateLimit: { period: `${p.notificationRateLimitSeconds ?? 3600}s` }, autoClose: "86400s" },
        userLabels: gcpLabels(plan.tags),
      },
      plan.gcp.overrides,
      "alertPolicy",
    ),
    ctx.opts,
  );
}

/** Policies on clusters (`training/<cluster>/<signal>`) and feature stores (`featureStore/<store>/<signal>`). */
export function createPlatformPolicies(
  shared: Shared,
  training: pulumi.Output<ClusterInfo>[],
  stores: pulumi.Output<FeatureStoreInfo>[],
  project: pulumi.Output<string>,
): Record<string, AlertPolicy> {
  const { plan } = shared;
  const out: Record<string, AlertPolicy> = {};
  for (const p of plan.gcp.platform.policies) {
    if (p.kind === "cluster") {
      const c = plan.clusters.find((x) => x.name === p.subject);
      const info = training[c?.index ?? -1] as pulumi.Output<ClusterInfo>;
      const filter = pulumi
        .all([info, project])
        .apply(([i, policyProject]) =>
          clusterLogFilter(p.logFilter ?? "", i, { stack: plan.name, project: policyProject, index: c?.index ?? -1 }),
        );
      out[`training/${p.subject}/${p.signal}`] = logPolicy(shared, `${plan.name}-${p.subject}-${p.signal}`, p, filter);
      continue;
    }
    const s = plan.featureStores.find((x) => x.name === p.subject);
    const info = stores[s?.index ?? -1] as pulumi.Output<FeatureStoreInfo>;
    const filter = info.apply((i) => onlineStoreFilter(p, i));
    out[`featureStore/${p.subject}/${p.signal}`] = policy(shared, `${plan.name}-${p.subject}-${p.signal}`, {
      displayName: `${plan.name}: ${p.displayName}`,
      severity: "WARNING",
      conditions: [
        thresholdCondition(
          {
            service: p.subject,
            slo: "latencyP95",
            displayName: p.displayName,
            // serving_latencies is a distribution in ms: deltas per minute, merged, then the percentile.
            aggregation: {
              alignmentPeriodSeconds: 60,
              perSeriesAligner: "ALIGN_DELTA",
              crossSeriesReducer: p.reducer ?? "REDUCE_PERCENTILE_95",
              groupByFields: ["resource.label.feature_online_store_id"],
            },
            comparison: "COMPARISON_GT",
            threshold: p.threshold ?? 0,
            durationSeconds: p.durationSeconds ?? 0,
            evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
          },
          filter,
        ),
      ],
    });
  }
  return out;
}
