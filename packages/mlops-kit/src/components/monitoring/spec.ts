import type * as pulumi from "@pulumi/pulumi";
import * as z from "zod/mini";
import { commonFields, distinctEntries, overridesField } from "../../core/spec";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { ClusterInfo } from "../training-cluster/info";
import { OVERRIDE_ROLES } from "./args";

export * from "./args";

const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const num = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));

function isOutputLike(v: unknown): boolean {
  return typeof v === "object" && v !== null && ("apply" in v || v instanceof Promise);
}

/** How many services one stack watches: a CloudWatch dashboard takes 500 widgets, and each service draws 4. */
export const MAX_SERVICES = 20;
/** Period × evaluation periods of a CloudWatch alarm stays within a day (PutMetricAlarm API reference). */
export const MAX_WINDOW_MINUTES = 1440;
/** Model names become CloudWatch dimension values, GCP label values and KQL strings: a plain, short charset. */
export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A mailbox: something@domain.tld, no spaces (the clouds check deliverability themselves). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** ISO 4217 currency code. */
export const CURRENCY = /^[A-Z]{3}$/;
/** GCP billing account id (Cloud Billing API `billingAccounts/{id}`). */
export const BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;

export const sloSchema = z.strictObject({
  availabilityPercent: z.optional(num(50, 99.999)),
  availabilityWindowMinutes: z.optional(int(5, MAX_WINDOW_MINUTES)),
  errorRatePercent: z.optional(num(0.1, 100)),
  latencyP95Ms: z.optional(int(1, 600_000)),
  latencyP99Ms: z.optional(int(1, 600_000)),
  saturationMinutes: z.optional(int(1, MAX_WINDOW_MINUTES)),
  unhealthyMinutes: z.optional(int(1, MAX_WINDOW_MINUTES)),
});

const serviceField = z.custom<pulumi.Input<InferenceServiceInfo>>(
  (v) => typeof v === "object" && v !== null,
  "must be an InferenceService's `info` (services: [api.info])",
);

/** Clusters or feature stores one stack watches: each adds a few alerts, and the Azure workbook a row. */
export const MAX_PLATFORM_COMPONENTS = 10;

export const platformAlertsSchema = z.strictObject({
  gpuPendingMinutes: z.optional(int(1, MAX_WINDOW_MINUTES)),
  onlineErrorRatePercent: z.optional(num(0.1, 100)),
  onlineLatencyP95Ms: z.optional(int(1, 60_000)),
  syncFailuresMax: z.optional(int(0, 1000)),
});

const clusterField = z.custom<pulumi.Input<ClusterInfo>>(
  (v) => typeof v === "object" && v !== null,
  "must be a TrainingCluster's `info` (training: [cluster.info])",
);
const featureStoreField = z.custom<pulumi.Input<FeatureStoreInfo>>(
  (v) => typeof v === "object" && v !== null,
  "must be a FeatureStore's `info` (featureStores: [fs.info])",
);

export const monitoringStackSchema = z.strictObject({
  ...commonFields,
  services: z.array(serviceField).check(z.minLength(1), z.maxLength(MAX_SERVICES)),
  slo: z.optional(sloSchema),
  serviceSlos: z.optional(z.record(z.string(), sloSchema)),
  training: z.optional(z.array(clusterField).check(z.maxLength(MAX_PLATFORM_COMPONENTS))),
  featureStores: z.optional(z.array(featureStoreField).check(z.maxLength(MAX_PLATFORM_COMPONENTS))),
  platformAlerts: z.optional(platformAlertsSchema),
  uptime: z._default(z.strictObject({ enabled: z._default(z.boolean(), true) }), { enabled: true }),
  models: z.optional(
    z
      .array(
        z.strictObject({
          name: z.string().check(z.regex(MODEL_NAME, "must be 1-64 letters, digits, '.', '_' or '-', starting alphanumeric")),
          driftScoreMax: z._default(num(0, 1_000_000), 0.3),
          predictionShiftMax: z._default(num(0, 1_000_000), 0.3),
          dataQualityFailuresMax: z._default(int(0, 1_000_000), 0),
          periodMinutes: z._default(int(5, MAX_WINDOW_MINUTES), 60),
        }),
      )
      .check(
        z.maxLength(20),
        distinctEntries((m: { name: string }) => m.name.toLowerCase()),
      ),
  ),
  notifications: z._default(
    z.strictObject({
      emails: z._default(
        z.array(z.string().check(z.regex(EMAIL, "must be an email address"))).check(z.maxLength(20), distinctEntries()),
        [],
      ),
      // Values may be secrets: never shown, so only their count is checked here.
      webhooks: z._default(
        z
          .array(z.custom<pulumi.Input<string>>((v) => typeof v === "string" || isOutputLike(v), "must be a URL or a secret output"))
          .check(z.maxLength(10)),
        [],
      ),
    }),
    { emails: [], webhooks: [] },
  ),
  budget: z.optional(
    z.strictObject({
      monthlyAmount: num(1, 1_000_000_000),
      currency: z._default(z.string().check(z.regex(CURRENCY, "must be an ISO 4217 code such as USD")), "USD"),
      thresholdsPercent: z._default(
        z.array(num(1, 1000)).check(
          z.minLength(1),
          z.maxLength(5),
          z.refine((list) => list.every((v, i) => i === 0 || v > (list[i - 1] ?? 0)), "must be ascending"),
        ),
        [80, 100],
      ),
    }),
  ),
  logs: z.optional(z.strictObject({ retentionDays: z.optional(int(1, 3653)) })),
  aws: z.optional(z.strictObject({ overrides: overridesField(OVERRIDE_ROLES.aws) })),
  gcp: z.optional(
    z.strictObject({
      billingAccount: z.optional(z.string().check(z.regex(BILLING_ACCOUNT, "must be a billing account id such as 012345-6789AB-CDEF01"))),
      overrides: overridesField(OVERRIDE_ROLES.gcp),
    }),
  ),
  azure: z.optional(
    z.strictObject({
      // Azure naming rules for resource groups: 1-90 letters, digits, `_`, `-`, `.`, `(`, `)`; not ending in `.`
      resourceGroupName: z.optional(
        z.string().check(z.minLength(1), z.maxLength(90), z.regex(/^[-\w.()]*[-\w()]$/, "must be a resource group name")),
      ),
      location: z.optional(z.string().check(z.minLength(1))),
      overrides: overridesField(OVERRIDE_ROLES.azure),
    }),
  ),
});

/** A validated spec: defaults that do not depend on the profile are filled in. */
export type MonitoringStackSpec = z.output<typeof monitoringStackSchema>;
export type SloSpec = z.output<typeof sloSchema>;
export type PlatformAlertsSpec = z.output<typeof platformAlertsSchema>;

// Keeps the documented interface and the schema in step (see network/spec.ts for why optional
// fields spell out `| undefined` and choice sets do not).
type Assert<T extends true> = T;
/** @internal */
export type _ArgsMatchSchema = Assert<import("./args").MonitoringStackArgs extends z.input<typeof monitoringStackSchema> ? true : false>;
/** @internal */
export type _SchemaMatchesArgs = Assert<z.input<typeof monitoringStackSchema> extends import("./args").MonitoringStackArgs ? true : false>;
