import type { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
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
import { grantRegistryRead } from "./registry";
import { grantSecretReads } from "./secrets";
import {
  ADMIN_USERNAME,
  autoscaleRules,
  computerNamePrefix,
  NO_LOGIN_PUBLIC_KEY,
  repairGracePeriod,
  rollingUpgradePolicy,
  scaleSetExtensions,
  securityProfile,
  UBUNTU_IMAGE,
} from "./settings";

/** What every step takes: the plan's overrides, the tags, the options, and the network's facts. */
interface Shared {
  plan: InferenceServicePlan;
  o: InferenceServicePlan["azure"]["overrides"];
  tags: Record<string, string>;
  opts: (extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions;
  info: ReturnType<typeof networkFacts>;
}

/**
 * An InferenceService on Azure, in the order of creation: the instances' identity, the
 * Application Gateway (with its own identity, firewall, IP and logs), the rules the service adds
 * to the network's security groups, the scale set behind the gateway, and its autoscale setting.
 */
export function provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult {
  const shared: Shared = {
    plan,
    o: plan.azure.overrides,
    tags: azureTags(plan.tags),
    opts: (extra = {}) => ({ ...ctx.opts, ...extra }),
    info: networkFacts(plan.name, inputs.network),
  };
  const identity = createInstanceIdentity(shared);
  const registryRead = grantRegistryRead(plan.name, inputs.registry, identity, ctx.opts);
  const { privateFrontendIp, ...gateway } = provisionGateway(plan, inputs, ctx, { info: shared.info, tags: shared.tags });
  const access = createSecurityRules(shared, inputs, plan.azure.rulePriority);
  const scaleSet = createScaleSet(shared, inputs, {
    identity,
    gatewayId: gateway.applicationGateway.id,
    applicationSecurityGroup: access.applicationSecurityGroup,
    rules: [access.securityRules.fromGateway, access.securityRules.fromNetwork],
    registryRead,
  });
  const autoscale = createAutoscale(shared, scaleSet, gateway.applicationGateway.id);

  const address = plan.loadBalancer.scheme === "public" ? gateway.publicIp.ipAddress.apply((ip) => ip ?? "") : privateFrontendIp;
  return {
    cloud: "azure",
    address,
    loadBalancerId: gateway.applicationGateway.id,
    scalingGroupId: scaleSet.id,
    metrics: pulumi
      .all([gateway.applicationGateway.id, scaleSet.id, autoscale.id])
      .apply(([applicationGatewayId, scaleSetId, autoscaleSettingId]) => ({
        azure: { applicationGatewayId, scaleSetId, autoscaleSettingId },
      })),
    resources: { identity, registryRead, ...gateway, ...access, scaleSet, autoscale },
  };
}

/** The instances' own identity: pulls from registries it is granted on, and nothing else. */
function createInstanceIdentity({ plan, o, tags, opts, info }: Shared): UserAssignedIdentity {
  return new UserAssignedIdentity(
    `${plan.name}-identity`,
    withOverrides({ resourceGroupName: info.resourceGroupName, location: info.location, tags }, o, "identity"),
    opts(),
  );
}

/**
 * The rules this service adds to the network's own groups, as standalone resources beside the
 * MlopsVpc's, so neither removes the other's: clients to the gateway, the gateway to this
 * service's instances (an application security group marks them), and the rest of the network
 * refused on that port. Azure takes one write per group at a time, so the private group's two
 * go one after another.
 */
function createSecurityRules({ plan, o, tags, opts, info }: Shared, inputs: ServiceInputs, priority: number) {
  const resourceGroupName = info.resourceGroupName;
  const applicationSecurityGroup = new ApplicationSecurityGroup(
    `${plan.name}-instances`,
    { resourceGroupName, location: info.location, tags },
    opts(),
  );
  const ruleArgs = (args: Omit<SecurityRuleArgs, "resourceGroupName" | "sourcePortRange">): SecurityRuleArgs =>
    withOverrides({ resourceGroupName, sourcePortRange: "*", ...args }, o, "securityRule");
  const served = servedProtocols(plan);
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
      destinationPortRanges: [...(served.https ? ["443"] : []), ...(served.http ? ["80"] : [])],
    }),
    opts(),
  );
  const toInstances = {
    networkSecurityGroupName: info.securityGroupNames.apply((n) => n.private),
    direction: SecurityRuleDirection.Inbound,
    protocol: SecurityRuleProtocol.Tcp,
    destinationApplicationSecurityGroups: [{ id: applicationSecurityGroup.id }],
    destinationPortRange: String(plan.container.port),
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
  return { applicationSecurityGroup, securityRules: { clients, fromGateway, fromNetwork } };
}

/** The instances' boot: cloud-init that runs the container, base64 as Azure takes custom data. */
function customData(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  identity: UserAssignedIdentity,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const gpu = plan.compute.gpu !== undefined;
  const secrets = grantSecretReads(plan, inputs.secretEnv, identity.principalId, opts);
  return pulumi
    .all([pulumi.output(inputs.image), pulumi.output(inputs.env), identity.clientId, secrets])
    .apply(([image, env, clientId, sec]) =>
      Buffer.from(
        renderCloudConfig({ ...plan.container, image, env, gpu, identityClientId: clientId, secrets: sec }, plan),
        "utf8",
      ).toString("base64"),
    );
}

