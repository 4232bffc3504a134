import { PriceTable } from "../../price-table";
import type { PriceRow } from "../../types";
import { AZURE_REGIONS, type AzureRegion, READ, SOURCE } from "./sources";

// The Azure price table: on-demand list prices in USD for the reference regions, each row with the
// copy of Microsoft's price list it was read from. No number here is estimated: a price that could
// not be read is listed in UNSOURCED_PRICES instead, and a report gives that reason for it.

function row(key: string, region: AzureRegion | "global", unit: string, usd: number, source: string, note?: string): PriceRow {
  return { key, region, unit, usd, source, read: READ, ...(note !== undefined ? { note } : {}) };
}

/** The key of a VM size's hourly price. */
export const vmKey = (size: string) => `azure:vm:${size}`;

const LINUX = "Linux, pay as you go";

/** Pay-as-you-go Linux prices in East US 2, every size of the compute catalog. */
const EASTUS2_VMS: readonly (readonly [string, number])[] = [
  ["Standard_D2s_v5", 0.096],
  ["Standard_D4s_v5", 0.192],
  ["Standard_D8s_v5", 0.384],
  ["Standard_D16s_v5", 0.768],
  ["Standard_D32s_v5", 1.536],
  ["Standard_D64s_v5", 3.072],
  ["Standard_E2s_v5", 0.126],
  ["Standard_E4s_v5", 0.252],
  ["Standard_E8s_v5", 0.504],
  ["Standard_E16s_v5", 1.008],
  ["Standard_E32s_v5", 2.016],
  ["Standard_F4s_v2", 0.169],
  ["Standard_F8s_v2", 0.338],
  ["Standard_F16s_v2", 0.677],
  ["Standard_NC4as_T4_v3", 0.526],
  ["Standard_NC8as_T4_v3", 0.752],
  ["Standard_NC16as_T4_v3", 1.204],
  ["Standard_NC64as_T4_v3", 4.352],
  ["Standard_NC24ads_A100_v4", 3.673],
  ["Standard_NC48ads_A100_v4", 7.346],
  ["Standard_NC96ads_A100_v4", 14.692],
];

/**
 * Pay-as-you-go Linux prices of every catalog size in both reference regions, from the static
 * table Azure's Karpenter provider generates from the Retail Prices API (Consumption items in USD
 * of the Virtual Machines service, leaving out products ending " Windows", meters ending " Low
 * Priority" and SKUs ending " Spot": the same choice as the East US 2 rows). The West Europe rows
 * come from here; the East US 2 column is kept to hold it against SkyPilot's copy.
 */
const KARPENTER_VMS: readonly (readonly [size: string, eastus2: number, westeurope: number])[] = [
  ["Standard_D2s_v5", 0.096, 0.115],
  ["Standard_D4s_v5", 0.192, 0.23],
  ["Standard_D8s_v5", 0.384, 0.46],
  ["Standard_D16s_v5", 0.768, 0.92],
  ["Standard_D32s_v5", 1.536, 1.84],
  ["Standard_D64s_v5", 3.072, 3.68],
  ["Standard_E2s_v5", 0.126, 0.152],
  ["Standard_E4s_v5", 0.252, 0.304],
  ["Standard_E8s_v5", 0.504, 0.608],
  ["Standard_E16s_v5", 1.008, 1.216],
  ["Standard_E32s_v5", 2.016, 2.432],
  ["Standard_F4s_v2", 0.169, 0.194],
  ["Standard_F8s_v2", 0.338, 0.388],
  ["Standard_F16s_v2", 0.677, 0.776],
  ["Standard_NC4as_T4_v3", 0.526, 0.658],
  ["Standard_NC8as_T4_v3", 0.752, 0.94],
  ["Standard_NC16as_T4_v3", 1.204, 1.505],
  ["Standard_NC64as_T4_v3", 4.352, 5.44],
  ["Standard_NC24ads_A100_v4", 3.673, 4.775],
  ["Standard_NC48ads_A100_v4", 7.346, 9.55],
  ["Standard_NC96ads_A100_v4", 14.692, 19.1],
];

/** West Europe sizes the Retail Prices dump's first page of VM items holds (meterName without Spot/Low Priority, product without Windows). */
const WESTEUROPE_RETAIL_VMS: readonly (readonly [string, number])[] = [
  ["Standard_D2s_v5", 0.115],
  ["Standard_D4s_v5", 0.23],
  ["Standard_NC8as_T4_v3", 0.94],
];

