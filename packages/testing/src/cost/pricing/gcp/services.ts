import type { PlanResource } from "../../../plan";
import { type CostLine, HOURS_PER_MONTH, type Pricer, type PricingContext, UnpricedError } from "../../types";
import { costLine, KEYS } from "./prices";
import { field, isRecord, num, str } from "./read";

// Storage, keys, logs, CI and the Vertex AI parts: what each is billed for.

const SECONDS_PER_YEAR = 365 * 86_400;

/**
 * A Cloud KMS key: its versions. "Key versions in any state other than destroyed incur costs"
 * (https://docs.cloud.google.com/kms/docs/resource-hierarchy, Key versions > State), and rotating a
 * key creates a new version while the old ones stay enabled to decrypt what they encrypted. Nothing
 * in the stack destroys versions, so a rotating key is counted a year in, as log storage is.
 */
export const priceCryptoKey: Pricer = (key) => {
  const rotation = str(key.inputs.rotationPeriod);
  const seconds = rotation === undefined ? undefined : Number(/^(\d+(?:\.\d+)?)s$/.exec(rotation)?.[1]);
  if (seconds !== undefined && !(seconds > 0)) {
    throw new UnpricedError(`KMS key ${key.name}: rotationPeriod ${JSON.stringify(rotation)} is not a duration in seconds`);
  }
  const versions = seconds === undefined ? 1 : 1 + Math.floor(SECONDS_PER_YEAR / seconds);
  return [
    costLine({
      item: "Key versions (not destroyed)",
      kind: "fixed",
      key: KEYS.kmsKeyVersionMonth,
      min: versions,
      max: versions,
      assumption:
        seconds === undefined
          ? "one version: the key does not rotate"
          : `a year in: the first version and ${versions - 1} rotations (every ${rotation}), none destroyed; one more each rotation after`,
    }),
  ];
};

/** A Cloud Storage bucket: the data it holds (a regional Standard bucket in the stack's region). */
export const priceBucket: Pricer = (bucket, ctx) => {
  const what = `bucket ${bucket.name}`;
  const location = (str(bucket.inputs.location) ?? "US").toLowerCase();
  const storageClass = str(bucket.inputs.storageClass) ?? "STANDARD";
  if (location !== ctx.region || storageClass !== "STANDARD") {
    throw new UnpricedError(`${what}: only Standard storage in ${ctx.region} is priced, not ${storageClass} in ${location}`);
  }
  return [
    costLine({
      item: "Standard storage",
      kind: "usage",
      key: KEYS.storageStandardGbMonth,
      min: ctx.usage.storageGb,
      max: ctx.usage.storageGb,
      assumption: `storageGb=${ctx.usage.storageGb} GB stored, noncurrent versions included`,
    }),
  ];
};

/** An Artifact Registry repository: the images it stores. */
export const priceRepository: Pricer = (_repo, ctx) => [
  costLine({
    item: "Artifact Registry storage",
    kind: "usage",
    key: KEYS.registryGbMonth,
    min: ctx.usage.registryGb,
    max: ctx.usage.registryGb,
    assumption: `registryGb=${ctx.usage.registryGb} GB of images`,
  }),
];

const SINK = "gcp:logging/projectSink:ProjectSink";
/** The log name of VPC flow logs, which Cloud Logging bills as vended network logs. */
const FLOW_LOGS = "compute.googleapis.com%2Fvpc_flows";
/** Days of storage a log bucket's ingestion price includes. */
const INCLUDED_DAYS = 30;

/** Does every sink routing into `bucket` carry only VPC flow logs? */
function holdsFlowLogs(ctx: PricingContext, bucket: PlanResource): boolean {
  const sinks = ctx.plan.resources.filter((r) => r.type === SINK && (r.propertyDependencies.destination ?? []).includes(bucket.urn));
  return sinks.length > 0 && sinks.every((s) => (str(s.inputs.filter) ?? "").includes(FLOW_LOGS));
}

