import { costLine } from "../../line";
import { type CostLine, type Pricer, UnpricedError } from "../../types";
import { DAYS_PER_MONTH, describe, hours, input, inputNumber, inputString, isoMinutes } from "./lines";
import { KEYS } from "./prices";
import { FACTS } from "./sources";

// Data: the online store's Redis, the image registry, storage accounts, keys that rotate, and the
// private endpoints an Azure ML workspace's managed network creates.

export const priceRedis: Pricer = (r) => {
  const what = describe(r);
  const sku = inputString(r, "sku.name");
  const family = inputString(r, "sku.family");
  const capacity = inputNumber(r, "sku.capacity");
  if (!sku || !family || capacity === undefined) throw new UnpricedError(`${what}: sku.name, sku.family and sku.capacity are needed`);
  const shards = inputNumber(r, "shardCount");
  if (shards !== undefined && shards > 1) throw new UnpricedError(`${what}: clustered caches (${shards} shards) are not priced`);
  return [
    costLine({
      item: `Azure Cache for Redis ${sku} ${family}${capacity} hours`,
      kind: "fixed",
      key: KEYS.redisHour(sku, family, capacity),
      min: hours(1),
    }),
  ];
};

export const priceRegistry: Pricer = (r, ctx) => {
  const what = describe(r);
  const sku = inputString(r, "sku.name") ?? "";
  const included = FACTS.registryIncludedGb[sku];
  if (included === undefined) throw new UnpricedError(`${what}: the ${sku || "unnamed"} registry tier is not in the Azure price table`);
  const replicas = input(r, "replications");
  if (Array.isArray(replicas) && replicas.length > 0) throw new UnpricedError(`${what}: geo-replicated registries are not priced`);
  const over = Math.max(0, ctx.usage.registryGb - included);
  return [
    costLine({
      item: `Container Registry ${sku} (registry unit days)`,
      kind: "fixed",
      key: KEYS.registryDay(sku),
      min: DAYS_PER_MONTH,
    }),
    costLine({
      item: "Container Registry storage past the included",
      kind: "usage",
      key: KEYS.registryStorage,
      min: over,
      assumption: `${ctx.usage.registryGb} GB stored (registryGb), ${included} GB included in ${sku} (${FACTS.registryIncludedSource})`,
    }),
  ];
};

export const priceStorageAccount: Pricer = (r, ctx) => {
  const what = describe(r);
  const sku = inputString(r, "sku.name") ?? "";
  const m = /^Standard_(LRS|ZRS)$/.exec(sku);
  if (!m) throw new UnpricedError(`${what}: ${sku || "an unnamed"} storage accounts are not in the Azure price table`);
  const hns = input(r, "isHnsEnabled") === true;
  return [
    costLine({
      item: `Blob storage, hot ${m[1]}${hns ? ", hierarchical namespace" : ""}`,
      kind: "usage",
      key: KEYS.blob(m[1] as "LRS" | "ZRS", hns),
      min: ctx.usage.storageGb,
      assumption: `${ctx.usage.storageGb} GB stored in the hot tier (storageGb); operations are not counted`,
    }),
  ];
};

/** Automated rotations of a key a month, from its rotation policy's `rotate` action. */
export const priceKey: Pricer = (r) => {
  const what = describe(r);
  const actions = input(r, "properties.rotationPolicy.lifetimeActions");
  const rotate = (Array.isArray(actions) ? actions : []).find((a) => (a as { action?: { type?: string } }).action?.type === "rotate") as
    | { trigger?: { timeAfterCreate?: string; timeBeforeExpiry?: string } }
    | undefined;
  if (!rotate) return [];
  const every = rotate.trigger?.timeAfterCreate;
  const minutes = every !== undefined ? isoMinutes(every) : undefined;
  if (minutes === undefined || minutes <= 0) throw new UnpricedError(`${what}: a rotation not set by timeAfterCreate is not priced`);
  const perMonth = hours(1) / (minutes / 60);
  return [
    costLine({
      item: "Key Vault automated key rotations",
      kind: "fixed",
      key: KEYS.keyRotation,
      min: perMonth,
      assumption: `rotated every ${every}; key operations (per 10,000) are not counted`,
    }),
  ];
};

/**
 * An Azure ML workspace costs nothing by itself; its managed network creates a private endpoint
 * per outbound rule of type PrivateEndpoint, billed as Private Link once the network is
 * provisioned (with the first compute or serverless Spark session): 0 until then.
 */
export const priceMlWorkspace: Pricer = (r) => {
  const what = describe(r);
  const rules = input(r, "managedNetwork.outboundRules");
  const list = rules && typeof rules === "object" ? Object.values(rules as Record<string, { type?: string }>) : [];
  if (list.some((rule) => rule.type === "FQDN"))
    throw new UnpricedError(`${what}: FQDN outbound rules add a managed Azure Firewall, which is not priced`);
  const endpoints = list.filter((rule) => rule.type === "PrivateEndpoint").length;
  if (endpoints === 0) return [];
  const lines: CostLine[] = [
    costLine({
      item: "Managed network private endpoint hours",
      kind: "fixed",
      key: KEYS.endpointHour,
      min: 0,
      max: hours(endpoints),
      assumption: `${endpoints} outbound private endpoint rule(s), billed once the managed network is provisioned with the first compute (0 before)`,
    }),
  ];
  return lines;
};