/** The copies of the VM price list read, by where they were read, for tests that hold them against each other. */
export const VM_PRICE_COPIES = {
  skypilotEastus2: EASTUS2_VMS,
  karpenter: KARPENTER_VMS,
  retailWesteurope: WESTEUROPE_RETAIL_VMS,
} as const;

/** Where a West Europe VM row was read: Karpenter's table, and the Retail Prices dump too where it holds the size. */
function westeuropeVmSource(size: string): string {
  const inRetail = WESTEUROPE_RETAIL_VMS.some(([s]) => s === size);
  return inRetail ? `${SOURCE.karpenterVms} (westeurope); ${SOURCE.retailVms("westeurope")}` : `${SOURCE.karpenterVms} (westeurope)`;
}

const VM_ROWS: PriceRow[] = [
  ...EASTUS2_VMS.map(([size, usd]) => row(vmKey(size), "eastus2", "hour", usd, SOURCE.skypilotVms, LINUX)),
  ...KARPENTER_VMS.map(([size, , usd]) => row(vmKey(size), "westeurope", "hour", usd, westeuropeVmSource(size), LINUX)),
];

/**
 * Catalog sizes a reference region does not offer, with why. Every size of the Azure catalog is
 * offered in both eastus2 and westeurope (the Retail Prices API carries meters for them there), so
 * the list is empty; a size added to the catalog that a region lacks goes here.
 */
export const NOT_OFFERED: readonly { size: string; region: AzureRegion; reason: string }[] = [];

/**
 * Prices no copy of the price list read here holds: left unpriced rather than guessed. Every
 * catalog size has a West Europe row now, so this is empty until a size is added to the East US 2
 * list without one.
 */
export const UNSOURCED_PRICES: readonly { key: string; region: AzureRegion; reason: string }[] = EASTUS2_VMS.filter(
  ([size]) => !KARPENTER_VMS.some(([k]) => k === size),
).map(([size]) => ({
  key: vmKey(size),
  region: "westeurope" as const,
  reason: `no West Europe price for ${size} was found in the copies of the Retail Prices API read`,
}));

/** Premium SSD managed disks, a month each, by tier and redundancy. */
export const diskKey = (tier: string, redundancy: "LRS" | "ZRS") => `azure:disk:${tier}-${redundancy}`;

export const KEYS = {
  aksStandardTier: "azure:aks:standard-tier-hour",
  /** No row: the Premium (long-term support) rate was not read; the estimator lists it as not priced. */
  aksPremiumTier: "azure:aks:premium-tier-hour",
  natHour: "azure:nat:gateway-hour",
  natGb: "azure:nat:data-gb",
  publicIpHour: "azure:ip:standard-static-hour",
  endpointHour: "azure:privatelink:endpoint-hour",
  endpointGb: "azure:privatelink:data-gb",
  privateZone: "azure:dns:private-zone-month",
  gatewayHour: (tier: "waf-v2" | "standard-v2") => `azure:appgw:${tier}-hour`,
  gatewayCapacityUnit: (tier: "waf-v2" | "standard-v2") => `azure:appgw:${tier}-capacity-unit-hour`,
  redisHour: (sku: string, family: string, capacity: number) => `azure:redis:${sku.toLowerCase()}-${family.toLowerCase()}${capacity}-hour`,
  registryDay: (sku: string) => `azure:acr:${sku.toLowerCase()}-day`,
  registryStorage: "azure:acr:storage-gb-month",
  keyRotation: "azure:keyvault:key-rotation",
  logIngestion: "azure:loganalytics:ingestion-gb",
  logRetention: "azure:loganalytics:retention-gb-month",
  metricAlertSeries: "azure:monitor:metric-alert-time-series-month",
  logAlert: (minutes: number) => `azure:monitor:log-alert-${minutes}min-month`,
  webTestRun: "azure:monitor:standard-web-test-execution",
  blob: (redundancy: "LRS" | "ZRS", hns: boolean) => `azure:blob:${hns ? "hns-" : ""}hot-${redundancy.toLowerCase()}-gb-month`,
  flowLogGb: "azure:networkwatcher:flow-logs-gb",
} as const;

