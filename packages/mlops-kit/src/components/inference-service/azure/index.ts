import { VirtualMachineScaleSet } from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { AutoscaleSetting } from "@pulumi/azure-native/monitor/autoscaleSetting";
import { ApplicationSecurityGroup } from "@pulumi/azure-native/network/applicationSecurityGroup";
import { SecurityRule, type SecurityRuleArgs } from "@pulumi/azure-native/network/securityRule";
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
import { SecurityRuleAccess, SecurityRuleDirection, SecurityRuleProtocol } from "@pulumi/azure-native/types/enums/network";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { azureTags } from "../../../core/tags";
import type { ServiceInputs, ServiceResult } from "../contract";
import { type InferenceServicePlan, TYPE } from "../plan";
import { renderCloudConfig } from "./boot";
import { provisionGateway } from "./gateway";
import { BACKEND_POOL, servedProtocols } from "./gateway-layout";
import { networkFacts } from "./network";
import { grantSecretReads } from "./secrets";
import {
  ADMIN_USERNAME,
  autoscaleRules,
  computerNamePrefix,
  NO_LOGIN_PUBLIC_KEY,
  repairGracePeriod,
  rollingUpgradePolicy,
  scaleSetExtensions,
  UBUNTU_IMAGE,
} from "./settings";

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
    withOverrides({ resourceGroupName, location, tags }, o, "identity"),
    opts(),
  );
  const { privateFrontendIp, ...gateway } = provisionGateway(plan, inputs, ctx, { info, tags });
  const { publicIp, applicationGateway } = gateway;
  const served = servedProtocols(plan);

  const applicationSecurityGroup = new ApplicationSecurityGroup(`${plan.name}-instances`, { resourceGroupName, location, tags }, opts());

  // These rules go into the network's own groups, as standalone resources beside the MlopsVpc's,
  // so neither removes the other's. Each service takes a priority slot by its name, in the band
  // the network leaves free; Azure takes one write per group at a time, so a group's rules here go
  // one after another.
  const priority = plan.azure.rulePriority;
  const ruleArgs = (args: Omit<SecurityRuleArgs, "resourceGroupName" | "sourcePortRange">): SecurityRuleArgs =>
    withOverrides({ resourceGroupName, sourcePortRange: "*", ...args }, o, "securityRule");
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
  const secrets = grantSecretReads(plan, inputs.secretEnv, identity.principalId, opts());
  const customData = pulumi
    .all([pulumi.output(inputs.image), pulumi.output(inputs.env), identity.clientId, secrets])
    .apply(([image, env, clientId, sec]) =>
      Buffer.from(
        renderCloudConfig({ ...plan.container, image, env, gpu: gpu !== undefined, identityClientId: clientId, secrets: sec }, plan),
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
    withOverrides(
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
    withOverrides(
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

  const address = lb.scheme === "public" ? publicIp.ipAddress.apply((ip) => ip ?? "") : privateFrontendIp;

  return {
    cloud: "azure",
    address,
    loadBalancerId: applicationGateway.id,
    scalingGroupId: scaleSet.id,
    resources: {
      identity,
      ...gateway,
      applicationSecurityGroup,
      securityRules: { clients, fromGateway, fromNetwork },
      scaleSet,
      autoscale,
    },
  };
}

export type { AzureInferenceService } from "./resources";
