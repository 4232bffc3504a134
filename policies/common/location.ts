import type { PolicyProviderResource } from "@pulumi/policy";
import { argsHaveProperty } from "./tags";

export const ALLOWED_REGIONS_SCHEMA = {
  properties: {
    allowedRegions: {
      type: "array" as const,
      items: { type: "string" as const },
      default: [] as string[],
      description: "Regions resources may be placed in; empty allows every region.",
    },
  },
};

/** Lower case without spaces: Azure accepts "West Europe" for "westeurope". */
export function normalizeRegion(region: string): string {
  return region.toLowerCase().replace(/\s+/g, "");
}

/**
 * Where a resource will be: its own `field` input, else — for a type that takes `field` — the
 * provider's setting (`aws:region`, `gcp:region`, `azure-native:location`).
 */
export function placement(
  type: string,
  props: Record<string, unknown>,
  provider: PolicyProviderResource | undefined,
  field: string,
  providerField: string,
): { region: string; from: string } | undefined {
  const own = props[field];
  if (typeof own === "string" && own !== "") return { region: own, from: field };
  if (argsHaveProperty(type, field) !== true) return undefined;
  const fromProvider = provider?.props[providerField];
  return typeof fromProvider === "string" && fromProvider !== ""
    ? { region: fromProvider, from: `the provider's ${providerField}` }
    : undefined;
}
