import { AlertPolicy, type AlertPolicyArgs } from "@pulumi/gcp/monitoring/alertPolicy";
import { MetricDescriptor } from "@pulumi/gcp/monitoring/metricDescriptor";
import { UptimeCheckConfig } from "@pulumi/gcp/monitoring/uptimeCheckConfig";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { gcpLabels } from "../../../core/tags";
import type { GcpServiceMetrics, InferenceServiceInfo } from "../../inference-service/info";
import type { MonitoringPlan } from "../plan";
import { type GcpAggregation, type GcpCondition, type GcpFilter, uptimeCondition } from "../plan-gcp";
import type { GcpMonitoringStack } from "./resources";

type GcpPlan = MonitoringPlan & { gcp: NonNullable<MonitoringPlan["gcp"]> };

/** A Monitoring filter: metric type, resource type, and each resource label equal to the service's value. */
export function renderFilter(f: GcpFilter, m: GcpServiceMetrics): string {
  const labels = Object.entries(f.resourceLabels).map(([label, field]) => `resource.label.${label}="${m[field]}"`);
  return [`metric.type="${f.metricType}"`, `resource.type="${f.resourceType}"`, ...labels, ...(f.extra ? [f.extra] : [])].join(" AND ");
}

function aggregation(a: GcpAggregation) {
  return {
    alignmentPeriod: `${a.alignmentPeriodSeconds}s`,
    perSeriesAligner: a.perSeriesAligner,
    ...(a.crossSeriesReducer ? { crossSeriesReducer: a.crossSeriesReducer } : {}),
    ...(a.groupByFields ? { groupByFields: a.groupByFields } : {}),
  };
}

/** One condition in Cloud Monitoring's terms (a threshold, a ratio when it has a denominator). */
export function thresholdCondition(
  c: Omit<GcpCondition, "filter">,
  filter: pulumi.Input<string>,
  denominatorFilter?: pulumi.Input<string>,
) {
  return {
    displayName: c.displayName,
    conditionThreshold: {
      filter,
      aggregations: [aggregation(c.aggregation)],
      ...(c.denominator && denominatorFilter
        ? { denominatorFilter, denominatorAggregations: [aggregation(c.denominator.aggregation)] }
        : {}),
      comparison: c.comparison,
      thresholdValue: c.threshold,
      duration: `${c.durationSeconds}s`,
      trigger: { count: 1 },
      ...(c.evaluationMissingData ? { evaluationMissingData: c.evaluationMissingData } : {}),
    },
  };
}

export interface Shared {
  plan: GcpPlan;
  channels: pulumi.Output<string>[];
  ctx: ProvisionContext;
}

export function policy(
  { plan, channels, ctx }: Shared,
  name: string,
  args: Omit<AlertPolicyArgs, "combiner" | "notificationChannels" | "userLabels">,
) {
  return new AlertPolicy(
    name,
    withOverrides(
      {
        ...args,
        combiner: "OR",
        notificationChannels: channels,
        // An incident closes itself a day after its condition stops holding.
        alertStrategy: { autoClose: "86400s" },
        userLabels: gcpLabels(plan.tags),
      },
      plan.gcp.overrides,
      "alertPolicy",
    ),
    ctx.opts,
  );
}

/** Each service's SLO alert policies: one condition each, so each SLO opens its own incident. */
export function createServicePolicies(shared: Shared, services: pulumi.Output<InferenceServiceInfo>[]): Record<string, AlertPolicy> {
  const { plan } = shared;
  const out: Record<string, AlertPolicy> = {};
  for (const s of plan.services) {
    const info = services[s.index] as pulumi.Output<InferenceServiceInfo>;
    const scope = info.apply((i) => i.metrics.gcp as GcpServiceMetrics);
    for (const c of plan.gcp.conditions.filter((x) => x.service === s.name)) {
      const filter = scope.apply((m) => renderFilter(c.filter, m));
      const denominator = c.denominator ? scope.apply((m) => renderFilter((c.denominator as { filter: GcpFilter }).filter, m)) : undefined;
      out[`${s.name}/${c.slo}`] = policy(shared, `${plan.name}-${s.name}-${c.slo}`, {
        displayName: `${plan.name}: ${c.displayName}`,
        severity: c.slo === "availability" || c.slo === "errorRate" ? "CRITICAL" : "WARNING",
        documentation: {
          content: `SLO ${c.slo} of InferenceService ${s.name}, from MonitoringStack ${plan.name}.`,
          mimeType: "text/markdown",
        },
        conditions: [thresholdCondition(c, filter, denominator)],
      });
    }
  }
  return out;
}

