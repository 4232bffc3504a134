import * as authorization from "@pulumi/azure-native/authorization";
import * as compute from "@pulumi/azure-native/compute";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
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
  identity: managedidentity.UserAssignedIdentity;
  /** The gateway's identity: reads the TLS certificate from Key Vault, and nothing else. */
  gatewayIdentity: managedidentity.UserAssignedIdentity;
  /** Present when `azure.keyVaultId` is given: "Key Vault Secrets User" for the gateway on that vault. */
  keyVaultAccess?: authorization.RoleAssignment;
  /** The gateway's web application firewall policy: the Default Rule Set, in prevention mode. */
  firewallPolicy: network.WebApplicationFirewallPolicy;
  /** The gateway's public frontend (also its management endpoint when the scheme is internal). */
  publicIp: network.PublicIPAddress;
  applicationGateway: network.ApplicationGateway;
  /** The instances' NICs, so the rules below reach this service's instances and no others. */
  applicationSecurityGroup: network.ApplicationSecurityGroup;
  /** The rules this service adds to the network's security groups. */
  securityRules: {
    /** Gateway subnet: `loadBalancer.allowedCidrs` on 443 (and 80). */
    clients: network.SecurityRule;
    /** Private subnet: the gateway subnet to the container's port on this service's instances. */
    fromGateway: network.SecurityRule;
    /** Private subnet: the rest of the network to that port, refused. */
    fromNetwork: network.SecurityRule;
  };
  scaleSet: compute.VirtualMachineScaleSet;
  autoscale: monitor.AutoscaleSetting;
  /** Present when access logs are on. */
  logWorkspace?: operationalinsights.Workspace;
  /** Present when access logs are on: the gateway's access, performance and firewall logs into the workspace. */
  accessLogs?: monitor.DiagnosticSetting;
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

  const identity = new managedidentity.UserAssignedIdentity(
    `${plan.name}-identity`,
    withOverrides<managedidentity.UserAssignedIdentityArgs>({ resourceGroupName, location, tags }, o, "identity"),
    opts(),
  );
  // Separate from the instances' identity: only the gateway may read the vault's secrets.
  const gatewayIdentity = new managedidentity.UserAssignedIdentity(
    `${plan.name}-gateway-identity`,
    withOverrides<managedidentity.UserAssignedIdentityArgs>({ resourceGroupName, location, tags }, o, "identity"),
    opts(),
  );

  let keyVaultAccess: authorization.RoleAssignment | undefined;
  if (inputs.keyVaultId !== undefined && lb.tls.mode === "certificate") {
    const keyVaultId = pulumi.output(inputs.keyVaultId);
    keyVaultAccess = new authorization.RoleAssignment(
      `${plan.name}-key-vault-secrets`,
      {
        scope: keyVaultId,
        roleDefinitionId: keyVaultId.apply(
          (id) =>
            `/subscriptions/${subscriptionOf(plan.name, "azure.keyVaultId", id)}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER}`,
        ),
        principalId: gatewayIdentity.principalId,
        // Declared, so Azure does not look the new identity up in a directory that may not have it yet.
        principalType: authorization.PrincipalType.ServicePrincipal,
        description: `Application Gateway of ${plan.name} reads its TLS certificate`,
      },
      opts(),
    );
  }

  const firewallPolicy = new network.WebApplicationFirewallPolicy(
    `${plan.name}-waf`,
    {
      resourceGroupName,
      location,
      policySettings: {
        state: network.WebApplicationFirewallEnabledState.Enabled,
        mode: network.WebApplicationFirewallMode.Prevention,
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
  const publicIp = new network.PublicIPAddress(
    `${plan.name}-ip`,
    withOverrides<network.PublicIPAddressArgs>(
      {
        resourceGroupName,
        location,
        sku: { name: network.PublicIPAddressSkuName.Standard, tier: network.PublicIPAddressSkuTier.Regional },
        publicIPAllocationMethod: network.IPAllocationMethod.Static,
        publicIPAddressVersion: network.IPVersion.IPv4,
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
      privateIPAllocationMethod: network.IPAllocationMethod.Static,
      privateIPAddress: privateFrontendIp,
    });
  }

  const certificateId = inputs.certificateId;
  if (served.https && certificateId === undefined)
    throw new Error(`${TYPE} "${plan.name}": the plan asks for a certificate without a certificateId`);
  const capacity = plan.azure.gatewayCapacity;
  const applicationGateway = new network.ApplicationGateway(
    `${plan.name}-gateway`,
    withOverrides<network.ApplicationGatewayArgs>(
      {
        resourceGroupName,
        location,
        applicationGatewayName: plan.azure.gatewayName,
        sku: { name: network.ApplicationGatewaySkuName.WAF_v2, tier: network.ApplicationGatewayTier.WAF_v2 },
        autoscaleConfiguration: { minCapacity: capacity.min, maxCapacity: capacity.max },
        zones,
        enableHttp2: true,
        firewallPolicy: { id: firewallPolicy.id },
        identity: { type: network.ResourceIdentityType.UserAssigned, userAssignedIdentities: [gatewayIdentity.id] },
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

  const applicationSecurityGroup = new network.ApplicationSecurityGroup(
    `${plan.name}-instances`,
    { resourceGroupName, location, tags },
    opts(),
  );

  // These rules go into the network's own groups, as standalone resources beside the MlopsVpc's,
  // so neither removes the other's. Each service takes a priority slot by its name, in the band
  // the network leaves free; Azure takes one write per group at a time, so a group's rules here go
  // one after another.
  const priority = plan.azure.rulePriority;
  const ruleArgs = (args: Omit<network.SecurityRuleArgs, "resourceGroupName" | "sourcePortRange">): network.SecurityRuleArgs =>
    withOverrides<network.SecurityRuleArgs>({ resourceGroupName, sourcePortRange: "*", ...args }, o, "securityRule");
  const clientPorts = [...(served.https ? ["443"] : []), ...(served.http ? ["80"] : [])];
  const clients = new network.SecurityRule(
    `${plan.name}-allow-clients`,
    ruleArgs({
      networkSecurityGroupName: info.securityGroupNames.apply((n) => n.gateway),
      securityRuleName: `${plan.name}-allow-clients`,
      description: `Clients of ${plan.name}`,
      priority,
      direction: network.SecurityRuleDirection.Inbound,
      access: network.SecurityRuleAccess.Allow,
      protocol: network.SecurityRuleProtocol.Tcp,
      sourceAddressPrefixes: inputs.allowedCidrs,
      destinationAddressPrefix: "*",
      destinationPortRanges: clientPorts,
    }),
    opts(),
  );
  const toInstances = {
    networkSecurityGroupName: info.securityGroupNames.apply((n) => n.private),
    direction: network.SecurityRuleDirection.Inbound,
    protocol: network.SecurityRuleProtocol.Tcp,
    destinationApplicationSecurityGroups: [{ id: applicationSecurityGroup.id }],
    destinationPortRange: String(port),
  };
  const fromGateway = new network.SecurityRule(
    `${plan.name}-allow-gateway`,
    ruleArgs({
      ...toInstances,
      securityRuleName: `${plan.name}-allow-gateway`,
      description: `Application Gateway to the model server of ${plan.name}`,
      priority,
      access: network.SecurityRuleAccess.Allow,
      sourceAddressPrefix: info.gatewaySubnetCidr,
    }),
    opts(),
  );
  // Azure's default rules admit the whole virtual network; on this port only the gateway may come in.
  const fromNetwork = new network.SecurityRule(
    `${plan.name}-deny-network`,
    ruleArgs({
      ...toInstances,
      securityRuleName: `${plan.name}-deny-network`,
      description: `Only the Application Gateway reaches the model server of ${plan.name}`,
      priority: priority + 1,
      access: network.SecurityRuleAccess.Deny,
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
  const scaleSet = new compute.VirtualMachineScaleSet(
    `${plan.name}-scale-set`,
    withOverrides<compute.VirtualMachineScaleSetArgs>(
      {
        resourceGroupName,
        location,
        // Flexible: Microsoft's mode for new scale sets, and the one that keeps `spot.onDemandBase`
        // instances on regular priority inside one set (priorityMixPolicy). Application Gateway
        // pools, the health extension, automatic repairs and rolling upgrades all work with it.
        orchestrationMode: compute.OrchestrationMode.Flexible,
        // Spread across zones, one fault domain per zone (what Flexible requires with zones).
        platformFaultDomainCount: 1,
        zones,
        sku: { name: plan.compute.machineType, tier: "Standard", capacity: plan.scaling.min },
        identity: { type: compute.ResourceIdentityType.UserAssigned, userAssignedIdentities: [identity.id] },
        upgradePolicy: { mode: compute.UpgradeMode.Rolling, rollingUpgradePolicy: rolling },
        automaticRepairsPolicy: {
          enabled: true,
          gracePeriod: repairGracePeriod(plan),
          repairAction: compute.RepairAction.Replace,
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
              createOption: compute.DiskCreateOptionTypes.FromImage,
              caching: compute.CachingTypes.ReadWrite,
              diskSizeGB: plan.diskGiB,
              managedDisk: { storageAccountType: compute.StorageAccountTypes.Premium_LRS },
              deleteOption: compute.DiskDeleteOptionTypes.Delete,
            },
          },
          // Encrypts the temp disk and caches too, which storage-side encryption leaves out.
          securityProfile: { encryptionAtHost: true },
          // Console output in Azure-managed storage: how to see why an instance never turned healthy.
          diagnosticsProfile: { bootDiagnostics: { enabled: true } },
          networkProfile: {
            networkApiVersion: compute.NetworkApiVersion.NetworkApiVersion_2020_11_01,
            networkInterfaceConfigurations: [
              {
                name: "nic",
                primary: true,
                deleteOption: compute.DeleteOptions.Delete,
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
                priority: compute.VirtualMachinePriorityTypes.Spot,
                // An evicted instance goes away; the scale set recreates it when capacity returns.
                evictionPolicy: compute.VirtualMachineEvictionPolicyTypes.Delete,
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

  const autoscale = new monitor.AutoscaleSetting(
    `${plan.name}-autoscale`,
    withOverrides<monitor.AutoscaleSettingArgs>(
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

  let logWorkspace: operationalinsights.Workspace | undefined;
  let accessLogs: monitor.DiagnosticSetting | undefined;
  if (lb.accessLogs.enabled) {
    logWorkspace = new operationalinsights.Workspace(
      `${plan.name}-logs`,
      withOverrides<operationalinsights.WorkspaceArgs>(
        {
          resourceGroupName,
          location,
          sku: { name: operationalinsights.WorkspaceSkuNameEnum.PerGB2018 },
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
    accessLogs = new monitor.DiagnosticSetting(
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