/**
 * The Flexible scale set in the private subnet, its NICs in the gateway's backend pool and in the
 * service's application security group. It waits for its security rules, so no instance takes
 * traffic before they are in place.
 */
function createScaleSet(
  shared: Shared,
  inputs: ServiceInputs,
  deps: {
    identity: UserAssignedIdentity;
    gatewayId: pulumi.Output<string>;
    applicationSecurityGroup: ApplicationSecurityGroup;
    rules: SecurityRule[];
    /** The registry's read grants: instances pull their image at boot. */
    registryRead: RoleAssignment[];
  },
): VirtualMachineScaleSet {
  const { plan, o, tags, opts, info } = shared;
  const spot = plan.spot.enabled;
  return new VirtualMachineScaleSet(
    `${plan.name}-scale-set`,
    withOverrides(
      {
        resourceGroupName: info.resourceGroupName,
        location: info.location,
        // Flexible: Microsoft's mode for new scale sets, and the one that keeps `spot.onDemandBase`
        // instances on regular priority inside one set (priorityMixPolicy). Application Gateway
        // pools, the health extension, automatic repairs and rolling upgrades all work with it.
        orchestrationMode: OrchestrationMode.Flexible,
        // Spread across zones, one fault domain per zone (what Flexible requires with zones). In a
        // region without zones the network hands out none, and the set is regional.
        platformFaultDomainCount: 1,
        zones: info.zones.apply((z) => (z.length > 0 ? z : undefined)),
        sku: { name: plan.compute.machineType, tier: "Standard", capacity: plan.scaling.min },
        identity: { type: ComputeResourceIdentityType.UserAssigned, userAssignedIdentities: [deps.identity.id] },
        upgradePolicy: { mode: UpgradeMode.Rolling, rollingUpgradePolicy: rollingUpgradePolicy(plan) },
        automaticRepairsPolicy: { enabled: true, gracePeriod: repairGracePeriod(plan), repairAction: RepairAction.Replace },
        priorityMixPolicy: spot ? { baseRegularPriorityCount: plan.spot.onDemandBase, regularPriorityPercentageAboveBase: 0 } : undefined,
        virtualMachineProfile: virtualMachineProfile(shared, inputs, deps),
        tags,
      },
      o,
      "scaleSet",
    ),
    // The autoscale setting owns the instance count once the set exists; the rules must be in
    // place before instances take traffic from the gateway.
    opts({ ignoreChanges: ["sku.capacity"], dependsOn: [...deps.rules, ...deps.registryRead] }),
  );
}

/** Each instance: the OS, its disk, its boot, its NIC, its extensions, its priority. */
function virtualMachineProfile(
  { plan, opts }: Shared,
  inputs: ServiceInputs,
  deps: { identity: UserAssignedIdentity; gatewayId: pulumi.Output<string>; applicationSecurityGroup: ApplicationSecurityGroup },
) {
  // Application Gateway's backend pool is a part of the gateway: naming it through the gateway's
  // id makes the scale set wait for the gateway.
  const backendPoolId = pulumi.interpolate`${deps.gatewayId}/backendAddressPools/${BACKEND_POOL}`;
  const privateSubnetId = inputs.network.subnetIds.private.apply((ids) => {
    const id = ids[0];
    if (id === undefined)
      throw new SpecError(TYPE, plan.name, [{ path: "network", message: "has no private subnet to place the instances in" }]);
    return id;
  });
  return {
    osProfile: {
      computerNamePrefix: computerNamePrefix(plan.name),
      adminUsername: ADMIN_USERNAME,
      customData: customData(plan, inputs, deps.identity, opts()),
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
    securityProfile: securityProfile(plan),
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
              applicationSecurityGroups: [{ id: deps.applicationSecurityGroup.id }],
            },
          ],
        },
      ],
    },
    extensionProfile: { extensions: scaleSetExtensions(plan) },
    ...(plan.spot.enabled
      ? {
          priority: VirtualMachinePriorityTypes.Spot,
          // An evicted instance goes away; the scale set recreates it when capacity returns.
          evictionPolicy: VirtualMachineEvictionPolicyTypes.Delete,
          // Pay up to the on-demand price: evicted for capacity, never for price.
          billingProfile: { maxPrice: -1 },
        }
      : {}),
  };
}

/** Azure Monitor autoscale: owns the instance count between scaling.min and scaling.max. */
function createAutoscale({ plan, o, tags, opts, info }: Shared, scaleSet: VirtualMachineScaleSet, gatewayId: pulumi.Output<string>) {
  return new AutoscaleSetting(
    `${plan.name}-autoscale`,
    withOverrides(
      {
        resourceGroupName: info.resourceGroupName,
        location: info.location,
        enabled: true,
        targetResourceUri: scaleSet.id,
        profiles: [
          {
            name: "default",
            capacity: { minimum: String(plan.scaling.min), maximum: String(plan.scaling.max), default: String(plan.scaling.min) },
            rules: autoscaleRules(plan, scaleSet.id, gatewayId),
          },
        ],
        tags,
      },
      o,
      "autoscale",
    ),
    opts(),
  );
}

export type { AzureInferenceService } from "./resources";
