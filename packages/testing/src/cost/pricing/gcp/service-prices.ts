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
  optimizedNodeHour: "gcp:vertex:feature-online-store-optimized-node-hour",
  bigtableNodeHour: "gcp:vertex:feature-online-store-bigtable-node-hour",
  featureViewSync: "gcp:vertex:feature-view-sync",
  metadataGbMonth: "gcp:vertex:metadata-storage-gb-month",
  tensorboardGbMonth: "gcp:vertex:tensorboard-storage-gb-month",
  uptimeExecution: "gcp:monitoring:uptime-check-execution",
} as const;

type Key = (typeof KEYS)[keyof typeof KEYS];

function row(key: Key, region: string, unit: string, usd: number, source: string, note: string): PriceRow {
  return { key, region, unit, usd, source, read: READ_ON, note };
}

/** Items priced the same in every region (the page gives one price), as `global` rows. */
const GLOBAL_ROWS: PriceRow[] = [
  row(KEYS.natVmHour, "global", "VM-hour", 0.0014, SOURCES.nat, "per VM using the gateway, up to 32 VMs"),
  row(KEYS.natCapHour, "global", "hour", 0.044, SOURCES.nat, "flat, for a gateway serving more than 32 VMs"),
  row(
    KEYS.natIpHour,
    "global",
    "hour",
    0.005,
    SOURCES.natIp,
    "each static or ephemeral external IP used by a Public NAT gateway; billed by the NAT page's own table, not free as older notes say",
  ),
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
  row(
    KEYS.addressHour,
    "global",
    "hour",
    0.01,
    SOURCES.addressUnused,
    "a reserved global address no forwarding rule uses; one in use by a forwarding rule is not charged",
  ),
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
  row(
    KEYS.lbDataGb,
    "europe-west4",
    "GiB",
    0.009,
    SOURCES.lbDataNetherlands,
    "the calculator's data line for Netherlands: ($32.97 - $28.47) / 500 GiB; an estimate of 2023, the newest Netherlands rate read",
  ),
  row(KEYS.storageStandardGbMonth, "us-central1", "GB-month", 0.02, SOURCES.storage, "Standard storage, Iowa (us-central1)"),
  row(KEYS.storageStandardGbMonth, "europe-west4", "GB-month", 0.02, SOURCES.catalog, "Standard storage, Netherlands (europe-west4)"),
  row(
    KEYS.diskBalancedGbMonth,
    "us-central1",
    "GiB-month",
    0.1,
    SOURCES.disk,
    "zonal balanced persistent disk, Iowa: $3.00 for 30 GiB a month",
  ),
  row(KEYS.diskBalancedGbMonth, "europe-west4", "GiB-month", 0.11, SOURCES.catalog, "zonal balanced persistent disk, Netherlands"),
  row(
    KEYS.bigqueryStorageGbMonth,
    "us-central1",
    "GB-month",
    0.023,
    SOURCES.bigquery,
    "active logical storage, Iowa; the first 10 GiB a month free not subtracted",
  ),
  row(
    KEYS.optimizedNodeHour,
    "us-central1",
    "node-hour",
    0.3,
    SOURCES.featureStoreSkus,
    "Optimized online serving node, us-central1 (Billing Catalog SKU 565E-845D-9FC2); billed while the store exists",
  ),
];

export function serviceRows(): PriceRow[] {
  return [...GLOBAL_ROWS, ...REGIONAL_ROWS];
}

/**
 * Items the pricers bill but no page read gave a price for, by key (and region, where a region has
 * a row and the other has none). A report lists their items as not priced, with this reason.
 */
export const SERVICE_UNPRICED: readonly { key: Key; region: "global" | "europe-west4"; reason: string }[] = [
  {
    key: KEYS.armorPolicyMonth,
    region: "global",
    reason:
      "Cloud Armor Standard policy, rule and request rates: the summaries read disagree (a cost tool's note: $0.75 a policy a month and $0.75 per million requests; a 2026 guide: charges by policy scope in policy-hours, rule-hours and evaluated requests) and neither the pricing page nor a price list was read",
  },
  {
    key: KEYS.bigqueryStorageGbMonth,
    region: "europe-west4",
    reason:
      "BigQuery storage in europe-west4: the sources read give only us-central1 ($0.023/GB-month) and the US multi-region ($0.020/GB-month)",
  },
  {
    key: KEYS.optimizedNodeHour,
    region: "europe-west4",
    reason:
      "Vertex AI Feature Store Optimized online serving in europe-west4: the Billing Catalog SKU quoted is us-central1's ($0.30/node-hour) and the Vertex AI pricing copies read stop before the Feature Store section",
  },
  {
    key: KEYS.bigtableNodeHour,
    region: "global",
    reason:
      "Vertex AI Feature Store Bigtable online serving nodes: the only Billing Catalog rate read is us-east1's ($1.06/node-hour), none for us-central1 or europe-west4",
  },
  {
    key: KEYS.featureViewSync,
    region: "global",
    reason:
      "Vertex AI Feature Store data sync: the Billing Catalog has no feature view SKU (its sync is not priced on its own) and no page read says what a scheduled sync bills",
  },
  {
    key: KEYS.metadataGbMonth,
    region: "global",
    reason: "Vertex ML Metadata storage rate: the Vertex AI pricing copies read stop before that section, and no price list read quotes it",
  },
  {
    key: KEYS.tensorboardGbMonth,
    region: "global",
    reason:
      "Vertex AI TensorBoard storage rate: the Vertex AI pricing copies read stop before that section, and no price list read quotes it",
  },
  {
    key: KEYS.uptimeExecution,
    region: "global",
    reason:
      "Cloud Monitoring uptime checks: $0.30 per 1,000 executions (1 million a project a month free) was read only in notes quoting the pricing page, and how many executions a check makes each period (one per checker region, or one per check) was not read",
  },
];