/** One meter read in both regions: key, unit, USD in eastus2, USD in westeurope, the meter's name in the price list. */
type Meter = readonly [key: string, unit: string, eastus2: number, westeurope: number, meter: string];

/** Meters read in the per-region Retail Prices dump, by the dump's file. */
const RETAIL_METERS: Readonly<Record<string, readonly Meter[]>> = {
  "storage.json": [
    [diskKey("P6", "LRS"), "month", 9.2801, 11.2272, "Premium SSD Managed Disks, P6 LRS Disk"],
    [diskKey("P10", "LRS"), "month", 17.92, 21.68, "Premium SSD Managed Disks, P10 LRS Disk"],
    [diskKey("P15", "LRS"), "month", 34.56, 41.811428, "Premium SSD Managed Disks, P15 LRS Disk"],
    [diskKey("P6", "ZRS"), "month", 13.92, 16.841, "Premium SSD Managed Disks, P6 ZRS Disk"],
    [diskKey("P10", "ZRS"), "month", 26.88, 32.519, "Premium SSD Managed Disks, P10 ZRS Disk"],
    [diskKey("P15", "ZRS"), "month", 51.84, 62.716, "Premium SSD Managed Disks, P15 ZRS Disk"],
    [KEYS.blob("LRS", false), "GB-month", 0.0184, 0.0196, "General Block Blob v2, Hot LRS Data Stored, first 50 TB"],
    [KEYS.blob("ZRS", false), "GB-month", 0.023, 0.024, "General Block Blob v2, Hot ZRS Data Stored, first 50 TB"],
    [KEYS.blob("LRS", true), "GB-month", 0.018, 0.02, "General Block Blob v2 Hierarchical Namespace, Hot LRS Data Stored"],
    [KEYS.blob("ZRS", true), "GB-month", 0.023, 0.024, "General Block Blob v2 Hierarchical Namespace, Hot ZRS Data Stored"],
  ],
  "virtual_network.json": [[KEYS.publicIpHour, "hour", 0.005, 0.005, "IP Addresses, Standard IPv4 Static Public IP"]],
  "application_gateway.json": [
    [KEYS.gatewayHour("waf-v2"), "hour", 0.36, 0.468, "Application Gateway WAF v2, Standard Fixed Cost"],
    [KEYS.gatewayCapacityUnit("waf-v2"), "capacity-unit-hour", 0.0144, 0.0144, "Application Gateway WAF v2, Standard Capacity Units"],
    [KEYS.gatewayHour("standard-v2"), "hour", 0.2, 0.26, "Application Gateway Standard v2, Standard Fixed Cost"],
    [
      KEYS.gatewayCapacityUnit("standard-v2"),
      "capacity-unit-hour",
      0.008,
      0.008,
      "Application Gateway Standard v2, Standard Capacity Units",
    ],
  ],
  "network_watcher.json": [[KEYS.flowLogGb, "GB", 0.5, 0.5, "Standard VNet Flow Logs Collected, past the first 5 GB a month"]],
  "redis_cache.json": [
    [KEYS.redisHour("Basic", "C", 0), "hour", 0.022, 0.022, "Azure Redis Cache Basic, C0 Cache"],
    [KEYS.redisHour("Basic", "C", 1), "hour", 0.055, 0.055, "Azure Redis Cache Basic, C1 Cache"],
    [KEYS.redisHour("Basic", "C", 2), "hour", 0.09, 0.09, "Azure Redis Cache Basic, C2 Cache"],
    [KEYS.redisHour("Standard", "C", 0), "hour", 0.055, 0.055, "Azure Redis Cache Standard, C0 Cache (both nodes)"],
    [KEYS.redisHour("Standard", "C", 1), "hour", 0.138, 0.138, "Azure Redis Cache Standard, C1 Cache (both nodes)"],
    [KEYS.redisHour("Standard", "C", 2), "hour", 0.225, 0.225, "Azure Redis Cache Standard, C2 Cache (both nodes)"],
    [KEYS.redisHour("Premium", "P", 1), "hour", 0.555, 0.555, "Azure Redis Cache Premium, P1 Cache (both nodes)"],
    [KEYS.redisHour("Premium", "P", 2), "hour", 1.11, 1.11, "Azure Redis Cache Premium, P2 Cache (both nodes)"],
  ],
  "azure_kubernetes_service.json": [[KEYS.aksStandardTier, "hour", 0.1, 0.1, "Azure Kubernetes Service, Standard Uptime SLA (a cluster)"]],
  "container_registry.json": [
    [KEYS.registryDay("Basic"), "day", 0.1666, 0.1666, "Container Registry, Basic Registry Unit"],
    [KEYS.registryDay("Standard"), "day", 0.6666, 0.6666, "Container Registry, Standard Registry Unit"],
    [KEYS.registryDay("Premium"), "day", 1.6666, 1.6666, "Container Registry, Premium Registry Unit"],
    [KEYS.registryStorage, "GB-month", 0.1, 0.1, "Container Registry, Data Stored past the tier's included storage"],
  ],
  "key_vault.json": [[KEYS.keyRotation, "rotation", 1, 1, "Key Vault Standard, Automated Key Rotation"]],
  "log_analytics.json": [
    [KEYS.logIngestion, "GB", 2.76, 2.99, "Analytics Logs Data Ingestion, past the first 5 GB a month"],
    [KEYS.logRetention, "GB-month", 0.12, 0.13, "Analytics Logs Data Retention, past the free 31 days"],
  ],
  "azure_monitor.json": [
    [KEYS.metricAlertSeries, "time-series-month", 0.1, 0.1, "Alerts Metric Monitored, past the first 10 time series"],
    [KEYS.logAlert(1), "rule-month", 3, 3, "Alerts System Log Monitored at 1 Minute Frequency"],
    [KEYS.logAlert(5), "rule-month", 1.5, 1.5, "Alerts System Log Monitored at 5 Minute Frequency"],
    [KEYS.logAlert(10), "rule-month", 1, 1, "Alerts System Log Monitored at 10 Minute Frequency"],
    [KEYS.logAlert(15), "rule-month", 0.5, 0.5, "Alerts System Log Monitored at 15 Minute Frequency"],
    [KEYS.webTestRun, "execution", 0.0005, 0.000645, "Standard Web Test Execution"],
  ],
};

