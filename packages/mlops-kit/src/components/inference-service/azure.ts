import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { VirtualMachineScaleSet, type VirtualMachineScaleSetArgs } from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import { UserAssignedIdentity, type UserAssignedIdentityArgs } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { AutoscaleSetting, type AutoscaleSettingArgs } from "@pulumi/azure-native/monitor/autoscaleSetting";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import { ApplicationGateway, type ApplicationGatewayArgs } from "@pulumi/azure-native/network/applicationGateway";
import { ApplicationSecurityGroup } from "@pulumi/azure-native/network/applicationSecurityGroup";
import { PublicIPAddress, type PublicIPAddressArgs } from "@pulumi/azure-native/network/publicIPAddress";
import { SecurityRule, type SecurityRuleArgs } from "@pulumi/azure-native/network/securityRule";
import { WebApplicationFirewallPolicy } from "@pulumi/azure-native/network/webApplicationFirewallPolicy";
import { Workspace, type WorkspaceArgs } from "@pulumi/azure-native/operationalinsights/workspace";
import { PrincipalType } from "@pulumi/azure-native/types/enums/authorization";
import {
  CachingTypes,
  ResourceIdentityType as ComputeResourceIdentityType,
  DeleteOptions,
  DiskCreateOptionTypes,
  DiskDeleteOptionTypes,
  NetworkApiVersion,
  OrchestrationMode,
  RepairAction,
  StorageAccountTypes,
  UpgradeMode,
  VirtualMachineEvictionPolicyTypes,
  VirtualMachinePriorityTypes,
} from "@pulumi/azure-native/types/enums/compute";
import {
  ApplicationGatewaySkuName,
  ApplicationGatewayTier,
  IPAllocationMethod,
  IPVersion,
  ResourceIdentityType as NetworkResourceIdentityType,
  PublicIPAddressSkuName,
  PublicIPAddressSkuTier,
  SecurityRuleAccess,
  SecurityRuleDirection,
  SecurityRuleProtocol,
  WebApplicationFirewallEnabledState,
  WebApplicationFirewallMode,
} from "@pulumi/azure-native/types/enums/network";
import { WorkspaceSkuNameEnum } from "@pulumi/azure-native/types/enums/operationalinsights";
import type * as types from "@pulumi/azure-native/types/input";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../core/backend";
import { SpecError } from "../../core/errors";
import { azureTags } from "../../core/tags";
import { renderCloudConfig } from "./azure-boot";
import { BACKEND_POOL, gatewayLayout, gatewayPartId, privateFrontendAddress, servedProtocols } from "./azure-gateway";
import { networkFacts, subscriptionOf } from "./azure-network";
import {
  ADMIN_USERNAME,
  autoscaleRules,
  computerNamePrefix,
  NO_LOGIN_PUBLIC_KEY,
  repairGracePeriod,
  rollingUpgradePolicy,
  scaleSetExtensions,
  UBUNTU_IMAGE,
} from "./azure-settings";
import type { ServiceInputs, ServiceResult } from "./component";
import type { InferenceServicePlan } from "./plan";

/**
 * The Azure resources of an {@link InferenceService} (the escape hatch): an Application Gateway v2
 * with a web application firewall, in the network's gateway subnet, in front of a VM scale set in
 * its private subnet, each instance running the model's container.
 *
 * What Azure does not offer, and so is not here: managed certificates on Application Gateway
 * (`loadBalancer.tls.domain`; give a Key Vault `certificateId`), any algorithm but round robin, and
 * a lifetime for the affinity cookie (Application Gateway's is a session cookie, so
 * `stickiness.durationSeconds` has no effect).
 */
export interface AzureInferenceService {
  /** The instances' identity (pulls from an Azure Container Registry it is granted AcrPull on). */
  identity: UserAssignedIdentity;
  /** The gateway's identity: reads the TLS certificate from Key Vault, and nothing else. */
  gatewayIdentity: UserAssignedIdentity;
  /** Present when `azure.keyVaultId` is given: "Key Vault Secrets User" for the gateway on that vault. */
  keyVaultAccess?: RoleAssignment;
  /** The gateway's web application firewall policy: the Default Rule Set, in prevention mode. */
  firewallPolicy: WebApplicationFirewallPolicy;
  /** The gateway's public frontend (also its management endpoint when the scheme is internal). */
  publicIp: PublicIPAddress;
  applicationGateway: ApplicationGateway;
  /** The instances' NICs, so the rules below reach this service's instances and no others. */
  applicationSecurityGroup: ApplicationSecurityGroup;
  /** The rules this service adds to the network's security groups. */
  securityRules: {
    /** Gateway subnet: `loadBalancer.allowedCidrs` on 443 (and 80). */
    clients: SecurityRule;
    /** Private subnet: the gateway subnet to the container's port on this service's instances. */
    fromGateway: SecurityRule;
    /** Private subnet: the rest of the network to that port, refused. */
    fromNetwork: SecurityRule;
  };
  scaleSet: VirtualMachineScaleSet;
  autoscale: AutoscaleSetting;
  /** Present when access logs are on. */
  logWorkspace?: Workspace;
  /** Present when access logs are on: the gateway's access, performance and firewall logs into the workspace. */
  accessLogs?: DiagnosticSetting;
}

