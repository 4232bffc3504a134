import { type Pricer, UnpricedError } from "../../types";
import { fixed, list, monthly, numberInput, record, stringInput, unpriced, usage } from "./lines";
import { invocationsPerMonth } from "./schedule";

// Managed services: keys, logs, storage, registries, CI, edge protection, monitoring; and those
// whose price was not read, which say so.

/** Rotations that add a key-month each; later ones are not billed. */
export const KMS_BILLED_ROTATIONS = 2;

/**
 * A customer managed key, and with rotation on, the key material its first two rotations keep: "the
 * first and second rotation of the key adds $1/month (prorated hourly) in cost. This price increase
 * is capped at the second rotation" (https://aws.amazon.com/kms/pricing/; the same in
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html, "Key rotation and
 * pricing"). Counted at steady state, as log storage is: a year after the second rotation.
 */
export const kmsKey: Pricer = (r) => {
  const lines = [monthly("KMS key", "aws:kms:key-month")];
  if (r.inputs.enableKeyRotation === true) {
    const days = r.inputs.rotationPeriodInDays === undefined ? 365 : numberInput(r, "rotationPeriodInDays", r.inputs.rotationPeriodInDays);
    lines.push(
      fixed(
        "KMS key rotations (first two, each billed as a key-month)",
        "aws:kms:key-month",
        KMS_BILLED_ROTATIONS,
        KMS_BILLED_ROTATIONS,
        `rotated every ${days} days: from the second rotation (day ${KMS_BILLED_ROTATIONS * days}) on; later rotations are not billed`,
      ),
    );
  }
  return lines;
};

/**
 * A log group: ingestion, and storage at steady state (a month's ingestion times the months it is
 * kept; a group that never expires is counted at a year).
 */
export const logGroup: Pricer = (r, ctx) => {
  const gb = ctx.usage.logGb;
  const retention = r.inputs.retentionInDays === undefined ? undefined : numberInput(r, "retentionInDays", r.inputs.retentionInDays);
  const days = Math.min(retention ?? 365, 365);
  const kept =
    retention === undefined
      ? "no expiry, counted as a year"
      : retention > 365
        ? `its retention is ${retention} days, counted a year in`
        : "its retention";
  const stored = (gb * days) / 30;
  return [
    usage("Log ingestion", "aws:cloudwatch:logs-ingest-gb", gb, gb, `logGb: ${gb} GB ingested a month`),
    usage("Log storage", "aws:cloudwatch:logs-storage-gb-month", stored, stored, `logGb: ${gb} GB a month kept ${days} days (${kept})`),
  ];
};

export const bucket: Pricer = (_r, ctx) => {
  const gb = ctx.usage.storageGb;
  return [usage("S3 Standard storage", "aws:s3:standard-gb-month", gb, gb, `storageGb: ${gb} GB stored`)];
};

export const ecrRepository: Pricer = (_r, ctx) => {
  const gb = ctx.usage.registryGb;
  return [usage("ECR image storage", "aws:ecr:storage-gb-month", gb, gb, `registryGb: ${gb} GB of images`)];
};

/** A Route 53 health check, plus its optional features (HTTPS, latency, string match, 10 s interval). */
export const healthCheck: Pricer = (r) => {
  const type = String(r.inputs.type ?? "");
  const features = [
    type.startsWith("HTTPS"),
    r.inputs.measureLatency === true,
    type.endsWith("_STR_MATCH"),
    r.inputs.requestInterval !== undefined && numberInput(r, "requestInterval", r.inputs.requestInterval) === 10,
  ].filter(Boolean).length;
  const lines = [monthly("Route 53 health check", "aws:route53:health-check-month")];
  if (features > 0) lines.push(monthly("Health check optional features", "aws:route53:health-check-feature-month", features));
  return lines;
};

/**
 * The per-minute key of a build environment, from its type and compute type:
 * `LINUX_CONTAINER` `BUILD_GENERAL1_SMALL` is `aws:codebuild:linux-small-minute`. Only Linux small,
 * medium and large have rows; another environment's line is listed as not priced.
 */
export function codebuildMinuteKey(type: string, computeType: string): string {
  const os =
    type === "LINUX_CONTAINER"
      ? "linux"
      : type
          .replace(/_CONTAINER$/, "")
          .toLowerCase()
          .replace(/_/g, "-");
  const size = computeType
    .replace(/^BUILD_GENERAL1_/, "")
    .toLowerCase()
    .replace(/_/g, "-");
  return `aws:codebuild:${os}-${size}-minute`;
}

