import type { PriceRow } from "../../types";
import { READ_ON, SOURCES } from "./sources";

/** The price keys of every GCP item the pricers bill, besides machine types and GPUs. */
export const KEYS = {
  natVmHour: "gcp:nat:gateway-vm-hour",
  natCapHour: "gcp:nat:gateway-hour-over-32-vms",
  natIpHour: "gcp:nat:ip-hour",
  natDataGb: "gcp:nat:data-processed-gb",
  gkeClusterHour: "gcp:gke:cluster-management-hour",
  ruleFirstFiveHour: "gcp:lb:forwarding-rules-first-5-hour",
  ruleExtraHour: "gcp:lb:forwarding-rule-additional-hour",
  lbDataGb: "gcp:lb:data-processed-gb",
  addressHour: "gcp:compute:external-ip-in-use-hour",
  armorPolicyMonth: "gcp:armor:policy-month",
  diskBalancedGbMonth: "gcp:compute:disk:pd-balanced-gb-month",
  kmsKeyVersionMonth: "gcp:kms:software-key-version-month",
  dnsZoneMonth: "gcp:dns:managed-zone-month",
  registryGbMonth: "gcp:artifactregistry:storage-gb-month",
  storageStandardGbMonth: "gcp:storage:standard-gb-month",
  logIngestGb: "gcp:logging:storage-gb",
  logVendedGb: "gcp:logging:vended-network-logs-gb",
  logRetentionGbMonth: "gcp:logging:retention-gb-month",
  schedulerJobMonth: "gcp:scheduler:job-month",
  buildMinute: "gcp:cloudbuild:e2-standard-2-build-minute",
  bigqueryStorageGbMonth: "gcp:bigquery:active-logical-storage-gb-month",
  onlineStoreNodeHour: "gcp:vertex:feature-online-store-node-hour",
  featureViewSync: "gcp:vertex:feature-view-sync",
  metadataGbMonth: "gcp:vertex:metadata-storage-gb-month",
  tensorboardGbMonth: "gcp:vertex:tensorboard-storage-gb-month",
  uptimeExecution: "gcp:monitoring:uptime-check-execution",
  alertCondition: "gcp:monitoring:alerting-condition",
} as const;

type Key = (typeof KEYS)[keyof typeof KEYS];

function row(key: Key, region: string, unit: string, usd: number, source: string, note: string): PriceRow {
  return { key, region, unit, usd, source, read: READ_ON, note };
}

/** Items priced the same in every region (the page gives one price), as `global` rows. */
const GLOBAL_ROWS: PriceRow[] = [
  row(KEYS.natVmHour, "global", "VM-hour", 0.0014, SOURCES.nat, "per VM using the gateway, up to 32 VMs"),
  row(KEYS.natCapHour, "global", "hour", 0.044, SOURCES.nat, "flat, for a gateway serving more than 32 VMs"),
  row(KEYS.natIpHour, "global", "hour", 0.005, SOURCES.nat, "each static or ephemeral external IP used by a NAT gateway"),
  row(KEYS.natDataGb, "global", "GiB", 0.045, SOURCES.nat, "processed, inbound and outbound; the same in all regions"),
  row(
    KEYS.gkeClusterHour,
    "global",
    "hour",
    0.1,
    SOURCES.gke,
    "every cluster; the free-tier credit ($74.40/month per billing account) covers zonal and Autopilot clusters only",
  ),
  row(KEYS.ruleFirstFiveHour, "global", "hour", 0.025, SOURCES.lbRules, "global forwarding rules: the first five of a project together"),
  row(KEYS.ruleExtraHour, "global", "hour", 0.01, SOURCES.lbRules, "global forwarding rules: each one past the first five"),
  row(KEYS.kmsKeyVersionMonth, "global", "month", 0.06, SOURCES.kms, "active AES-256 key version, SOFTWARE protection level"),
  row(KEYS.dnsZoneMonth, "global", "month", 0.2, SOURCES.dns, "managed zone (first 25 zones)"),
  row(
    KEYS.registryGbMonth,
    "global",
    "GB-month",
    0.1,
    SOURCES.artifactRegistry,
    "the golden file gives $0.10/GB in us-east1, europe-north1 and the europe multi-region alike; first 0.5 GB free not subtracted",
  ),
  row(
    KEYS.logIngestGb,
    "global",
    "GiB",
    0.5,
    SOURCES.logging,
    "one-time, includes 30 days in a log bucket; first 50 GiB per project a month free not subtracted",
  ),
  row(KEYS.logVendedGb, "global", "GiB", 0.25, SOURCES.logging, "vended network logs (VPC flow logs, firewall and Cloud NAT logs)"),
  row(KEYS.logRetentionGbMonth, "global", "GiB-month", 0.01, SOURCES.logging, "logs kept past 30 days"),
  row(KEYS.schedulerJobMonth, "global", "month", 0.1, SOURCES.scheduler, "per job; 3 free jobs per billing account not subtracted"),
  row(
    KEYS.buildMinute,
    "global",
    "build-minute",
    0.006,
    SOURCES.build,
    "default pool, e2-standard-2; 2,500 free minutes per billing account not subtracted",
  ),
];

