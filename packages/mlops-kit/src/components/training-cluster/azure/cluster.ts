import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { ManagedCluster, type ManagedClusterArgs } from "@pulumi/azure-native/containerservice/managedCluster";
import { Key } from "@pulumi/azure-native/keyvault/key";
import { Vault } from "@pulumi/azure-native/keyvault/vault";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { PrincipalType } from "@pulumi/azure-native/types/enums/authorization";
import { WorkspaceSkuNameEnum } from "@pulumi/azure-native/types/enums/operationalinsights";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { accountScopedName } from "../../../core/naming";
import { azureTags } from "../../../core/tags";
import type { NetworkInfo } from "../../network/info";
import type { TrainingClusterPlan } from "../plan";

/** Built-in role ids (Azure "Azure built-in roles"). */
export const AZURE_ROLES = {
  networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
  keyVaultCryptoUser: "12338af0-0e69-4776-bea7-57ae8d297424",
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  aksRbacClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
} as const;

export function roleId(subscriptionId: pulumi.Input<string>, role: string): pulumi.Output<string> {
  return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;
}

export interface AzureScope {
  subscriptionId: pulumi.Output<string>;
  tenantId: pulumi.Output<string>;
  objectId: pulumi.Output<string>;
  resourceGroupName: pulumi.Output<string>;
  location: pulumi.Output<string>;
}

/**
 * The control plane's identity and what it needs before the cluster: Network Contributor on the
 * nodes' subnet (AKS "Use a managed identity": bring-your-own subnet) and Key Vault Crypto User on
 * the vault (AKS "KMS etcd encryption", RBAC vault).
 */
export function createControlPlaneIdentity(
  plan: TrainingClusterPlan,
  az: AzureScope,
  subnetId: pulumi.Output<string>,
  vault: Vault,
  ctx: ProvisionContext,
) {
  const identity = new UserAssignedIdentity(
    `${plan.name}-cluster`,
    { resourceGroupName: az.resourceGroupName, location: az.location, tags: azureTags(plan.tags) },
    ctx.opts,
  );
  const grant = (suffix: string, scope: pulumi.Input<string>, role: string) =>
    new RoleAssignment(
      `${plan.name}-cluster-${suffix}`,
      {
        scope,
        roleDefinitionId: roleId(az.subscriptionId, role),
        principalId: identity.principalId,
        principalType: PrincipalType.ServicePrincipal,
      },
      ctx.opts,
    );
  return {
    identity,
    grants: [grant("subnet", subnetId, AZURE_ROLES.networkContributor), grant("kms", vault.id, AZURE_ROLES.keyVaultCryptoUser)],
  };
}

/**
 * The Key Vault key that encrypts etcd (KMS). The vault is RBAC-only with purge protection; its
 * name is global and held for the soft-delete period after a delete, so it carries a hash of the
 * subscription too.
 */