/** A log bucket: the logs streamed into it, and their storage past the 30 days ingestion includes. */
export const priceLogBucket: Pricer = (bucket, ctx) => {
  const gb = ctx.usage.logGb;
  const vended = holdsFlowLogs(ctx, bucket);
  const days = num(bucket.inputs.retentionDays) ?? INCLUDED_DAYS;
  const lines: CostLine[] = [
    costLine({
      item: vended ? "Vended network log storage (VPC flow logs)" : "Log storage",
      kind: "usage",
      key: vended ? KEYS.logVendedGb : KEYS.logIngestGb,
      min: gb,
      max: gb,
      assumption: `logGb=${gb} GiB streamed in a month`,
    }),
  ];
  if (days > INCLUDED_DAYS) {
    const gbMonths = (gb * (days - INCLUDED_DAYS)) / INCLUDED_DAYS;
    lines.push(
      costLine({
        item: "Log retention past 30 days",
        kind: "usage",
        key: KEYS.logRetentionGbMonth,
        min: gbMonths,
        max: gbMonths,
        assumption: `steady state of logGb=${gb} GiB a month kept ${days} days: ${days - INCLUDED_DAYS} days past the included 30`,
      }),
    );
  }
  return lines;
};

/** A Cloud Scheduler job: a monthly charge per job, however often it runs. */
export const priceSchedulerJob: Pricer = () => [
  costLine({
    item: "Scheduler job",
    kind: "fixed",
    key: KEYS.schedulerJobMonth,
    min: 1,
    max: 1,
    assumption: "the 3 free jobs of a billing account are not subtracted",
  }),
];

/** A Cloud Build trigger: the build minutes its builds take on the default pool. */
export const priceBuildTrigger: Pricer = (_trigger, ctx) => [
  costLine({
    item: "Build minutes (e2-standard-2)",
    kind: "usage",
    key: KEYS.buildMinute,
    min: ctx.usage.buildMinutes,
    max: ctx.usage.buildMinutes,
    assumption: `buildMinutes=${ctx.usage.buildMinutes} a month on the default pool's e2-standard-2; free minutes not subtracted`,
  }),
];

/** A BigQuery dataset: the bytes its tables hold, as active logical storage. */
export const priceDataset: Pricer = (_dataset, ctx) => [
  costLine({
    item: "Active logical storage",
    kind: "usage",
    key: KEYS.bigqueryStorageGbMonth,
    min: ctx.usage.storageGb,
    max: ctx.usage.storageGb,
    assumption: `storageGb=${ctx.usage.storageGb} GB held in the dataset's tables, all modified within 90 days`,
  }),
];

/** A resource billed one unit of one key that has no row: the report lists it with the table's reason. */
const unpriced =
  (item: string, key: string): Pricer =>
  () => [costLine({ item, kind: "fixed", key, min: 1, max: 1 })];

/**
 * A Vertex AI Feature Store online store: its serving nodes around the clock. A Bigtable store runs
 * between its autoscaling bounds. An Optimized store takes no node settings (Vertex AI sizes it), and
 * the Billing Catalog bills its nodes while the store exists: one node, the least it can run on.
 */
export const priceOnlineStore: Pricer = (store) => {
  const what = `feature online store ${store.name}`;
  if (isRecord(store.inputs.bigtable)) {
    const min = num(field(store.inputs.bigtable, "autoScaling", "minNodeCount")) ?? 1;
    const max = num(field(store.inputs.bigtable, "autoScaling", "maxNodeCount")) ?? min;
    return [
      costLine({
        item: "Bigtable online serving node hours",
        kind: "fixed",
        key: KEYS.bigtableNodeHour,
        min: min * HOURS_PER_MONTH,
        max: max * HOURS_PER_MONTH,
        assumption: `${min}..${max} nodes around the clock (autoScaling minNodeCount..maxNodeCount)`,
      }),
    ];
  }
  if (!isRecord(store.inputs.optimized)) throw new UnpricedError(`${what}: neither a Bigtable nor an Optimized store`);
  return [
    costLine({
      item: "Optimized online serving node hours",
      kind: "fixed",
      key: KEYS.optimizedNodeHour,
      min: HOURS_PER_MONTH,
      max: HOURS_PER_MONTH,
      assumption: "one node around the clock: Vertex AI sizes an Optimized store itself; nodes it adds under load are not counted",
    }),
  ];
};
export const priceFeatureView = unpriced("Data sync", KEYS.featureViewSync);
export const priceMetadataStore = unpriced("Metadata storage", KEYS.metadataGbMonth);
export const priceTensorboard = unpriced("TensorBoard storage", KEYS.tensorboardGbMonth);
export const priceUptimeCheck = unpriced("Uptime check executions", KEYS.uptimeExecution);
