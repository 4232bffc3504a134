import * as pulumi from "@pulumi/pulumi";
import { type CloudId, loadBackend } from "../../core/cloud";
import { Internals, resourcesOn } from "../../core/component";
import { resolveContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import { checkResolved } from "../../core/secrets";
import { parseSpec } from "../../core/spec";
import { type KnownFeatureStore, knownFeatureStore } from "../feature-store/ref";
import type { InferenceServiceInfo } from "../inference-service/info";
import { type KnownService, knownService } from "../inference-service/ref";
import { type KnownCluster, knownCluster } from "../training-cluster/ref";
import type { MonitoringBackend, MonitoringInputs, MonitoringResult, MonitoringStackResourcesOn } from "./contract";
import type { MonitoringInfo } from "./info";
import { type MonitoringPlan, planMonitoringStack, TYPE } from "./plan";
import { type MonitoringStackArgs, type MonitoringStackSpec, monitoringStackSchema } from "./spec";

const backends = {
  // lazy, synchronous load of one cloud's backend
  aws: () => require("./aws") as MonitoringBackend,
  gcp: () => require("./gcp") as MonitoringBackend,
  azure: () => require("./azure") as MonitoringBackend,
} satisfies Record<CloudId, () => MonitoringBackend>;

const internals = new Internals<MonitoringStack, { plan: MonitoringPlan; result: MonitoringResult }>(TYPE);

/**
 * Monitoring for an ML platform: SLO alerts (availability, error rate, p95/p99 latency, saturation,
 * unhealthy hosts) on each InferenceService, synthetic checks of public services, model-health
 * alerts on custom metrics, a dashboard, notifications and a monthly budget. AWS: CloudWatch alarms,
 * SNS, Route 53 health checks, Budgets; GCP: Cloud Monitoring alert policies, uptime checks,
 * notification channels, a billing budget; Azure: Azure Monitor alerts, an action group,
 * Application Insights standard tests, Log Analytics, a consumption budget.
 */
export class MonitoringStack extends pulumi.ComponentResource {
  /** The neutral description (dashboard URL, notification targets, alert ids). */
  public readonly info: pulumi.Output<MonitoringInfo>;
  /** The dashboard in the cloud's console. */
  public readonly dashboardUrl: pulumi.Output<string>;

  constructor(name: string, args: MonitoringStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject the spec runs before anything registers.
    const spec = parseSpec(monitoringStackSchema, TYPE, name, args);
    const ctx = resolveContext(TYPE, name, spec);
    const known = knownServices(name, spec);
    checkPlainWebhooks(name, spec);
    const plan = planMonitoringStack(name, spec, known, ctx, knownPlatform(name, spec));
    super(`mlops:index:${TYPE}`, name, {}, opts);
    if (plan.uptimeSkipped.length > 0) {
      pulumi.log.warn(
        `${TYPE} "${name}": no synthetic check for internal services (${plan.uptimeSkipped.join(", ")}): probes run from outside the network`,
        this,
      );
    }
    const inputs = monitoringInputs(name, spec, plan);
    const result = loadBackend(backends, plan.cloud).provision(plan, inputs, { parent: this, opts: { parent: this } });
    internals.set(this, { plan, result });

    this.dashboardUrl = result.dashboardUrl;
    this.info = pulumi
      .all([result.dashboardUrl, result.notificationChannelIds, result.alertIds, result.uptimeCheckIds])
      .apply(([dashboardUrl, notificationChannelIds, alertIds, uptimeCheckIds]) => ({
        cloud: plan.cloud,
        name: plan.name,
        dashboardUrl,
        notificationChannelIds,
        alertIds,
        uptimeCheckIds,
      }));
    this.registerOutputs({ info: this.info, dashboardUrl: this.dashboardUrl });
  }

  /** Every decision made: thresholds per service, alert definitions per cloud, names. */
  get plan(): MonitoringPlan {
    return internals.get(this).plan;
  }

  get cloud(): CloudId {
    return internals.get(this).plan.cloud;
  }

  /** The AWS resources (escape hatch). Throws on other clouds. */
  get aws(): MonitoringStackResourcesOn<"aws"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "aws") as MonitoringStackResourcesOn<"aws">;
  }

  /** The GCP resources (escape hatch). Throws on other clouds. */
  get gcp(): MonitoringStackResourcesOn<"gcp"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "gcp") as MonitoringStackResourcesOn<"gcp">;
  }

  /** The Azure resources (escape hatch). Throws on other clouds. */
  get azure(): MonitoringStackResourcesOn<"azure"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "azure") as MonitoringStackResourcesOn<"azure">;
  }
}

