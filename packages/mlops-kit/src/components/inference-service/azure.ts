import * as authorization from "@pulumi/azure-native/authorization";
import * as compute from "@pulumi/azure-native/compute";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import type * as types from "@pulumi/azure-native/types/input";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../core/backend";
import { SpecError, UnsupportedError } from "../../core/errors";
import { physicalName, shortHash } from "../../core/naming";
import { cidr, formatCidr, size, subnet } from "../../core/net/cidr";
import { azureTags } from "../../core/tags";
import type { NetworkInfo } from "../network/info";
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

/** Ubuntu 22.04 LTS, generation 2, the newest build at each deployment. */
export const UBUNTU_IMAGE = {
  publisher: "Canonical",
  offer: "0001-com-ubuntu-server-jammy",
  sku: "22_04-lts-gen2",
  version: "latest",
} as const;

/** The Application Gateway's backend pool of the scale set's instances. */
export const BACKEND_POOL = "instances";

/** "Key Vault Secrets User": reads secret contents, which is how Application Gateway fetches certificates. */
export const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

/** Log Analytics workspaces keep data 30–730 days (interactive retention). */
export const LOG_RETENTION_DAYS = { min: 30, max: 730 } as const;

/** Automatic instance repairs wait 10 to 90 minutes after an instance changes state. */
const REPAIR_GRACE_MINUTES = { min: 10, max: 90 } as const;
/** The Application Health extension probes every 5 to 60 seconds. */
const HEALTH_INTERVAL_SECONDS = { min: 5, max: 60 } as const;
/** Rolling upgrade batches and unhealthy limits are percentages from 5 to 100. */
const MIN_BATCH_PERCENT = 5;
/** Connection draining lasts 1 to 3600 seconds. */
const MAX_DRAINING_SECONDS = 3600;
/** Autoscale cooldowns are whole minutes, at least one. */
const MIN_COOLDOWN_MINUTES = 1;
/** Gateway capacity units: the autoscaled range of the gateway itself, per profile. */
const GATEWAY_CAPACITY = { dev: { min: 1, max: 10 }, prod: { min: 2, max: 20 } } as const;

/** Where this service's NSG rules sit: a 10-wide slot per service in 1000–3999, by name. */
const RULE_BAND = { first: 1000, slots: 300, width: 10 } as const;

/**
 * A public key whose private key no one holds, so the scale set needs no login credential of
 * ours. Azure insists on a password or an SSH key for a Linux VM; this key is the RSA-2048
 * Factoring Challenge modulus RSA Laboratories published in 1991, whose factors were never
 * disclosed and are unknown, with exponent 65537. Operators reach instances through Run Command
 * (RBAC-controlled and logged) rather than SSH.
 */
export const NO_LOGIN_PUBLIC_KEY = sshRsaPublicKey(
  BigInt(
    "2519590847565789349402718324004839857142928212620403202777713783604366202070" +
      "7595556264018525880784406918290641249515082189298559149176184502808489120072" +
      "8449926873928072877767359714183472702618963750149718246911650776133798590957" +
      "0009733045974880842840179742910064245869181719511874612151517265463228221686" +
      "9987549182422433637259085141865462043576798423387184774447920739934236584823" +
      "8242811981638150106748104516603773060562016196762561338441436038339044149526" +
      "3443219011465754445417842402092461651572335077870774981712577246796292638635" +
      "6373289912154831438167899885040445364023527381951378636564391212010397122822" +
      "120720357",
  ),
  65537n,
  "no-login",
);

/** The local administrator the SSH key is attached to; no one logs in as it. */
const ADMIN_USERNAME = "mlops";