const TYPE = "InferenceService";

/** "Key Vault Secrets User": reads secret contents, which is how Application Gateway fetches certificates. */
export const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

export function provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult {
  const o = plan.azure.overrides;
  const tags = azureTags(plan.tags);
  const opts = (extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({ ...ctx.opts, ...extra });
  const lb = plan.loadBalancer;
  const port = plan.container.port;

  const info = networkFacts(plan.name, inputs.network);
  const resourceGroupName = info.resourceGroupName;
  const location = info.location;
  const zones = info.zones;

  const identity = new UserAssignedIdentity(
    `${plan.name}-identity`,
    withOverrides<UserAssignedIdentityArgs>({ resourceGroupName, location, tags }, o, "identity"),
    opts(),
  );
  // Separate from the instances' identity: only the gateway may read the vault's secrets.
  const gatewayIdentity = new UserAssignedIdentity(
    `${plan.name}-gateway-identity`,
    withOverrides<UserAssignedIdentityArgs>({ resourceGroupName, location, tags }, o, "identity"),
    opts(),
  );

  let keyVaultAccess: RoleAssignment | undefined;
  if (inputs.keyVaultId !== undefined && lb.tls.mode === "certificate") {
    const keyVaultId = pulumi.output(inputs.keyVaultId);
    keyVaultAccess = new RoleAssignment(
      `${plan.name}-key-vault-secrets`,
      {
        scope: keyVaultId,
        roleDefinitionId: keyVaultId.apply(
          (id) =>
            `/subscriptions/${subscriptionOf(plan.name, "azure.keyVaultId", id)}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
        ),
        principalId: gatewayIdentity.principalId,
        // Declared, so Azure does not look the new identity up in a directory that may not have it yet.
        principalType: PrincipalType.ServicePrincipal,
        description: `Application Gateway of ${plan.name} reads its TLS certificate`,
      },
      opts(),
    );
  }

  const firewallPolicy = new WebApplicationFirewallPolicy(
    `${plan.name}-waf`,
    {
      resourceGroupName,
      location,
      policySettings: {
        state: WebApplicationFirewallEnabledState.Enabled,
        mode: WebApplicationFirewallMode.Prevention,
        requestBodyCheck: true,
        // Bodies up to 2 MB (the most the Default Rule Set's engine takes) pass; larger ones are
        // refused rather than let through uninspected. A service with larger payloads points the
        // gateway at its own policy (the applicationGateway override's `firewallPolicy`).
        requestBodyEnforcement: true,
        maxRequestBodySizeInKb: 2000,
        requestBodyInspectLimitInKB: 128,
      },
      managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }] },
      tags,
    },
    opts(),
  );

  // Application Gateway v2 needs a public frontend even when it serves only a private one: its
  // control plane reaches it there (unless the subscription has Application Gateway network
  // isolation, where the applicationGateway override can drop it). With an internal scheme no
  // listener is bound to it, so it answers nothing.
  const publicIp = new PublicIPAddress(
    `${plan.name}-ip`,
    withOverrides<PublicIPAddressArgs>(
      {
        resourceGroupName,
        location,
        sku: { name: PublicIPAddressSkuName.Standard, tier: PublicIPAddressSkuTier.Regional },
        publicIPAllocationMethod: IPAllocationMethod.Static,
        publicIPAddressVersion: IPVersion.IPv4,
        zones,
        tags,
      },
      o,
      "publicIp",
    ),
    opts({ protect: lb.deletionProtection }),
  );

  const gateway = pulumi.all([info.subscriptionId, info.resourceGroupName]).apply(([subscriptionId, group]) => ({
    subscriptionId,
    resourceGroupName: group,
    name: plan.azure.gatewayName,
  }));
  const layout = gatewayLayout(plan, (kind, part) => gateway.apply((g) => gatewayPartId(g, kind, part)));
  const served = servedProtocols(plan);

  const privateFrontendIp = info.gatewaySubnetCidr.apply((c) => privateFrontendAddress(c, plan.azure.privateFrontendSeed));
  const frontendIPConfigurations: types.network.ApplicationGatewayFrontendIPConfigurationArgs[] = [
    { name: "public", publicIPAddress: { id: publicIp.id } },
  ];
  if (lb.scheme === "internal") {
    // Application Gateway v2 takes only a static private frontend address.
    frontendIPConfigurations.push({
      name: "private",
      subnet: { id: info.gatewaySubnetId },
      privateIPAllocationMethod: IPAllocationMethod.Static,
      privateIPAddress: privateFrontendIp,
    });
  }

  const certificateId = inputs.certificateId;
  if (served.https && certificateId === undefined)
    throw new Error(`${TYPE} "${plan.name}": the plan asks for a certificate without a certificateId`);
  const capacity = plan.azure.gatewayCapacity;
  const applicationGateway = new ApplicationGateway(
    `${plan.name}-gateway`,
    withOverrides<ApplicationGatewayArgs>(
      {
        resourceGroupName,
        location,
        applicationGatewayName: plan.azure.gatewayName,
        sku: { name: ApplicationGatewaySkuName.WAF_v2, tier: ApplicationGatewayTier.WAF_v2 },
        autoscaleConfiguration: { minCapacity: capacity.min, maxCapacity: capacity.max },
        zones,
        enableHttp2: true,
        firewallPolicy: { id: firewallPolicy.id },
        identity: { type: NetworkResourceIdentityType.UserAssigned, userAssignedIdentities: [gatewayIdentity.id] },
        gatewayIPConfigurations: [{ name: "gateway", subnet: { id: info.gatewaySubnetId } }],
        frontendIPConfigurations,
        frontendPorts: layout.frontendPorts,
        // Application Gateway fetches the certificate with its identity, and again when the
        // secret gets a new version if the id has none.
        sslCertificates: served.https ? [{ name: "tls", keyVaultSecretId: certificateId }] : undefined,
        sslPolicy: layout.sslPolicy,
        httpListeners: layout.httpListeners,
        redirectConfigurations: layout.redirectConfigurations,
        requestRoutingRules: layout.requestRoutingRules,
        backendAddressPools: layout.backendAddressPools,
        backendHttpSettingsCollection: layout.backendHttpSettingsCollection,
        probes: layout.probes,
        tags,
      },
      o,
      "applicationGateway",
    ),
    // Without read access to the vault the gateway fails to create.
    opts({ protect: lb.deletionProtection, dependsOn: keyVaultAccess ? [keyVaultAccess] : [] }),
  );

  const applicationSecurityGroup = new ApplicationSecurityGroup(`${plan.name}-instances`, { resourceGroupName, location, tags }, opts());

  // These rules go into the network's own groups, as standalone resources beside the MlopsVpc's,
  // so neither removes the other's. Each service takes a priority slot by its name, in the band
  // the network leaves free; Azure takes one write per group at a time, so a group's rules here go
  // one after another.
  const priority = plan.azure.rulePriority;
  const ruleArgs = (args: Omit<SecurityRuleArgs, "resourceGroupName" | "sourcePortRange">): SecurityRuleArgs =>
    withOverrides<SecurityRuleArgs>({ resourceGroupName, sourcePortRange: "*", ...args }, o, "securityRule");
  const clientPorts = [...(served.https ? ["443"] : []), ...(served.http ? ["80"] : [])];
  const clients = new SecurityRule(
    `${plan.name}-allow-clients`,
    ruleArgs({
      networkSecurityGroupName: info.securityGroupNames.apply((n) => n.gateway),
      securityRuleName: `${plan.name}-allow-clients`,
      description: `Clients of ${plan.name}`,
      priority,
      direction: SecurityRuleDirection.Inbound,
      access: SecurityRuleAccess.Allow,
      protocol: SecurityRuleProtocol.Tcp,
      sourceAddressPrefixes: inputs.allowedCidrs,
      destinationAddressPrefix: "*",
      destinationPortRanges: clientPorts,
    }),
    opts(),
  );
  const toInstances = {
    networkSecurityGroupName: info.securityGroupNames.apply((n) => n.private),
    direction: SecurityRuleDirection.Inbound,
    protocol: SecurityRuleProtocol.Tcp,
    destinationApplicationSecurityGroups: [{ id: applicationSecurityGroup.id }],
    destinationPortRange: String(port),
  };
  const fromGateway = new SecurityRule(
    `${plan.name}-allow-gateway`,
    ruleArgs({
      ...toInstances,
      securityRuleName: `${plan.name}-allow-gateway`,
      description: `Application Gateway to the model server of ${plan.name}`,
      priority,
      access: SecurityRuleAccess.Allow,
      sourceAddressPrefix: info.gatewaySubnetCidr,
    }),
    opts(),
  );
  // Azure's default rules admit the whole virtual network; on this port only the gateway may come in.
  const fromNetwork = new SecurityRule(
    `${plan.name}-deny-network`,
    ruleArgs({
      ...toInstances,
      securityRuleName: `${plan.name}-deny-network`,
      description: `Only the Application Gateway reaches the model server of ${plan.name}`,
      priority: priority + 1,
      access: SecurityRuleAccess.Deny,
      sourceAddressPrefix: "VirtualNetwork",
    }),
    opts({ dependsOn: [fromGateway] }),
  );

  const gpu = plan.compute.gpu;
  const customData = pulumi
    .all([pulumi.output(inputs.image), pulumi.output(inputs.env), identity.clientId])
    .apply(([image, env, clientId]) =>
      Buffer.from(
        renderCloudConfig({ ...plan.container, image, env, gpu: gpu !== undefined, identityClientId: clientId }),
        "utf8",
      ).toString("base64"),
    );

  // Application Gateway's backend pool is a part of the gateway: naming it through the gateway's
  // id makes the scale set wait for the gateway.
  const backendPoolId = pulumi.interpolate`${applicationGateway.id}/backendAddressPools/${BACKEND_POOL}`;
  const privateSubnetId = inputs.network.subnetIds.private.apply((ids) => {
    const id = ids[0];
    if (id === undefined)
      throw new SpecError(TYPE, plan.name, [{ path: "network", message: "has no private subnet to place the instances in" }]);
    return id;
  });

  const spot = plan.spot.enabled;
  const rolling = rollingUpgradePolicy(plan);
  const scaleSet = new VirtualMachineScaleSet(
    `${plan.name}-scale-set`,
    withOverrides<VirtualMachineScaleSetArgs>(
      {
        resourceGroupName,
        location,
        // Flexible: Microsoft's mode for new scale sets, and the one that keeps `spot.onDemandBase`
        // instances on regular priority inside one set (priorityMixPolicy). Application Gateway
        // pools, the health extension, automatic repairs and rolling upgrades all work with it.
        orchestrationMode: OrchestrationMode.Flexible,
        // Spread across zones, one fault domain per zone (what Flexible requires with zones).
        platformFaultDomainCount: 1,
        zones,
        sku: { name: plan.compute.machineType, tier: "Standard", capacity: plan.scaling.min },
        identity: { type: ComputeResourceIdentityType.UserAssigned, userAssignedIdentities: [identity.id] },
        upgradePolicy: { mode: UpgradeMode.Rolling, rollingUpgradePolicy: rolling },
        automaticRepairsPolicy: {
          enabled: true,
          gracePeriod: repairGracePeriod(plan),
          repairAction: RepairAction.Replace,
        },
        priorityMixPolicy: spot ? { baseRegularPriorityCount: plan.spot.onDemandBase, regularPriorityPercentageAboveBase: 0 } : undefined,
        virtualMachineProfile: {
          osProfile: {
            computerNamePrefix: computerNamePrefix(plan.name),
            adminUsername: ADMIN_USERNAME,
            customData,
            linuxConfiguration: {
              disablePasswordAuthentication: true,
              provisionVMAgent: true,
              ssh: { publicKeys: [{ path: `/home/${ADMIN_USERNAME}/.ssh/authorized_keys`, keyData: NO_LOGIN_PUBLIC_KEY }] },
            },
          },
          storageProfile: {
            imageReference: { ...UBUNTU_IMAGE },
            osDisk: {
              createOption: DiskCreateOptionTypes.FromImage,
              caching: CachingTypes.ReadWrite,
              diskSizeGB: plan.diskGiB,
              managedDisk: { storageAccountType: StorageAccountTypes.Premium_LRS },
              deleteOption: DiskDeleteOptionTypes.Delete,
            },
          },
          // Encrypts the temp disk and caches too, which storage-side encryption leaves out.
          securityProfile: { encryptionAtHost: true },
          // Console output in Azure-managed storage: how to see why an instance never turned healthy.
          diagnosticsProfile: { bootDiagnostics: { enabled: true } },
          networkProfile: {
            networkApiVersion: NetworkApiVersion.NetworkApiVersion_2020_11_01,
            networkInterfaceConfigurations: [
              {
                name: "nic",
                primary: true,
                deleteOption: DeleteOptions.Delete,
                ipConfigurations: [
                  {
                    name: "ip",
                    primary: true,
                    subnet: { id: privateSubnetId },
                    // No publicIPAddressConfiguration: no public IP. Egress goes through the
                    // network's NAT gateway; ingress only through the Application Gateway.
                    applicationGatewayBackendAddressPools: [{ id: backendPoolId }],
                    applicationSecurityGroups: [{ id: applicationSecurityGroup.id }],
                  },
                ],
              },
            ],
          },
          extensionProfile: { extensions: scaleSetExtensions(plan) },
          ...(spot
            ? {
                priority: VirtualMachinePriorityTypes.Spot,
                // An evicted instance goes away; the scale set recreates it when capacity returns.
                evictionPolicy: VirtualMachineEvictionPolicyTypes.Delete,
                // Pay up to the on-demand price: evicted for capacity, never for price.
                billingProfile: { maxPrice: -1 },
              }
            : {}),
        },
        tags,
      },
      o,
      "scaleSet",
    ),
    // The autoscale setting owns the instance count once the set exists; the rules must be in
    // place before instances take traffic from the gateway.
    opts({ ignoreChanges: ["sku.capacity"], dependsOn: [fromGateway, fromNetwork] }),
  );

  const autoscale = new AutoscaleSetting(
    `${plan.name}-autoscale`,
    withOverrides<AutoscaleSettingArgs>(
      {
        resourceGroupName,
        location,
        enabled: true,
        targetResourceUri: scaleSet.id,
        profiles: [
          {
            name: "default",
            capacity: { minimum: String(plan.scaling.min), maximum: String(plan.scaling.max), default: String(plan.scaling.min) },
            rules: autoscaleRules(plan, scaleSet.id, applicationGateway.id),
          },
        ],
        tags,
      },
      o,
      "autoscale",
    ),
    opts(),
  );

  let logWorkspace: Workspace | undefined;
  let accessLogs: DiagnosticSetting | undefined;
  if (lb.accessLogs.enabled) {
    logWorkspace = new Workspace(
      `${plan.name}-logs`,
      withOverrides<WorkspaceArgs>(
        {
          resourceGroupName,
          location,
          sku: { name: WorkspaceSkuNameEnum.PerGB2018 },
          retentionInDays: plan.azure.logRetentionDays,
          // Entra ID only: no shared keys to leak, and readers need rights on the gateway itself.
          features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
          tags,
        },
        o,
        "logWorkspace",
      ),
      opts({ retainOnDelete: plan.retainLogs }),
    );
    accessLogs = new DiagnosticSetting(
      `${plan.name}-access-logs`,
      {
        resourceUri: applicationGateway.id,
        workspaceId: logWorkspace.id,
        // One table per category (AGWAccessLogs, ...) instead of the shared AzureDiagnostics.
        logAnalyticsDestinationType: "Dedicated",
        logs: ["ApplicationGatewayAccessLog", "ApplicationGatewayPerformanceLog", "ApplicationGatewayFirewallLog"].map((category) => ({
          category,
          enabled: true,
        })),
        metrics: [{ category: "AllMetrics", enabled: true }],
      },
      opts(),
    );
  }

  const address = lb.scheme === "public" ? publicIp.ipAddress.apply((ip) => ip ?? "") : privateFrontendIp;
  const scheme = served.https ? "https" : "http";
  const host = lb.tls.domain !== undefined ? pulumi.output(lb.tls.domain) : address;

  return {
    cloud: "azure",
    url: pulumi.interpolate`${scheme}://${host}`,
    address,
    loadBalancerId: applicationGateway.id,
    scalingGroupId: scaleSet.id,
    resources: {
      identity,
      gatewayIdentity,
      keyVaultAccess,
      firewallPolicy,
      publicIp,
      applicationGateway,
      applicationSecurityGroup,
      securityRules: { clients, fromGateway, fromNetwork },
      scaleSet,
      autoscale,
      logWorkspace,
      accessLogs,
    },
  };
}

declare module "./component" {
  /** Types the `.azure` escape hatch for programs that import `mlops-kit/azure`. */
  interface InferenceServiceCloudResources {
    azure: AzureInferenceService;
  }
}