/** Items whose price depends on the region: a row only where the page gave the region's price. */
const REGIONAL_ROWS: PriceRow[] = [
  row(
    KEYS.lbDataGb,
    "us-central1",
    "GiB",
    0.008,
    SOURCES.lbData,
    "inbound and outbound data processed by the load balancer, each direction",
  ),
  row(KEYS.storageStandardGbMonth, "us-central1", "GB-month", 0.02, SOURCES.storage, "Standard storage, Iowa (us-central1)"),
  row(
    KEYS.diskBalancedGbMonth,
    "us-central1",
    "GiB-month",
    0.1,
    SOURCES.disk,
    "zonal balanced persistent disk, Iowa: $3.00 for 30 GiB a month",
  ),
];

export function serviceRows(): PriceRow[] {
  return [...GLOBAL_ROWS, ...REGIONAL_ROWS];
}

/**
 * Items the pricers bill but no page read gave a price for, by key (and region, where a region has
 * a row and the other has none). Their pricers throw `UnpricedError` with this reason.
 */
export const SERVICE_UNPRICED: readonly { key: Key; region: "global" | "europe-west4"; reason: string }[] = [
  {
    key: KEYS.lbDataGb,
    region: "europe-west4",
    reason: "load balancer data processing in europe-west4: the pages read gave only the us-central1 rate",
  },
  {
    key: KEYS.storageStandardGbMonth,
    region: "europe-west4",
    reason: "Cloud Storage Standard in europe-west4: the stored copies of the pricing page cut off before the Netherlands row",
  },
  {
    key: KEYS.addressHour,
    region: "global",
    reason:
      "an external IPv4 address in use by a global forwarding rule: the current rate was not read (the 2020 page, quoted at https://1e100.4watcher365.dev/?p=3255, billed none)",
  },
  {
    key: KEYS.armorPolicyMonth,
    region: "global",
    reason: "Cloud Armor Standard policy, rule and request rates were not found on a page read",
  },
  {
    key: KEYS.diskBalancedGbMonth,
    region: "europe-west4",
    reason:
      "pd-balanced in europe-west4: the stored copies of the disk pricing page hold no rate table, and the calculator estimate read is for Iowa",
  },
  {
    key: KEYS.bigqueryStorageGbMonth,
    region: "global",
    reason: "BigQuery storage in us-central1 and europe-west4: the pages read give only the US multi-region ($0.020/GB-month)",
  },
  {
    key: KEYS.onlineStoreNodeHour,
    region: "global",
    reason:
      "Vertex AI Feature Store online serving node rates were not found on a page read (the Vertex AI pricing copies stop before that section)",
  },
  {
    key: KEYS.featureViewSync,
    region: "global",
    reason: "Vertex AI Feature Store data sync (feature view) rates were not found on a page read",
  },
  { key: KEYS.metadataGbMonth, region: "global", reason: "Vertex ML Metadata storage rate was not found on a page read" },
  { key: KEYS.tensorboardGbMonth, region: "global", reason: "Vertex AI TensorBoard storage rate was not found on a page read" },
  { key: KEYS.uptimeExecution, region: "global", reason: "Cloud Monitoring uptime-check execution rate was not found on a page read" },
  {
    key: KEYS.alertCondition,
    region: "global",
    reason: "Cloud Monitoring alerting rates (per condition and time series) were not found on a page read",
  },
];