export const codebuildProject: Pricer = (r, ctx) => {
  const env = record(r.inputs.environment);
  const type = stringInput(r, "environment.type", env.type);
  const computeType = stringInput(r, "environment.computeType", env.computeType);
  const minutes = ctx.usage.buildMinutes;
  return [
    usage(
      `Build minutes (${computeType})`,
      codebuildMinuteKey(type, computeType),
      minutes,
      minutes,
      `buildMinutes: ${minutes} minutes a month`,
    ),
  ];
};

/** A WAF web ACL: the ACL, each rule (a managed rule group counts as one), and requests. */
export const webAcl: Pricer = (r, ctx) => {
  const rules = list(r.inputs.rules).length;
  const m = ctx.usage.requestsMillions;
  const lines = [monthly("WAF web ACL", "aws:waf:web-acl-month")];
  if (rules > 0) lines.push(monthly(`WAF rules (${rules})`, "aws:waf:rule-month", rules));
  lines.push(usage("WAF requests", "aws:waf:million-requests", m, m, `requestsMillions: ${m} million requests a month`));
  return lines;
};

/** An alarm is billed per metric it evaluates; a period under a minute is high resolution. */
export const metricAlarm: Pricer = (r) => {
  const queries = list(r.inputs.metricQueries).filter((q) => record(q).metric !== undefined);
  const metrics = queries.length > 0 ? queries.length : 1;
  const periods = queries.length > 0 ? queries.map((q) => record(record(q).metric).period) : [r.inputs.period];
  const highRes = periods.some((p) => p !== undefined && Number(p) < 60);
  const key = highRes ? "aws:cloudwatch:alarm-metric-high-res-month" : "aws:cloudwatch:alarm-metric-month";
  return [fixed(`Alarm metrics${highRes ? " (high resolution)" : ""}`, key, metrics)];
};

export const dashboard: Pricer = () => [
  fixed("CloudWatch dashboard", "aws:cloudwatch:dashboard-month", 1, 1, "billed in full: the account's 3 free dashboards are not counted"),
];

/**
 * A V2 pipeline is billed per minute its actions run. Its actions are the builds and deploys the
 * CI projects run, so a month's action minutes are counted as `buildMinutes`; the account's 100
 * free minutes are shared by every pipeline, so they are not taken off.
 */
export const codepipelinePipeline: Pricer = (r, ctx) => {
  if (r.inputs.pipelineType !== "V2")
    throw new UnpricedError(`${r.type} ${r.name}: a ${String(r.inputs.pipelineType ?? "V1")} pipeline is not priced; only V2`);
  const minutes = ctx.usage.buildMinutes;
  return [
    usage(
      "Pipeline action execution minutes",
      "aws:codepipeline:v2-action-minute",
      minutes,
      minutes,
      `buildMinutes: ${minutes} action minutes a month; the account's 100 free minutes a month are not taken off`,
    ),
  ];
};

/** A schedule is billed per invocation, counted from its expression; the free tier is account-wide. */
export const schedulerSchedule: Pricer = (r) => {
  const expression = stringInput(r, "scheduleExpression", r.inputs.scheduleExpression);
  const perMonth = invocationsPerMonth(expression);
  if (perMonth === undefined) throw new UnpricedError(`${r.type} ${r.name}: cannot count the invocations of ${expression}`);
  const millions = perMonth / 1e6;
  return [
    usage(
      "Scheduler invocations",
      "aws:scheduler:million-invocations",
      millions,
      millions,
      `${Math.round(perMonth * 100) / 100} invocations a month from ${expression}; the account's first 14 million a month are free and not taken off`,
    ),
  ];
};

/**
 * Billed resources whose price was not read: listed as unpriced, never counted as zero. Each
 * reason says what was found, so the next reader knows what a source must still show.
 */
export const UNREAD_PRICERS: Record<string, Pricer> = {
  "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer": unpriced(
    "SageMaker managed MLflow tracking servers are billed by the hour per size; no source for that price was read in us-east-1 or us-west-2 (the one hourly price found, Small at $0.642, was quoted for eu-west-2)",
  ),
  "aws:sagemaker/featureGroup:FeatureGroup": unpriced(
    "SageMaker Feature Store online stores are billed per read and write unit and GB stored; no source for those prices was read in us-east-1 or us-west-2 (the pricing page read gives only the first two months' free tier)",
  ),
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": unpriced(
    "CloudWatch composite alarms are billed per alarm a month; no source for that price was read with its region (the $0.50 found was quoted with none)",
  ),
  "aws:sns/topic:Topic": unpriced(
    "SNS bills publishes and deliveries (email, HTTP) past a free tier; no source for those prices was read with its region, nor one stating that an idle topic is not billed",
  ),
};