/** Meters priced in the Global meter region (the same in every public region), by where they were read. */
const GLOBAL_METERS: readonly (readonly [source: string, meters: readonly Meter[]])[] = [
  [
    SOURCE.natGateway,
    [
      [KEYS.natHour, "hour", 0.045, 0.045, "NAT Gateway, Standard Gateway"],
      [KEYS.natGb, "GB", 0.045, 0.045, "NAT Gateway, Standard Data Processed"],
    ],
  ],
  [
    SOURCE.privateLink,
    [
      [KEYS.endpointHour, "hour", 0.01, 0.01, "Virtual Network Private Link, Standard Private Endpoint"],
      [KEYS.endpointGb, "GB", 0.01, 0.01, "Standard Data Processed, ingress and egress alike, first 1 PB"],
    ],
  ],
  [SOURCE.privateDns, [[KEYS.privateZone, "month", 0.5, 0.5, "hosted private zone, first 25 zones; queries not included"]]],
];

function meterRows(meters: readonly Meter[], source: (region: AzureRegion) => string): PriceRow[] {
  return meters.flatMap(([key, unit, eastus2, westeurope, meter]) => [
    row(key, "eastus2", unit, eastus2, source("eastus2"), meter),
    row(key, "westeurope", unit, westeurope, source("westeurope"), meter),
  ]);
}

const SERVICE_ROWS: PriceRow[] = [
  ...Object.entries(RETAIL_METERS).flatMap(([file, meters]) => meterRows(meters, (region) => SOURCE.retail(region, file))),
  ...GLOBAL_METERS.flatMap(([source, meters]) => meterRows(meters, () => source)),
];

/** Every Azure price the pricers use, for both reference regions. */
export const AZURE_PRICES: readonly PriceRow[] = [...VM_ROWS, ...SERVICE_ROWS];

/** The Azure table: its rows for both reference regions, and the keys known to have none. */
export const AZURE_TABLE = new PriceTable({
  cloud: "azure",
  label: "Azure",
  regions: AZURE_REGIONS,
  rows: AZURE_PRICES,
  missing: [...UNSOURCED_PRICES, ...NOT_OFFERED.map((n) => ({ key: vmKey(n.size), region: n.region, reason: n.reason }))],
});
