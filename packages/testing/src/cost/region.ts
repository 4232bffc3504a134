import type { PricedCloud } from "./types";

/** The stack setting that holds each cloud's region. */
export const REGION_KEYS: Readonly<Record<PricedCloud, string>> = Object.freeze({
  aws: "aws:region",
  gcp: "gcp:region",
  azure: "azure-native:location",
});

const PRICED: readonly string[] = Object.keys(REGION_KEYS);

export function isPricedCloud(cloud: string | undefined): cloud is PricedCloud {
  return cloud !== undefined && PRICED.includes(cloud);
}

/** The stack's region for a cloud, from its configuration; undefined when the stack does not set it. */
export function regionOf(cloud: PricedCloud, config: Readonly<Record<string, string>>): string | undefined {
  const value = config[REGION_KEYS[cloud]];
  return value === undefined || value === "" ? undefined : value;
}
