import { FlowLog } from "@pulumi/azure-native/network/flowLog";
import type { VirtualNetwork } from "@pulumi/azure-native/network/virtualNetwork";
import { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import { FlowLogFormatType } from "@pulumi/azure-native/types/enums/network";
import { Bypass, DefaultAction, KeySource, KeyType, Kind, MinimumTlsVersion } from "@pulumi/azure-native/types/enums/storage";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import type { MlopsVpcPlan } from "../plan";
import type { AzureNetwork } from "./resources";

/**
 * The virtual network's flow logs: a locked-down storage account (TLS 1.2, no shared keys, no
 * public blobs, reachable only by trusted Azure services), soft delete on its blobs, and the flow
 * log itself, which Azure keeps under the region's Network Watcher.
 */
export function provisionFlowLogs(
  plan: MlopsVpcPlan,
  ctx: ProvisionContext,
  shared: {
    resourceGroupName: pulumi.Input<string>;
    location: string;
    watcher: { name: string; resourceGroupName: string };
    virtualNetwork: VirtualNetwork;
    tags: Record<string, string>;
  },
): Required<Pick<AzureNetwork, "flowLogStorage" | "flowLogBlobService" | "flowLog">> {
  const { name } = plan;
  const o = plan.azure.overrides;
  const opts = (extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({ ...ctx.opts, ...extra });
  const { resourceGroupName, location, watcher, virtualNetwork, tags } = shared;

  const flowLogStorage = new StorageAccount(
    `${name}-flow-logs`,
    withOverrides(
      {
        resourceGroupName,
        location,
        accountName: plan.azure.flowLogStorageAccountName,
        kind: Kind.StorageV2,
        // Zone-redundant in prod: audit data survives the loss of a zone.
        sku: { name: plan.azure.flowLogStorageSku },
        minimumTlsVersion: MinimumTlsVersion.TLS1_2,
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        allowCrossTenantReplication: false,
        // Network Watcher writes over the public endpoint as a trusted Azure service, so the
        // endpoint stays up but admits nobody else.
        networkRuleSet: { defaultAction: DefaultAction.Deny, bypass: Bypass.AzureServices },
        encryption: {
          keySource: KeySource.Microsoft_Storage,
          requireInfrastructureEncryption: true,
          services: { blob: { enabled: true, keyType: KeyType.Account } },
        },
        tags,
      },
      o,
      "flowLogStorage",
    ),
    opts({ retainOnDelete: plan.retainLogs }),
  );
  // Soft delete: a deleted or overwritten flow-log blob stays recoverable for a while, as audit
  // data should.
  const flowLogBlobService = new BlobServiceProperties(
    `${name}-flow-logs`,
    {
      resourceGroupName,
      accountName: flowLogStorage.name,
      blobServicesName: "default",
      deleteRetentionPolicy: { enabled: true, days: plan.azure.flowLogSoftDeleteDays },
      containerDeleteRetentionPolicy: { enabled: true, days: plan.azure.flowLogSoftDeleteDays },
    },
    opts({ retainOnDelete: plan.retainLogs }),
  );
  // Azure keeps flow logs under the region's Network Watcher, in the watcher's resource group,
  // not in the network's.
  const flowLog = new FlowLog(
    `${name}-flow-log`,
    withOverrides(
      {
        networkWatcherName: watcher.name,
        resourceGroupName: watcher.resourceGroupName,
        location,
        targetResourceId: virtualNetwork.id,
        storageId: flowLogStorage.id,
        enabled: true,
        retentionPolicy: { days: plan.flowLogs.retentionDays, enabled: true },
        format: { type: FlowLogFormatType.JSON, version: 2 },
        tags,
      },
      o,
      "flowLog",
    ),
    opts(),
  );
  return { flowLogStorage, flowLogBlobService, flowLog };
}