/** An HTTPS uptime check of each public service's health path from three continents, and its alert policy. */
export function createUptimeChecks(
  shared: Shared,
  services: pulumi.Output<InferenceServiceInfo>[],
  project: pulumi.Output<string>,
): { checks: Record<string, UptimeCheckConfig>; policies: Record<string, AlertPolicy> } {
  const { plan, ctx } = shared;
  const u = plan.gcp.uptime;
  const checks: Record<string, UptimeCheckConfig> = {};
  const policies: Record<string, AlertPolicy> = {};
  for (const s of plan.services.filter((x) => x.uptime)) {
    const info = services[s.index] as pulumi.Output<InferenceServiceInfo>;
    const url = info.apply((i) => new URL(i.url));
    const check = new UptimeCheckConfig(
      `${plan.name}-${s.name}-uptime`,
      withOverrides(
        {
          displayName: `${plan.name}: ${s.name} health path`,
          period: `${u.periodSeconds}s`,
          timeout: `${u.timeoutSeconds}s`,
          checkerType: u.checkerType,
          selectedRegions: u.regions,
          httpCheck: {
            path: info.healthCheckPath,
            useSsl: url.apply((x) => x.protocol === "https:"),
            validateSsl: url.apply((x) => x.protocol === "https:"),
            port: url.apply((x) => (x.port ? Number(x.port) : x.protocol === "https:" ? 443 : 80)),
            requestMethod: "GET",
            acceptedResponseStatusCodes: [{ statusClass: "STATUS_CLASS_2XX" }],
          },
          monitoredResource: { type: "uptime_url", labels: { host: url.apply((x) => x.hostname), project_id: project } },
          userLabels: gcpLabels(plan.tags),
        },
        plan.gcp.overrides,
        "uptimeCheck",
      ),
      ctx.opts,
    );
    checks[s.name] = check;
    const c = uptimeCondition(s.name);
    const filter = check.uptimeCheckId.apply(
      (id) => `metric.type="${c.metricType}" AND resource.type="uptime_url" AND metric.label.check_id="${id}"`,
    );
    policies[`${s.name}/uptime`] = policy(shared, `${plan.name}-${s.name}-uptime`, {
      displayName: `${plan.name}: ${c.displayName}`,
      severity: "CRITICAL",
      conditions: [thresholdCondition(c, filter)],
    });
  }
  return { checks, policies };
}

/** Metric descriptors for the model signals, and an alert policy per model and signal. */
export function createModelSignals(shared: Shared): {
  descriptors: Record<string, MetricDescriptor>;
  policies: Record<string, AlertPolicy>;
} {
  const { plan, ctx } = shared;
  if (plan.models.length === 0) return { descriptors: {}, policies: {} };
  const descriptors = Object.fromEntries(
    plan.gcp.modelSignals.map((sig) => [
      sig.signal,
      new MetricDescriptor(
        `${plan.name}-${sig.signal}`,
        withOverrides(
          {
            type: sig.metricType,
            displayName: `${plan.name} model ${sig.signal}`,
            description: `Published by each model's monitor job, labelled with the model's name (MonitoringStack ${plan.name}).`,
            metricKind: "GAUGE",
            valueType: sig.valueType,
            labels: [{ key: "model", valueType: "STRING", description: "The model's name." }],
          },
          plan.gcp.overrides,
          "metricDescriptor",
        ),
        // Deleting a descriptor deletes every point written to the metric: prod keeps it on destroy.
        { ...ctx.opts, retainOnDelete: plan.retain },
      ),
    ]),
  );
  const policies: Record<string, AlertPolicy> = {};
  for (const m of plan.models) {
    for (const sig of plan.gcp.modelSignals) {
      const c: Omit<GcpCondition, "filter"> = {
        service: m.name,
        slo: "model",
        displayName: `model ${m.name} ${sig.signal} above ${m[sig.field]}`,
        aggregation: {
          alignmentPeriodSeconds: m.periodMinutes * 60,
          perSeriesAligner: sig.valueType === "INT64" ? "ALIGN_SUM" : "ALIGN_MAX",
        },
        comparison: "COMPARISON_GT",
        threshold: m[sig.field],
        durationSeconds: 0,
        evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
      };
      const filter = `metric.type="${sig.metricType}" AND resource.type="global" AND metric.label.model="${m.name}"`;
      policies[`model/${m.name}/${sig.signal}`] = new AlertPolicy(
        `${plan.name}-model-${m.name}-${sig.signal}`,
        withOverrides(
          {
            displayName: `${plan.name}: ${c.displayName}`,
            combiner: "OR",
            severity: "WARNING",
            conditions: [thresholdCondition(c, filter)],
            notificationChannels: shared.channels,
            alertStrategy: { autoClose: "86400s" },
            userLabels: gcpLabels(plan.tags),
          },
          plan.gcp.overrides,
          "alertPolicy",
        ),
        // The metric must be described before a condition can name it.
        { ...ctx.opts, dependsOn: [descriptors[sig.signal] as MetricDescriptor] },
      );
    }
  }
  return { descriptors, policies };
}

export type { GcpMonitoringStack };
