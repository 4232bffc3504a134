import type { CostLine, MissingPrice, PriceRow } from "./types";

export type { MissingPrice };

/**
 * One cloud's price rows, looked up the way the estimator bills: the stack region's own row, else
 * the `global` one. Each cloud builds one table with the keys known to have no row; the estimator
 * looks every line up in it, counts what it prices and lists the rest with the table's reason.
 */

export interface PriceTableSpec {
  /** The key prefix every row carries: `aws`, `gcp`, `azure`. */
  cloud: string;
  /** How reports name the table: `AWS`, `GCP`, `Azure`. */
  label: string;
  /** The regions the reference stacks run in; rows are for one of these or `global`. */
  regions: readonly string[];
  rows: readonly PriceRow[];
  /** Keys known to have no row, with the reason a report gives instead of a generic one. */
  missing?: readonly MissingPrice[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PriceTable {
  readonly rows: readonly PriceRow[];
  readonly missing: readonly MissingPrice[];
  private readonly byKey = new Map<string, Map<string, PriceRow>>();

  constructor(private readonly spec: PriceTableSpec) {
    this.rows = spec.rows;
    this.missing = spec.missing ?? [];
    for (const row of spec.rows) {
      const regions = this.byKey.get(row.key) ?? new Map<string, PriceRow>();
      // The first row of a key and region wins; `problems()` reports the repeat.
      if (!regions.has(row.region)) regions.set(row.region, row);
      this.byKey.set(row.key, regions);
    }
  }

  /** The row pricing `key` in `region`: the region's own, else the `global` one. */
  find(key: string, region: string): PriceRow | undefined {
    const regions = this.byKey.get(key);
    return regions?.get(region) ?? regions?.get("global");
  }

  /** Why `key` has no price in `region`: the known reason, else that no source for it was read. */
  whyMissing(key: string, region: string): string {
    const known = this.missing.find((m) => m.key === key && (m.region === region || m.region === "global"));
    return known?.reason ?? `${key}: no ${region} price in the ${this.spec.label} table (no source for it was read)`;
  }

  /** The items of `lines` the table has no row for in `region`, each with why: what a report lists as not counted. */
  missingFrom(lines: readonly CostLine[], region: string): string[] {
    return lines.filter((l) => !this.find(l.priceKey, region)).map((l) => `${l.item} (${this.whyMissing(l.priceKey, region)})`);
  }

  /** What is wrong with the rows: provenance, numbers, regions, repeats. Empty when sound. */
  problems(): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    const keyShape = new RegExp(`^${this.spec.cloud}:[a-z0-9-]+:\\S+$`);
    for (const row of this.rows) {
      const id = `${row.key} in ${row.region}`;
      if (!keyShape.test(row.key)) problems.push(`${id}: key is not ${this.spec.cloud}:<service>:<item>`);
      if (row.region !== "global" && !this.spec.regions.includes(row.region)) problems.push(`${id}: not a reference region`);
      if (row.unit.trim() === "") problems.push(`${id}: unit is empty`);
      if (!(Number.isFinite(row.usd) && row.usd > 0)) problems.push(`${id}: usd ${row.usd} is not a positive price`);
      // An address or a repository path: somewhere a reader can go and check the number.
      if (!/\S+\/\S+/.test(row.source)) problems.push(`${id}: source does not say where the price was read`);
      if (!DATE.test(row.read)) problems.push(`${id}: read "${row.read}" is not a YYYY-MM-DD date`);
      if (seen.has(id)) problems.push(`${id}: listed twice`);
      seen.add(id);
    }
    for (const m of this.missing) {
      if (this.find(m.key, m.region)) problems.push(`${m.key} in ${m.region}: listed as missing, but the table prices it`);
    }
    return problems;
  }
}
