import { costLine } from "../../line";
import { type Pricer, UnpricedError } from "../../types";
import { describe, hours, inputNumber, inputString } from "./lines";
import { KEYS } from "./prices";
import { FACTS } from "./sources";

// Networking: NAT gateway, public addresses, private endpoints and zones, the Application Gateway,
// flow logs. Hours of each resource are fixed; bytes through it are usage.

export const priceNatGateway: Pricer = (r, ctx) => {
  const what = describe(r);
  if ((inputString(r, "sku.name") ?? "Standard") !== "Standard")
    throw new UnpricedError(`${what}: only the Standard NAT gateway is priced`);
  return [
    costLine({ item: "NAT gateway hours", kind: "fixed", key: KEYS.natHour, min: hours(1) }),
    costLine({
      item: "NAT gateway data processed",
      kind: "usage",
      key: KEYS.natGb,
      min: ctx.usage.natGb,
      assumption: `${ctx.usage.natGb} GB processed a month (natGb)`,
    }),
  ];
};

export const pricePublicIp: Pricer = (r) => {
  const what = describe(r);
  const sku = inputString(r, "sku.name") ?? "Basic";
  const method = inputString(r, "publicIPAllocationMethod") ?? "Dynamic";
  if (sku !== "Standard" || method !== "Static")
    throw new UnpricedError(`${what}: only Standard static addresses are priced (got ${sku} ${method})`);
  return [costLine({ item: "Standard static public IP hours", kind: "fixed", key: KEYS.publicIpHour, min: hours(1) })];
};

export const pricePrivateEndpoint: Pricer = (_r, ctx) => {
  return [
    costLine({ item: "Private endpoint hours", kind: "fixed", key: KEYS.endpointHour, min: hours(1) }),
    costLine({
      item: "Private endpoint data processed",
      kind: "usage",
      key: KEYS.endpointGb,
      min: ctx.usage.endpointGb,
      assumption: `${ctx.usage.endpointGb} GB through the endpoint a month, in either direction (endpointGb)`,
    }),
  ];
};

export const pricePrivateZone: Pricer = () => [
  costLine({
    item: "Private DNS zone",
    kind: "fixed",
    key: KEYS.privateZone,
    min: 1,
    assumption: "one hosted zone a month; DNS queries ($0.40 a million) are not counted",
  }),
];

const GATEWAY_TIERS: Readonly<Record<string, "waf-v2" | "standard-v2">> = { WAF_v2: "waf-v2", Standard_v2: "standard-v2" };

/**
 * The gateway's fixed hours, and the capacity units its instance count reserves: about 10 an
 * instance, from the minimum (idle) to the maximum (fully scaled out). Capacity units that traffic
 * uses above the reserved floor are not counted at the minimum.
 */
export const priceApplicationGateway: Pricer = (r) => {
  const what = describe(r);
  const tierName = inputString(r, "sku.tier") ?? inputString(r, "sku.name") ?? "";
  const tier = GATEWAY_TIERS[tierName];
  if (!tier) throw new UnpricedError(`${what}: the ${tierName || "unnamed"} Application Gateway tier is not in the Azure price table`);
  const fixedCount = inputNumber(r, "sku.capacity");
  const min = inputNumber(r, "autoscaleConfiguration.minCapacity") ?? fixedCount ?? 0;
  const max = inputNumber(r, "autoscaleConfiguration.maxCapacity") ?? fixedCount ?? min;
  const perInstance = FACTS.gatewayCapacityUnitsPerInstance;
  return [
    costLine({ item: `Application Gateway ${tierName} hours`, kind: "fixed", key: KEYS.gatewayHour(tier), min: hours(1) }),
    costLine({
      item: `Application Gateway ${tierName} capacity units`,
      kind: "fixed",
      key: KEYS.gatewayCapacityUnit(tier),
      min: hours(min * perInstance),
      max: hours(max * perInstance),
      assumption: `${perInstance} capacity units reserved per instance, ${min} to ${max} instances (${FACTS.gatewayCapacityUnitsSource})`,
    }),
  ];
};

export const priceFlowLog: Pricer = (_r, ctx) => [
  costLine({
    item: "VNet flow logs collected",
    kind: "usage",
    key: KEYS.flowLogGb,
    min: ctx.usage.logGb,
    assumption: `${ctx.usage.logGb} GB of flow logs a month (logGb); the first 5 GB a month are free and not deducted; stored in the flow-log storage account`,
  }),
];
