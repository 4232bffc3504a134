import { PriceTable } from "../../price-table";
import type { MissingPrice, PriceRow } from "../../types";
import { computeRows, GPU_UNPRICED, gpuKey, machineKey, NOT_OFFERED } from "./compute-prices";
import { SERVICE_UNPRICED, serviceRows } from "./service-prices";
import { GCP_REGIONS } from "./sources";

export { BUILT_IN_GPUS, GPU_HOURLY_USD, gpuKey, MACHINE_HOURLY_USD, machineKey, NOT_OFFERED } from "./compute-prices";
export { KEYS } from "./service-prices";
export { GCP_REGIONS, READ_ON, SOURCES, SPOT_ASSUMPTION } from "./sources";

/** Every GCP price row: machine types, GPUs and the services' items. */
export const GCP_PRICES: readonly PriceRow[] = [...computeRows(), ...serviceRows()];

/** Keys with no row in a region (or in any, `global`), with why. */
export const GCP_UNPRICED: readonly MissingPrice[] = [
  ...GPU_UNPRICED.map((g) => ({ key: gpuKey(g.accelerator), region: g.region, reason: g.reason })),
  ...SERVICE_UNPRICED,
  ...NOT_OFFERED.map((n) => ({ key: machineKey(n.machineType), region: n.region, reason: n.reason })),
];

/** The GCP table: its rows for both reference regions and `global`, and the keys known to have none. */
export const GCP_TABLE = new PriceTable({ cloud: "gcp", label: "GCP", regions: GCP_REGIONS, rows: GCP_PRICES, missing: GCP_UNPRICED });

/** The row pricing `key` in `region`: the region's own, else the `global` one. */
export const findPrice = (key: string, region: string): PriceRow | undefined => GCP_TABLE.find(key, region);

export { costLine, type LineSpec } from "../../line";
