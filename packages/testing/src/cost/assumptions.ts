import { HOURS_PER_MONTH, type UsageAssumptions } from "./types";

/**
 * What the usage lines assume when nobody says otherwise: a quiet development platform, modest on
 * purpose, so that the usage part of an estimate is a floor to raise with `--assume`, not a guess
 * at a busy month.
 */
export const DEFAULT_USAGE: Readonly<UsageAssumptions> = Object.freeze({
  natGb: 100,
  loadBalancerGb: 50,
  requestsMillions: 1,
  logGb: 10,
  storageGb: 100,
  registryGb: 20,
  endpointGb: 20,
  buildMinutes: 300,
  featureRequestsMillions: 1,
  onlineStoreGb: 5,
  trainingHours: 20,
});

/** Each assumption in words, as the reports list them beside the value. */
export const USAGE_DESCRIPTIONS: Readonly<Record<keyof UsageAssumptions, string>> = Object.freeze({
  natGb: "GB processed by each NAT gateway a month",
  loadBalancerGb: "GB processed by each load balancer a month",
  requestsMillions: "millions of requests to each load balancer a month",
  logGb: "GB of logs ingested by each log group, bucket or workspace a month",
  storageGb: "GB stored in each bucket or storage account",
  registryGb: "GB stored in each container registry",
  endpointGb: "GB through each interface or private endpoint a month",
  buildMinutes: "build minutes a month per CI project or trigger",
  featureRequestsMillions: "millions of reads and writes to each online feature store a month",
  onlineStoreGb: "GB held by each online feature store",
  trainingHours: "hours a month a training pool that scales from zero runs at its upper bound",
});

export const USAGE_KEYS = Object.keys(DEFAULT_USAGE) as (keyof UsageAssumptions)[];

/** A `--assume` value the estimator cannot use: the message names the key and what was wrong. */
export class AssumptionError extends Error {
  override name = "AssumptionError";
}

/**
 * The defaults with `key=value` overrides applied, in order (a later one wins). A key that is not an
 * assumption, a value that is not a finite number at or above 0, or trainingHours past a month, is
 * refused by name.
 */
export function parseAssumptions(overrides: readonly string[], base: Readonly<UsageAssumptions> = DEFAULT_USAGE): UsageAssumptions {
  const usage: UsageAssumptions = { ...base };
  for (const text of overrides) {
    const eq = text.indexOf("=");
    if (eq <= 0) throw new AssumptionError(`--assume ${JSON.stringify(text)}: expected key=value, e.g. natGb=250`);
    const key = text.slice(0, eq).trim();
    const raw = text.slice(eq + 1).trim();
    if (!(USAGE_KEYS as string[]).includes(key)) {
      throw new AssumptionError(`--assume ${key}: not an assumption; known: ${USAGE_KEYS.join(", ")}`);
    }
    const value = Number(raw);
    if (raw === "" || !Number.isFinite(value) || value < 0) {
      throw new AssumptionError(`--assume ${key}=${raw}: the value must be a number at or above 0`);
    }
    // Hours a month past the month itself would price a burst above the pool running around the clock.
    if (key === "trainingHours" && value > HOURS_PER_MONTH) {
      throw new AssumptionError(`--assume ${key}=${raw}: a month has ${HOURS_PER_MONTH} hours (the clouds' calculators' month)`);
    }
    usage[key as keyof UsageAssumptions] = value;
  }
  return usage;
}
