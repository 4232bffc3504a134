import { costLine } from "../../line";
import { type CostLine, type Pricer, UnpricedError } from "../../types";
import { describe, hours, input, inputNumber, inputString, isoMinutes } from "./lines";
import { KEYS } from "./prices";
import { FACTS } from "./sources";

// Monitoring: Log Analytics ingestion and retention, availability tests, metric and log alerts.

export const priceLogWorkspace: Pricer = (r, ctx) => {
  const what = describe(r);
  const sku = inputString(r, "sku.name") ?? "PerGB2018";
  if (sku !== "PerGB2018") throw new UnpricedError(`${what}: the ${sku} workspace tier is not in the Azure price table`);
  const gb = ctx.usage.logGb;
  const lines: CostLine[] = [
    costLine({
      item: "Log Analytics ingestion",
      kind: "usage",
      key: KEYS.logIngestion,
      min: gb,
      assumption: `${gb} GB ingested a month (logGb); the first 5 GB a month per billing account are free and not deducted`,
    }),
  ];
  const days = inputNumber(r, "retentionInDays") ?? FACTS.logFreeRetentionDays;
  const paidDays = days - FACTS.logFreeRetentionDays;
  if (paidDays > 0) {
    // At a steady rate, the data older than the free period is a day's ingestion times the paid days.
    const retainedGb = (gb / (hours(1) / 24)) * paidDays;
    lines.push(
      costLine({
        item: "Log Analytics retention past the free period",
        kind: "usage",
        key: KEYS.logRetention,
        min: retainedGb,
        assumption: `${gb} GB a month (logGb) kept ${days} days: the last ${paidDays} days are billed, at a steady rate`,
      }),
    );
  }
  return lines;
};

/** Standard availability tests: each location runs the test once per `frequency` seconds. */
export const priceWebTest: Pricer = (r) => {
  const what = describe(r);
  const kind = inputString(r, "kind") ?? inputString(r, "webTestKind");
  if (kind !== "standard") throw new UnpricedError(`${what}: ${kind ?? "unnamed"} web tests are not priced (only standard tests)`);
  const frequency = inputNumber(r, "frequency") ?? 300;
  const locations = input(r, "locations");
  const count = Array.isArray(locations) ? locations.length : 0;
  const runs = count * (3600 / frequency) * hours(1);
  return [
    costLine({
      item: "Standard availability test executions",
      kind: "fixed",
      key: KEYS.webTestRun,
      min: runs,
      assumption: `${count} location(s), every ${frequency} s`,
    }),
  ];
};

/**
 * Metric alerts are billed per time series monitored: one per criterion of a static or dynamic
 * threshold without dimensions, one for an availability-test criterion. A criterion filtered on a
 * dimension watches one series per value that occurs, which only the running resource knows: it is
 * priced from one series up to `DIMENSION_SERIES_MAX` per criterion, and the line says so.
 */
/** Series a dimension-filtered criterion is priced up to (Redis's `ErrorType` names a handful of event kinds). */
export const DIMENSION_SERIES_MAX = 10;

export const priceMetricAlert: Pricer = (r) => {
  const all = input(r, "criteria.allOf");
  const criteria = Array.isArray(all) ? all : [];
  const split = criteria.filter((c) => ((c as { dimensions?: unknown[] }).dimensions ?? []).length > 0).length;
  const series = Math.max(1, criteria.length);
  const max = series + split * (DIMENSION_SERIES_MAX - 1);
  const dimensions = split ? `; ${split} criterion filtered on a dimension, priced at 1 to ${DIMENSION_SERIES_MAX} series` : "";
  return [
    costLine({
      item: "Metric alert time series monitored",
      kind: "fixed",
      key: KEYS.metricAlertSeries,
      min: series,
      max,
      assumption: `${series} time series${dimensions}; the first 10 a month are free and not deducted`,
    }),
  ];
};

export const priceLogAlert: Pricer = (r) => {
  const what = describe(r);
  const every = inputString(r, "evaluationFrequency") ?? "";
  const minutes = isoMinutes(every);
  if (minutes === undefined) throw new UnpricedError(`${what}: evaluation frequency "${every}" is not a duration`);
  return [costLine({ item: `Log alert rule evaluated every ${minutes} min`, kind: "fixed", key: KEYS.logAlert(minutes), min: 1 })];
};