export function provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult {
  refuseUnsupported(plan);
  const o = plan.azure.overrides;
  const tags = azureTags(plan.tags);
  const opts = (extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({ ...ctx.opts, ...extra });
  const scope = { project: pulumi.getProject(), stack: pulumi.getStack() };
  const lb = plan.loadBalancer;
  const hc = plan.healthCheck;
  const port = plan.container.port;

  const info = inputs.networkInfo.apply((n) => checkNetwork(plan.name, n));
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

  const gatewayName = physicalName("azureNetwork", [plan.name, "gateway"], scope);
  // Parts of a gateway refer to each other by resource id, and the gateway has no id before it
  // exists: the ids are spelled out from its subscription, group and name.
  const part = (kind: string, partName: string) =>
    pulumi.interpolate`/subscriptions/${info.subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/applicationGateways/${gatewayName}/${kind}/${partName}`;
  const frontend = lb.scheme === "public" ? "public" : "private";
  const tls = lb.tls.mode !== "off";
  const serveHttp = !tls || lb.tls.redirectHttp;

  const httpListeners: types.network.ApplicationGatewayHttpListenerArgs[] = [];
  const requestRoutingRules: types.network.ApplicationGatewayRequestRoutingRuleArgs[] = [];
  const redirectConfigurations: types.network.ApplicationGatewayRedirectConfigurationArgs[] = [];
  const toBackend = {
    backendAddressPool: { id: part("backendAddressPools", BACKEND_POOL) },
    backendHttpSettings: { id: part("backendHttpSettingsCollection", "model") },
  };
  if (tls) {
    httpListeners.push({
      name: "https",
      protocol: network.ApplicationGatewayProtocol.Https,
      frontendIPConfiguration: { id: part("frontendIPConfigurations", frontend) },
      frontendPort: { id: part("frontendPorts", "https") },
      sslCertificate: { id: part("sslCertificates", "tls") },
    });
    requestRoutingRules.push({
      name: "https",
      priority: 100,
      ruleType: network.ApplicationGatewayRequestRoutingRuleType.Basic,
      httpListener: { id: part("httpListeners", "https") },
      ...toBackend,
    });
  }
  if (serveHttp) {
    httpListeners.push({
      name: "http",
      protocol: network.ApplicationGatewayProtocol.Http,
      frontendIPConfiguration: { id: part("frontendIPConfigurations", frontend) },
      frontendPort: { id: part("frontendPorts", "http") },
    });
    if (tls) {
      redirectConfigurations.push({
        name: "to-https",
        redirectType: network.ApplicationGatewayRedirectType.Permanent,
        targetListener: { id: part("httpListeners", "https") },
        includePath: true,
        includeQueryString: true,
      });
    }
    requestRoutingRules.push({
      name: "http",
      priority: 110,
      ruleType: network.ApplicationGatewayRequestRoutingRuleType.Basic,
      httpListener: { id: part("httpListeners", "http") },
      ...(tls ? { redirectConfiguration: { id: part("redirectConfigurations", "to-https") } } : toBackend),
    });
  }

  const privateFrontendIp = info.apply((n) => privateFrontendAddress(n.gatewaySubnetCidr, plan.name));
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
  if (tls && certificateId === undefined)
    throw new Error(`${TYPE} "${plan.name}": the plan asks for a certificate without a certificateId`);
  const capacity = GATEWAY_CAPACITY[plan.profile];
  const applicationGateway = new network.ApplicationGateway(
    `${plan.name}-gateway`,
    withOverrides<network.ApplicationGatewayArgs>(
      {
        resourceGroupName,
        location,
        applicationGatewayName: gatewayName,
        sku: { name: network.ApplicationGatewaySkuName.WAF_v2, tier: network.ApplicationGatewayTier.WAF_v2 },
        autoscaleConfiguration: { minCapacity: capacity.min, maxCapacity: capacity.max },
        zones,
        enableHttp2: true,
        firewallPolicy: { id: firewallPolicy.id },
        identity: { type: network.ResourceIdentityType.UserAssigned, userAssignedIdentities: [gatewayIdentity.id] },
        gatewayIPConfigurations: [{ name: "gateway", subnet: { id: info.gatewaySubnetId } }],
        frontendIPConfigurations,
        frontendPorts: [...(tls ? [{ name: "https", port: 443 }] : []), ...(serveHttp ? [{ name: "http", port: 80 }] : [])],
        // Application Gateway fetches the certificate with its identity, and again when the
        // secret gets a new version if the id has none.
        sslCertificates: tls ? [{ name: "tls", keyVaultSecretId: certificateId }] : undefined,
        // TLS 1.2 and up, forward-secret AEAD ciphers first.
        sslPolicy: tls
          ? {
              policyType: network.ApplicationGatewaySslPolicyType.Predefined,
              policyName: network.ApplicationGatewaySslPolicyName.AppGwSslPolicy20220101,
            }
          : undefined,
        httpListeners,
        redirectConfigurations: redirectConfigurations.length > 0 ? redirectConfigurations : undefined,
        requestRoutingRules,
        // Members come from the scale set's NICs, which name this pool.
        backendAddressPools: [{ name: BACKEND_POOL }],
        backendHttpSettingsCollection: [
          {
            name: "model",
            port,
            protocol: network.ApplicationGatewayProtocol.Http,
            cookieBasedAffinity: lb.stickiness.enabled
              ? network.ApplicationGatewayCookieBasedAffinity.Enabled
              : network.ApplicationGatewayCookieBasedAffinity.Disabled,
            affinityCookieName: lb.stickiness.enabled ? "MLOPSAFFINITY" : undefined,
            // The longest a request may wait for its response; draining as long lets every request
            // in flight on a departing instance finish.
            requestTimeout: lb.idleTimeoutSeconds,
            connectionDraining: { enabled: true, drainTimeoutInSec: Math.min(lb.idleTimeoutSeconds, MAX_DRAINING_SECONDS) },
            pickHostNameFromBackendAddress: true,
            probe: { id: part("probes", "health") },
          },
        ],
        probes: [
          {
            name: "health",
            protocol: network.ApplicationGatewayProtocol.Http,
            path: hc.path,
            interval: hc.intervalSeconds,
            timeout: hc.timeoutSeconds,
            unhealthyThreshold: hc.unhealthyThreshold,
            pickHostNameFromBackendHttpSettings: true,
            match: { statusCodes: ["200-399"] },
          },
        ],
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
  const priority = rulePriority(plan.name);
  const ruleArgs = (args: Omit<network.SecurityRuleArgs, "resourceGroupName" | "sourcePortRange">): network.SecurityRuleArgs =>
    withOverrides<network.SecurityRuleArgs>({ resourceGroupName, sourcePortRange: "*", ...args }, o, "securityRule");
  const clientPorts = [...(tls ? ["443"] : []), ...(serveHttp ? ["80"] : [])];
  const clients = new network.SecurityRule(
    `${plan.name}-allow-clients`,
    ruleArgs({
      networkSecurityGroupName: info.securityGroupNames.gateway,
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
    networkSecurityGroupName: info.securityGroupNames.private,
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
        renderCloudConfig({
          image: checkImage(plan.name, image),
          env: checkEnv(plan.name, env),
          port,
          command: plan.container.command,
          args: plan.container.args,
          gpu: gpu !== undefined,
          identityClientId: clientId,
        }),
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

  const extensions: types.compute.VirtualMachineScaleSetExtensionArgs[] = [
    {
      // The instance's own view of the model's health, which rolling upgrades and automatic
      // repairs act on. It probes the container from the instance itself.
      name: "health",
      publisher: "Microsoft.ManagedServices",
      type: "ApplicationHealthLinux",
      typeHandlerVersion: "2.0",
      autoUpgradeMinorVersion: true,
      settings: {
        protocol: "http",
        port,
        requestPath: hc.path,
        intervalInSeconds: clamp(hc.intervalSeconds, HEALTH_INTERVAL_SECONDS.min, HEALTH_INTERVAL_SECONDS.max),
        numberOfProbes: hc.unhealthyThreshold,
        // Booting, pulling the image and loading the model: "initializing", not "unhealthy".
        gracePeriod: hc.gracePeriodSeconds,
      },
    },
  ];
  if (gpu) {
    extensions.push({
      name: "nvidia-driver",
      publisher: "Microsoft.HpcCompute",
      type: "NvidiaGpuDriverLinux",
      typeHandlerVersion: "1.6",
      autoUpgradeMinorVersion: true,
      settings: {},
    });
  }

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
          gracePeriod: `PT${clamp(Math.ceil(hc.gracePeriodSeconds / 60), REPAIR_GRACE_MINUTES.min, REPAIR_GRACE_MINUTES.max)}M`,
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
          extensionProfile: { extensions },
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
          retentionInDays: logRetentionDays(plan),
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
  const scheme = tls ? "https" : "http";
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

/** What the plan can ask for that Azure cannot do; refused before anything of the service exists. */
function refuseUnsupported(plan: InferenceServicePlan): void {
  // The plan refuses the first two before the component registers; a plan made some other way is
  // refused here all the same.
  const refuse = (field: string, reason: string) => new UnsupportedError(TYPE, plan.name, "azure", field, reason);
  const lb = plan.loadBalancer;
  if (lb.tls.mode === "managed") {
    throw refuse(
      "loadBalancer.tls.domain",
      "Application Gateway has no managed certificates; it needs loadBalancer.tls.certificateId, a Key Vault secret id " +
        "(https://<vault>.vault.azure.net/secrets/<name>), and azure.keyVaultId to grant it read access",
    );
  }
  if (lb.algorithm === "leastRequests") {
    throw refuse("loadBalancer.algorithm", '"leastRequests": Application Gateway v2 balances round robin only; use "roundRobin"');
  }
  if (lb.accessLogs.enabled && lb.accessLogs.retentionDays > LOG_RETENTION_DAYS.max) {
    throw refuse(
      "loadBalancer.accessLogs.retentionDays",
      `(${lb.accessLogs.retentionDays}) is above ${LOG_RETENTION_DAYS.max}, the longest a Log Analytics workspace keeps logs`,
    );
  }
}

/** The network facts this service needs, with what Azure ids and CIDRs carry spelled out. */
interface AzureNetworkFacts {
  resourceGroupName: string;
  location: string;
  zones: string[];
  subscriptionId: string;
  gatewaySubnetId: string;
  gatewaySubnetCidr: string;
  securityGroupNames: { gateway: string; private: string };
}

function checkNetwork(name: string, n: NetworkInfo): AzureNetworkFacts {
  const missing = (what: string) =>
    new SpecError(TYPE, name, [
      { path: "network", message: `has no ${what}: pass the network output of an MlopsVpc on azure (a current version)` },
    ]);
  if (!n.resourceGroupName) throw missing("resourceGroupName");
  if (!n.gatewaySubnetId) throw missing("gatewaySubnetId");
  const gateway = n.securityGroupNames?.gateway;
  const priv = n.securityGroupNames?.private;
  if (!gateway || !priv) throw missing("securityGroupNames for its gateway and private subnets");
  // The gateway subnet is the first half of the reserved block (network/plan.ts).
  const reserved = cidr(n.reservedCidr);
  return {
    resourceGroupName: n.resourceGroupName,
    location: n.region,
    zones: n.zones,
    subscriptionId: subscriptionOf(name, "network", n.networkId),
    gatewaySubnetId: n.gatewaySubnetId,
    gatewaySubnetCidr: formatCidr(subnet(reserved, reserved.prefix + 1, 0)),
    securityGroupNames: { gateway, private: priv },
  };
}

function subscriptionOf(name: string, field: string, id: string): string {
  const m = /^\/subscriptions\/([^/]+)\//i.exec(id);
  if (!m?.[1]) {
    throw new SpecError(TYPE, name, [
      { path: field, message: `(${JSON.stringify(id)}) must be an Azure resource id (/subscriptions/<id>/...)` },
    ]);
  }
  return m[1];
}

/**
 * A static private frontend address for an internal gateway, from the top quarter of the gateway
 * subnet (gateway instances take addresses from its bottom), placed by the service's name so two
 * internal gateways in one subnet do not ask for the same one.
 */
export function privateFrontendAddress(gatewaySubnetCidr: string, serviceName: string): string {
  const block = cidr(gatewaySubnetCidr);
  const quarter = Math.max(1, size(block.prefix) / 4 - 1);
  const offset = Number.parseInt(shortHash("frontend", serviceName), 36) % quarter;
  // Azure keeps the last address of a subnet.
  const address = block.base + size(block.prefix) - 2 - offset;
  return formatCidr({ base: address, prefix: 32 }).split("/")[0] ?? "";
}

/** The first of the two NSG priorities this service uses, the same in every run. */
export function rulePriority(serviceName: string): number {
  const slot = Number.parseInt(shortHash("nsg", serviceName), 36) % RULE_BAND.slots;
  return RULE_BAND.first + slot * RULE_BAND.width;
}

/**
 * Surge when the rollout allows it: each batch creates new instances before the old ones go
 * (maxSurge), so capacity never drops. Without surge, batches of the unavailable share are
 * upgraded in place. A batch in flight counts as unhealthy, so the unhealthy limit is never below
 * one batch; an upgraded instance that fails its health check stops the rollout (and rolls it
 * back when asked) unless the rollout tolerates that many out of service.
 */
export function rollingUpgradePolicy(plan: InferenceServicePlan): types.compute.RollingUpgradePolicyArgs {
  const r = plan.rollout;
  const surge = r.maxSurgePercent > 0;
  const batch = clamp(surge ? r.maxSurgePercent : r.maxUnavailablePercent, MIN_BATCH_PERCENT, 100);
  return {
    maxSurge: surge,
    maxBatchInstancePercent: batch,
    maxUnhealthyInstancePercent: clamp(Math.max(r.maxUnavailablePercent, batch), MIN_BATCH_PERCENT, 100),
    maxUnhealthyUpgradedInstancePercent: clamp(r.maxUnavailablePercent, 0, 100),
    // Long enough for the gateway to count the batch's instances healthy before the next starts.
    pauseTimeBetweenBatches: `PT${plan.healthCheck.healthyThreshold * plan.healthCheck.intervalSeconds}S`,
    prioritizeUnhealthyInstances: true,
    rollbackFailedInstancesOnPolicyBreach: r.autoRollback,
  };
}

/**
 * Out when CPU stays above the target for five minutes, in when it stays under half of it (a gap
 * that keeps the group from flapping). With a request target, also out and in on the gateway's
 * requests per healthy instance per minute, the unit of the spec.
 */
export function autoscaleRules(
  plan: InferenceServicePlan,
  scaleSetId: pulumi.Input<string>,
  gatewayId: pulumi.Input<string>,
): types.monitor.ScaleRuleArgs[] {
  const s = plan.scaling;
  const cooldown = (seconds: number) => `PT${Math.max(MIN_COOLDOWN_MINUTES, Math.ceil(seconds / 60))}M`;
  const out = {
    direction: monitor.ScaleDirection.Increase,
    type: monitor.ScaleType.ChangeCount,
    value: "1",
    cooldown: cooldown(s.scaleOutCooldownSeconds),
  };
  const inward = {
    direction: monitor.ScaleDirection.Decrease,
    type: monitor.ScaleType.ChangeCount,
    value: "1",
    cooldown: cooldown(s.scaleInCooldownSeconds),
  };
  const trigger = (metricResourceUri: pulumi.Input<string>, metricName: string, metricNamespace: string) => ({
    metricResourceUri,
    metricName,
    metricNamespace,
    timeGrain: "PT1M",
    statistic: monitor.MetricStatisticType.Average,
    timeWindow: "PT5M",
    timeAggregation: monitor.TimeAggregationType.Average,
  });
  const cpu = trigger(scaleSetId, "Percentage CPU", "microsoft.compute/virtualmachinescalesets");
  const rules: types.monitor.ScaleRuleArgs[] = [
    { metricTrigger: { ...cpu, operator: monitor.ComparisonOperationType.GreaterThan, threshold: s.targetCpuPercent }, scaleAction: out },
    {
      metricTrigger: { ...cpu, operator: monitor.ComparisonOperationType.LessThan, threshold: s.targetCpuPercent / 2 },
      scaleAction: inward,
    },
  ];
  const rate = s.targetRequestsPerInstance;
  if (rate !== undefined) {
    const requests = trigger(gatewayId, "AvgRequestCountPerHealthyHost", "microsoft.network/applicationgateways");
    rules.push(
      { metricTrigger: { ...requests, operator: monitor.ComparisonOperationType.GreaterThan, threshold: rate }, scaleAction: out },
      { metricTrigger: { ...requests, operator: monitor.ComparisonOperationType.LessThan, threshold: rate / 2 }, scaleAction: inward },
    );
  }
  return rules;
}

/** The plan's retention, raised to a workspace's minimum (never fewer days than asked). */
function logRetentionDays(plan: InferenceServicePlan): number {
  return Math.max(plan.loadBalancer.accessLogs.retentionDays, LOG_RETENTION_DAYS.min);
}

/** Linux computer name prefixes: 1–15 letters, digits and hyphens, not starting with a digit or hyphen. */
function computerNamePrefix(name: string): string {
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "")
    .replace(/^[^a-z]+/, "")
    .slice(0, 15)
    .replace(/-+$/, "");
  return clean.length > 0 ? clean : "mlops";
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** An `ssh-rsa` public key in OpenSSH's one-line form, from its modulus and exponent. */
function sshRsaPublicKey(modulus: bigint, exponent: bigint, comment: string): string {
  const u32 = (n: number) => Buffer.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  const field = (b: Buffer) => Buffer.concat([u32(b.length), b]);
  const mpint = (n: bigint) => {
    let hex = n.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    const bytes = Buffer.from(hex, "hex");
    // A set top bit would read as negative: a leading zero byte keeps it positive.
    return field((bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  const blob = Buffer.concat([field(Buffer.from("ssh-rsa")), mpint(exponent), mpint(modulus)]);
  return `ssh-rsa ${blob.toString("base64")} ${comment}`;
}

function checkImage(name: string, image: string): string {
  if (!/^[^\s]+$/.test(image)) {
    throw new SpecError(TYPE, name, [{ path: "image", message: `(${JSON.stringify(image)}) must be an image reference without spaces` }]);
  }
  return image;
}

function checkEnv(name: string, env: Record<string, string>): Record<string, string> {
  // Docker's env file holds one variable a line, taken literally.
  const issues = Object.entries(env)
    .filter(([, value]) => /[\r\n\0]/.test(value))
    .map(([key]) => ({ path: `env.${key}`, message: "must be a single line (no line breaks or NUL)" }));
  if (issues.length > 0) throw new SpecError(TYPE, name, issues);
  return env;
}

// Boot configuration: cloud-init on Ubuntu, once per instance. The container runs as a systemd
// unit, restarted whenever it stops, so it also comes back after a reboot (the GPU driver
// extension reboots the instance once its driver is in).

/** The systemd unit that runs the model server. */
export const SERVICE_UNIT = "mlops-model.service";
/** The container's name on the instance. */
export const CONTAINER_NAME = "model";
/** The container's environment, readable by root only. */
export const ENV_FILE = "/etc/mlops/model.env";
/** Logs Docker in to an Azure Container Registry with the instance's identity. */
export const REGISTRY_LOGIN = "/usr/local/sbin/mlops-registry-login";
/** Installs the NVIDIA Container Toolkit, so `docker run --gpus` reaches the driver. */
export const GPU_SETUP = "/usr/local/sbin/mlops-gpu-setup";

export interface ContainerConfig {
  image: string;
  env: Record<string, string>;
  port: number;
  command: string[] | undefined;
  args: string[] | undefined;
  gpu: boolean;
  /** The client id of the instances' user-assigned identity (IMDS picks the only one when absent). */
  identityClientId: string | undefined;
}

/** The `#cloud-config` that installs Docker (and the NVIDIA Container Toolkit) and runs the container. */
export function renderCloudConfig(c: ContainerConfig): string {
  const envFile = Object.entries(c.env)
    .map(([k, v]) => `${k}=${v}\n`)
    .join("");
  const registry = azureRegistry(c.image);
  const files: { path: string; permissions: string; content: string; base64?: boolean }[] = [
    // Base64 keeps values exactly as given, whatever characters they hold.
    { path: ENV_FILE, permissions: "0600", content: Buffer.from(envFile, "utf8").toString("base64"), base64: true },
  ];
  if (registry) files.push({ path: REGISTRY_LOGIN, permissions: "0755", content: registryLoginScript() });
  if (c.gpu) files.push({ path: GPU_SETUP, permissions: "0755", content: gpuSetupScript() });
  files.push({ path: `/etc/systemd/system/${SERVICE_UNIT}`, permissions: "0644", content: serviceUnit(c, registry) });

  const lines = ["#cloud-config", "", "package_update: true", "packages:", "  - docker.io", "", "write_files:"];
  for (const f of files) {
    lines.push(`  - path: ${f.path}`, `    permissions: "${f.permissions}"`, "    owner: root:root");
    if (f.base64) {
      lines.push("    encoding: b64", `    content: ${f.content}`);
    } else {
      lines.push("    content: |", ...f.content.split("\n").map((l) => (l === "" ? "" : `      ${l}`)));
    }
  }
  lines.push("", "runcmd:");
  if (c.gpu) lines.push(`  - ${GPU_SETUP}`);
  lines.push("  - systemctl daemon-reload", `  - systemctl enable --now ${SERVICE_UNIT}`, "");
  return lines.join("\n");
}

function serviceUnit(c: ContainerConfig, registry: string | undefined): string {
  const run = [
    "/usr/bin/docker",
    "run",
    "--rm",
    `--name=${CONTAINER_NAME}`,
    `--publish=${c.port}:${c.port}`,
    `--env-file=${ENV_FILE}`,
    ...(c.gpu ? ["--gpus=all"] : []),
  ];
  // Like Kubernetes: `command` replaces the image's entrypoint, `args` its default arguments.
  const [entrypoint, ...commandRest] = c.command ?? [];
  if (entrypoint !== undefined) run.push("--entrypoint", systemdArg(entrypoint));
  run.push(systemdArg(c.image), ...commandRest.map(systemdArg), ...(c.args ?? []).map(systemdArg));
  return [
    "[Unit]",
    "Description=Model server container",
    "Wants=network-online.target",
    "After=network-online.target docker.service",
    "Requires=docker.service",
    "",
    "[Service]",
    // A registry token lasts hours: logging in before every start keeps restarts working.
    ...(registry
      ? [`ExecStartPre=${[REGISTRY_LOGIN, ...[registry, c.identityClientId ?? ""].filter((a) => a !== "").map(systemdArg)].join(" ")}`]
      : []),
    `ExecStartPre=-/usr/bin/docker rm --force ${CONTAINER_NAME}`,
    // Large model images can take minutes to pull: no start timeout.
    "TimeoutStartSec=0",
    `ExecStart=${run.join(" ")}`,
    `ExecStop=/usr/bin/docker stop ${CONTAINER_NAME}`,
    // Until the GPU driver extension has finished, `--gpus` fails: the unit retries until it works.
    "Restart=always",
    "RestartSec=10",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}

/**
 * Exchanges a token of the instance's identity (from the instance metadata service) for a
 * registry refresh token, the way `az acr login --identity` does, without installing the CLI.
 */
function registryLoginScript(): string {
  return [
    "#!/bin/sh",
    "set -eu",
    'registry="$1"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'client_id="${2:-}"',
    'json() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }',
    'imds="http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
    'aad=$(curl -fsS -H Metadata:true "$imds${client_id:+&client_id=$client_id}" | json access_token)',
    'refresh=$(curl -fsS -X POST --data-urlencode grant_type=access_token --data-urlencode "service=$registry" --data-urlencode "access_token=$aad" "https://$registry/oauth2/exchange" | json refresh_token)',
    'printf %s "$refresh" | docker login --username 00000000-0000-0000-0000-000000000000 --password-stdin "$registry"',
    "",
  ].join("\n");
}

/** NVIDIA's documented apt installation of the Container Toolkit, and Docker configured to use it. */
function gpuSetupScript(): string {
  const keyring = "/usr/share/keyrings/nvidia-container-toolkit-keyring.gpg";
  return [
    "#!/bin/sh",
    "set -eu",
    `curl -fsSL https://nvidia.github.io/libnvidia-container/gpgkey | gpg --batch --yes --dearmor -o ${keyring}`,
    "curl -fsSL https://nvidia.github.io/libnvidia-container/stable/deb/nvidia-container-toolkit.list \\",
    `  | sed 's#deb https://#deb [signed-by=${keyring}] https://#g' > /etc/apt/sources.list.d/nvidia-container-toolkit.list`,
    "apt-get update",
    "DEBIAN_FRONTEND=noninteractive apt-get install -y nvidia-container-toolkit",
    "nvidia-ctk runtime configure --runtime=docker",
    "systemctl restart docker",
    "",
  ].join("\n");
}

/** The registry host when the image is in an Azure Container Registry. */
function azureRegistry(image: string): string | undefined {
  const slash = image.indexOf("/");
  if (slash < 0) return undefined;
  const host = image.slice(0, slash).toLowerCase();
  return /^[a-z0-9]+\.azurecr\.(io|cn|us)$/.test(host) ? host : undefined;
}

/**
 * One argument of a systemd command line, exactly as given: double-quoted, with backslashes,
 * quotes and control characters escaped, and `$` and `%` doubled so that systemd expands neither
 * variables nor specifiers in them.
 */
export function systemdArg(s: string): string {
  const escaped = [...s]
    .map((ch) => {
      const code = ch.charCodeAt(0);
      if (ch === "\\" || ch === '"') return `\\${ch}`;
      if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, "0")}`;
      if (ch === "$" || ch === "%") return ch + ch;
      return ch;
    })
    .join("");
  return `"${escaped}"`;
}