/**
 * The services' names, clouds and schemes decide alarm names and which services get checks, so they
 * must be known now: an InferenceService's `info` from this program, or a plain value.
 */
function knownServices(name: string, spec: MonitoringStackSpec): KnownService[] {
  const known = spec.services.map((s) => knownService(s));
  const unknown = known.flatMap((k, i) => (k ? [] : [i]));
  if (unknown.length > 0) {
    throw new SpecError(
      TYPE,
      name,
      unknown.map((i) => ({
        path: `services.${i}`,
        message:
          "must be an InferenceService's `info` from this program, or its value as a plain object (from a stack reference, resolved)",
      })),
    );
  }
  return known as KnownService[];
}

const WEBHOOK = /^https:\/\/[^\s/]+/;

/** Webhooks given as plain text are checked now; their values (which carry tokens) are never shown. */
function checkPlainWebhooks(name: string, spec: MonitoringStackSpec): void {
  const bad = spec.notifications.webhooks.flatMap((w, i) => (typeof w === "string" && !WEBHOOK.test(w) ? [i] : []));
  if (bad.length > 0) {
    throw new SpecError(
      TYPE,
      name,
      bad.map((i) => ({ path: `notifications.webhooks.${i}`, message: "must be an https:// URL (value not shown)" })),
    );
  }
}

/** The services checked to be on the stack's cloud as they resolve; webhook URLs kept secret and checked without showing them. */
function monitoringInputs(name: string, spec: MonitoringStackSpec, plan: MonitoringPlan): MonitoringInputs {
  const services = spec.services.map((s, i) =>
    checkResolved(s as pulumi.Input<InferenceServiceInfo>, (info) =>
      info.metrics?.[plan.cloud] === undefined
        ? new SpecError(TYPE, name, [
            { path: `services.${i}`, message: `has no ${plan.cloud} metrics (is it an InferenceService on ${plan.cloud}?)` },
          ])
        : undefined,
    ),
  );
  const webhooks = spec.notifications.webhooks.map((w, i) =>
    pulumi.secret(
      checkResolved(w, (url) =>
        typeof url === "string" && WEBHOOK.test(url)
          ? undefined
          : new SpecError(TYPE, name, [{ path: `notifications.webhooks.${i}`, message: "must be an https:// URL (value not shown)" }]),
      ),
    ),
  );
  return {
    services,
    webhooks,
    training: (spec.training ?? []).map((c) => pulumi.output(c)),
    featureStores: (spec.featureStores ?? []).map((f) => pulumi.output(f)),
  };
}

/**
 * The clusters' and stores' names (and online groups) decide alert names and counts, so they must
 * be known now, like the services'.
 */
function knownPlatform(name: string, spec: MonitoringStackSpec): { clusters: KnownCluster[]; featureStores: KnownFeatureStore[] } {
  const clusters = (spec.training ?? []).map((c) => knownCluster(c));
  const featureStores = (spec.featureStores ?? []).map((f) => knownFeatureStore(f));
  const issues = [
    ...clusters.flatMap((k, i) =>
      k ? [] : [{ path: `training.${i}`, message: "must be a TrainingCluster's `info` from this program, or its value as a plain object" }],
    ),
    ...featureStores.flatMap((k, i) =>
      k
        ? []
        : [{ path: `featureStores.${i}`, message: "must be a FeatureStore's `info` from this program, or its value as a plain object" }],
    ),
  ];
  if (issues.length > 0) throw new SpecError(TYPE, name, issues);
  return { clusters: clusters as KnownCluster[], featureStores: featureStores as KnownFeatureStore[] };
}
