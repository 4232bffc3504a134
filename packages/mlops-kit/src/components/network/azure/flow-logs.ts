import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { FlowLog } from "@pulumi/azure-native/network/flowLog";
import { NetworkWatcher } from "@pulumi/azure-native/network/networkWatcher";
import type { VirtualNetwork } from "@pulumi/azure-native/network/virtualNetwork";
import { BlobServiceProperties } from "@pulumi/azure-native/storage/blobServiceProperties";
import { StorageAccount } from "@pulumi/azure-native/storage/storageAccount";
import { PrincipalType } from "@pulumi/azure-native/types/enums/authorization";
import { FlowLogFormatType, ResourceIdentityType } from "@pulumi/azure-native/types/enums/network";
import { Bypass, DefaultAction, KeySource, KeyType, Kind, MinimumTlsVersion } from "@pulumi/azure-native/types/enums/storage";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { accountScopedName } from "../../../core/naming";
import type { MlopsVpcPlan } from "../plan";
import type { AzureNetwork } from "./resources";

/** "Storage Blob Data Contributor": writes blobs, which is what flow-log delivery does. */
export const STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

/**
 * The flow-log storage account's name: the plan's name with its hash redone over the subscription
 * ({@link accountScopedName}). Storage account names are unique across all of Azure
 * (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftstorage),
 * so two subscriptions deploying the same project and stack would otherwise ask for the same name
 * and the second `up` would fail with StorageAccountAlreadyTaken.
 */
export function flowLogStorageAccountName(planned: string, subscriptionId: string): string {
  return accountScopedName(planned, subscriptionId);
}

