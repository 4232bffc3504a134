import type { CloudPricing } from "../../types";
import { priceAgentPool, priceManagedCluster, priceScaleSet } from "./compute";
import { priceKey, priceMlWorkspace, priceRedis, priceRegistry, priceStorageAccount } from "./data";
import { AZURE_FREE } from "./free";
import { priceLogAlert, priceLogWorkspace, priceMetricAlert, priceWebTest } from "./monitor";
import { priceApplicationGateway, priceFlowLog, priceNatGateway, pricePrivateEndpoint, pricePrivateZone, pricePublicIp } from "./network";
import { AZURE_PRICES, AZURE_TABLE } from "./prices";

/** How the Azure resource types of the reference stacks are billed, and the prices. */
export const AZURE_PRICING: CloudPricing = {
  cloud: "azure",
  pricers: {
    "azure-native:compute:VirtualMachineScaleSet": priceScaleSet,
    "azure-native:containerservice:ManagedCluster": priceManagedCluster,
    "azure-native:containerservice:AgentPool": priceAgentPool,
    "azure-native:network:NatGateway": priceNatGateway,
    "azure-native:network:PublicIPAddress": pricePublicIp,
    "azure-native:network:PrivateEndpoint": pricePrivateEndpoint,
    "azure-native:network:ApplicationGateway": priceApplicationGateway,
    "azure-native:network:FlowLog": priceFlowLog,
    "azure-native:privatedns:PrivateZone": pricePrivateZone,
    "azure-native:redis:Redis": priceRedis,
    "azure-native:containerregistry:Registry": priceRegistry,
    "azure-native:storage:StorageAccount": priceStorageAccount,
    "azure-native:keyvault:Key": priceKey,
    "azure-native:machinelearningservices:Workspace": priceMlWorkspace,
    "azure-native:operationalinsights:Workspace": priceLogWorkspace,
    "azure-native:applicationinsights:WebTest": priceWebTest,
    "azure-native:monitor:MetricAlert": priceMetricAlert,
    "azure-native:monitor:ScheduledQueryRule": priceLogAlert,
  },
  free: AZURE_FREE,
  prices: AZURE_PRICES,
  missing: AZURE_TABLE.missing,
};

export { NOT_OFFERED, UNSOURCED_PRICES } from "./prices";