export function createKey(plan: TrainingClusterPlan, az: AzureScope, ctx: ProvisionContext) {
  const keep = { ...ctx.opts, retainOnDelete: plan.deletionProtection };
  const vault = new Vault(
    `${plan.name}-kms`,
    {
      vaultName: az.subscriptionId.apply((s) => accountScopedName(plan.azure.keyVaultName, s)),
      resourceGroupName: az.resourceGroupName,
      location: az.location,
      properties: {
        tenantId: az.tenantId,
        sku: { family: "A", name: "standard" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        enablePurgeProtection: true,
        // The compliance pack keeps deleted keys the full 90 days (Key Vault's maximum), dev too: a
        // destroyed dev stack's vault name stays taken that long (README).
        softDeleteRetentionInDays: 90,
        // Public access for the KMS plugin of a cluster without API server VNet integration (AKS "KMS
        // etcd encryption", keyVaultNetworkAccess Public); every use of a key needs an RBAC role.
        publicNetworkAccess: "Enabled",
      },
      tags: azureTags(plan.tags),
    },
    keep,
  );
  const key = new Key(
    `${plan.name}-kms`,
    {
      resourceGroupName: az.resourceGroupName,
      vaultName: vault.name,
      keyName: "etcd",
      properties: { kty: "RSA", keySize: 2048, keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey"] },
      tags: azureTags(plan.tags),
    },
    keep,
  );
  return { vault, key };
}

/** Control-plane and container logs, kept `logRetentionDays`; Entra ID access only. */
export function createLogWorkspace(plan: TrainingClusterPlan, az: AzureScope, ctx: ProvisionContext): Workspace {
  return new Workspace(
    `${plan.name}-logs`,
    {
      resourceGroupName: az.resourceGroupName,
      location: az.location,
      sku: { name: WorkspaceSkuNameEnum.PerGB2018 },
      retentionInDays: plan.azure.logRetentionDays,
      features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
      tags: azureTags(plan.tags),
    },
    { ...ctx.opts, retainOnDelete: plan.deletionProtection },
  );
}

export interface ClusterDeps {
  az: AzureScope;
  network: pulumi.Output<NetworkInfo>;
  subnetId: pulumi.Output<string>;
  identity: UserAssignedIdentity;
  key: Key;
  vault: Vault;
  workspace: Workspace;
  dependsOn: pulumi.Resource[];
}

/**
 * The AKS cluster: Entra ID with Azure RBAC and local accounts off, OIDC issuer and workload
 * identity, private API server unless the spec admits CIDRs, Azure CNI overlay on the private
 * subnet going out through the network's NAT gateway, etcd encrypted with the key, Container
 * Insights to the workspace, the system pool across the network's zones.
 */
export function createCluster(plan: TrainingClusterPlan, d: ClusterDeps, ctx: ProvisionContext): ManagedCluster {
  const args: ManagedClusterArgs = {
    resourceGroupName: d.az.resourceGroupName,
    location: d.az.location,
    dnsPrefix: plan.azure.dnsPrefix,
    kubernetesVersion: plan.version,
    identity: { type: "UserAssigned", userAssignedIdentities: [d.identity.id] },
    aadProfile: { managed: true, enableAzureRBAC: true, tenantID: d.az.tenantId },
    disableLocalAccounts: true,
    enableRBAC: true,
    oidcIssuerProfile: { enabled: true },
    securityProfile: {
      workloadIdentity: { enabled: true },
      azureKeyVaultKms: { enabled: true, keyId: d.key.keyUriWithVersion, keyVaultNetworkAccess: "Public" },
    },
    apiServerAccessProfile: plan.endpoint.public
      ? { authorizedIPRanges: plan.endpoint.authorizedCidrs }
      : { enablePrivateCluster: true, privateDNSZone: "system" },
    networkProfile: {
      networkPlugin: "azure",
      networkPluginMode: "overlay",
      networkPolicy: "cilium",
      networkDataplane: "cilium",
      podCidr: plan.azure.podCidr,
      serviceCidr: plan.azure.serviceCidr,
      dnsServiceIP: plan.azure.dnsServiceIp,
      outboundType: "userAssignedNATGateway",
    },
    agentPoolProfiles: [
      {
        name: "system",
        mode: "System",
        // AKS upgrades only the control plane when kubernetesVersion changes (AKS changelog
        // 2022-03-27; Azure/AKS #2905): each pool follows through its own orchestratorVersion. A
        // <major.minor> here keeps the patch to the auto-upgrade channel.
        orchestratorVersion: plan.version,
        vmSize: plan.system.machineType,
        count: plan.system.count,
        osType: "Linux",
        osDiskSizeGB: plan.system.diskGiB,
        osDiskType: "Managed",
        vnetSubnetID: d.subnetId,
        availabilityZones: d.network.zones,
        nodeLabels: { "mlops-kit/pool": "system" },
      },
    ],
    addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: d.workspace.id, useAADAuth: "true" } } },
    autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
    sku: { name: "Base", tier: plan.profile === "prod" ? "Standard" : "Free" },
    tags: azureTags(plan.tags),
  };
  return new ManagedCluster(`${plan.name}`, withOverrides(args, plan.azure.overrides, "cluster"), {
    ...ctx.opts,
    dependsOn: d.dependsOn,
    retainOnDelete: plan.deletionProtection,
    // AKS has no deletion protection of its own: in prod Pulumi refuses to delete the cluster.
    protect: plan.deletionProtection,
  });
}

/**
 * AKS's control-plane log categories (AKS "Monitor AKS", resource logs): the API server, audit of
 * every request that changes something (`kube-audit-admin`; `kube-audit` adds every read), the
 * controller manager, scheduler, cluster autoscaler and Entra ID webhook (`guard`). AKS sends none
 * of them anywhere until a diagnostic setting asks; Container Insights carries node and pod logs only.
 */
export const AKS_CONTROL_PLANE_LOGS = [
  "kube-apiserver",
  "kube-audit-admin",
  "kube-controller-manager",
  "kube-scheduler",
  "cluster-autoscaler",
  "guard",
] as const;

/** The control-plane logs to the workspace, in resource-specific tables, kept `logRetentionDays`. */
export function createControlPlaneLogs(plan: TrainingClusterPlan, cluster: ManagedCluster, workspace: Workspace, ctx: ProvisionContext) {
  return new DiagnosticSetting(
    `${plan.name}-control-plane`,
    {
      resourceUri: cluster.id,
      workspaceId: workspace.id,
      logAnalyticsDestinationType: "Dedicated",
      logs: AKS_CONTROL_PLANE_LOGS.map((category) => ({ category, enabled: true })),
    },
    ctx.opts,
  );
}