interface Shared {
  plan: MlopsVpcPlan;
  o: MlopsVpcPlan["azure"]["overrides"];
  opts: (extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions;
  resourceGroupName: pulumi.Input<string>;
  location: string;
  tags: Record<string, string>;
}

type FlowLogResources = Required<
  Pick<AzureNetwork, "flowLogStorage" | "flowLogBlobService" | "flowLogIdentity" | "flowLogWriter" | "flowLog">
> &
  Pick<AzureNetwork, "networkWatcher">;

/**
 * The virtual network's flow logs, in the order of creation: a locked-down storage account (TLS
 * 1.2, no shared keys, no public blobs, reachable only by trusted Azure services) with soft delete
 * on its blobs; the identity the flow log writes with and its right to write there; the region's
 * Network Watcher when the spec asks to create it; and the flow log itself, which Azure keeps
 * under that watcher.
 */
export function provisionFlowLogs(
  plan: MlopsVpcPlan,
  ctx: ProvisionContext,
  network: { resourceGroupName: pulumi.Input<string>; location: string; virtualNetwork: VirtualNetwork; tags: Record<string, string> },
): FlowLogResources {
  const shared: Shared = {
    plan,
    o: plan.azure.overrides,
    opts: (extra = {}) => ({ ...ctx.opts, ...extra }),
    resourceGroupName: network.resourceGroupName,
    location: network.location,
    tags: network.tags,
  };
  // The subscription, from the network's id: known from the first `up` on, and the same on every later one.
  const subscriptionId = network.virtualNetwork.id.apply((id) => id.split("/")[2] ?? "");
  const { flowLogStorage, flowLogBlobService } = createFlowLogStorage(shared, subscriptionId);
  const { flowLogIdentity, flowLogWriter } = grantFlowLogWriter(shared, flowLogStorage);
  const watcher = networkWatcher(shared);
  const flowLog = createFlowLog(shared, {
    virtualNetwork: network.virtualNetwork,
    flowLogStorage,
    flowLogIdentity,
    flowLogWriter,
    watcher,
  });
  return { flowLogStorage, flowLogBlobService, flowLogIdentity, flowLogWriter, networkWatcher: watcher.resource, flowLog };
}

function createFlowLogStorage({ plan, o, opts, resourceGroupName, location, tags }: Shared, subscriptionId: pulumi.Output<string>) {
  const flowLogStorage = new StorageAccount(
    `${plan.name}-flow-logs`,
    withOverrides(
      {
        resourceGroupName,
        location,
        accountName: subscriptionId.apply((sub) => flowLogStorageAccountName(plan.azure.flowLogStorageAccountName, sub)),
        kind: Kind.StorageV2,
        // Zone-redundant in prod: audit data survives the loss of a zone.
        sku: { name: plan.azure.flowLogStorageSku },
        minimumTlsVersion: MinimumTlsVersion.TLS1_2,
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        // Flow-log delivery writes with the flow log's identity (grantFlowLogWriter), not the keys.
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
    `${plan.name}-flow-logs`,
    {
      resourceGroupName,
      accountName: flowLogStorage.name,
      blobServicesName: "default",
      deleteRetentionPolicy: { enabled: true, days: plan.azure.flowLogSoftDeleteDays },
      containerDeleteRetentionPolicy: { enabled: true, days: plan.azure.flowLogSoftDeleteDays },
    },
    opts({ retainOnDelete: plan.retainLogs }),
  );
  return { flowLogStorage, flowLogBlobService };
}

/**
 * With shared keys off, VNet flow-log delivery needs a user-assigned identity on the flow log that
 * may write blobs ("Storage Blob Data Contributor") on the account
 * (learn.microsoft.com/azure/network-watcher/vnet-flow-logs-managed-identity): granted on this
 * account only.
 */
function grantFlowLogWriter({ plan, o, opts, resourceGroupName, location, tags }: Shared, flowLogStorage: StorageAccount) {
  const flowLogIdentity = new UserAssignedIdentity(
    `${plan.name}-flow-log-identity`,
    withOverrides({ resourceGroupName, location, tags }, o, "flowLogIdentity"),
    opts(),
  );
  const flowLogWriter = new RoleAssignment(
    `${plan.name}-flow-log-writer`,
    {
      scope: flowLogStorage.id,
      roleDefinitionId: flowLogStorage.id.apply(
        (id) => `/subscriptions/${id.split("/")[2]}/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_BLOB_DATA_CONTRIBUTOR}`,
      ),
      principalId: flowLogIdentity.principalId,
      // Declared, so Azure does not look the new identity up in a directory that may not have it yet.
      principalType: PrincipalType.ServicePrincipal,
      description: `Flow logs of ${plan.name} write to their storage account`,
    },
    opts(),
  );
  return { flowLogIdentity, flowLogWriter };
}

/** The watcher that owns the flow log: the region's existing one by name, or one created here. */
function networkWatcher({ plan, o, opts, resourceGroupName, location, tags }: Shared): {
  name: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  resource: NetworkWatcher | undefined;
} {
  const ref = plan.azure.networkWatcher;
  if (ref === undefined) throw new Error(`MlopsVpc "${plan.name}": an Azure plan needs azure.networkWatcher`);
  const group = ref.resourceGroupName ?? resourceGroupName;
  if (!ref.create) return { name: ref.name, resourceGroupName: group, resource: undefined };
  const resource = new NetworkWatcher(
    `${plan.name}-network-watcher`,
    withOverrides({ resourceGroupName: group, location, networkWatcherName: ref.name, tags }, o, "networkWatcher"),
    opts(),
  );
  return { name: resource.name, resourceGroupName: group, resource };
}

function createFlowLog(
  { plan, o, opts, location, tags }: Shared,
  deps: {
    virtualNetwork: VirtualNetwork;
    flowLogStorage: StorageAccount;
    flowLogIdentity: UserAssignedIdentity;
    flowLogWriter: RoleAssignment;
    watcher: ReturnType<typeof networkWatcher>;
  },
): FlowLog {
  // Azure keeps flow logs under the region's Network Watcher, in the watcher's resource group,
  // not in the network's.
  return new FlowLog(
    `${plan.name}-flow-log`,
    withOverrides(
      {
        networkWatcherName: deps.watcher.name,
        resourceGroupName: deps.watcher.resourceGroupName,
        location,
        targetResourceId: deps.virtualNetwork.id,
        storageId: deps.flowLogStorage.id,
        identity: { type: ResourceIdentityType.UserAssigned, userAssignedIdentities: [deps.flowLogIdentity.id] },
        enabled: true,
        retentionPolicy: { days: plan.flowLogs.retentionDays, enabled: true },
        format: { type: FlowLogFormatType.JSON, version: 2 },
        tags,
      },
      o,
      "flowLog",
    ),
    // Delivery starts as soon as the flow log exists: the identity must be able to write by then.
    opts({ dependsOn: [deps.flowLogWriter] }),
  );
}
