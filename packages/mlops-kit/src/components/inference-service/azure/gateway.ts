import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import { ApplicationGateway } from "@pulumi/azure-native/network/applicationGateway";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { WebApplicationFirewallPolicy } from "@pulumi/azure-native/network/webApplicationFirewallPolicy";
import { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";
import { PrincipalType } from "@pulumi/azure-native/types/enums/authorization";
import {
  ApplicationGatewaySkuName,
  ApplicationGatewayTier,
  IPAllocationMethod,
  IPVersion,
  ResourceIdentityType as NetworkResourceIdentityType,
  PublicIPAddressSkuName,
  PublicIPAddressSkuTier,
  WebApplicationFirewallEnabledState,
  WebApplicationFirewallMode,
} from "@pulumi/azure-native/types/enums/network";
import { WorkspaceSkuNameEnum } from "@pulumi/azure-native/types/enums/operationalinsights";
import type * as types from "@pulumi/azure-native/types/input";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import type { ServiceInputs } from "../contract";
import { type InferenceServicePlan, TYPE } from "../plan";
import { gatewayLayout, gatewayPartId, privateFrontendAddress, servedProtocols } from "./gateway-layout";
import type { networkFacts } from "./network";
import { subscriptionOf } from "./network";
import type { AzureInferenceService } from "./resources";

/** "Key Vault Secrets User": reads secret contents, which is how Application Gateway fetches certificates. */
export const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

/** Azure zones of a gateway and its IP in a region that has zones: all of them (see provisionGateway). */
const REGION_ZONES = ["1", "2", "3"];

/** The gateway's resources, as the escape hatch shows them. */
export type AzureGateway = Pick<
  AzureInferenceService,
  "gatewayIdentity" | "keyVaultAccess" | "firewallPolicy" | "publicIp" | "applicationGateway" | "logWorkspace" | "accessLogs"
>;

interface Shared {
  plan: InferenceServicePlan;
  o: InferenceServicePlan["azure"]["overrides"];
  tags: Record<string, string>;
  opts: (extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions;
  info: ReturnType<typeof networkFacts>;
  /**
   * The gateway and its public IP span every zone of a zonal region whatever the network's zone
   * count: their zones cannot change in place (a change replaces the gateway and the IP, and with
   * it the address clients use), so growing the network's zones replaces neither. None in a
   * region without zones.
   */
  zones: pulumi.Output<string[] | undefined>;
}

/**
 * The Application Gateway v2 in the network's gateway subnet, in the order of creation: its
 * identity and read access to the Key Vault certificate, its web application firewall policy,
 * its public frontend address, the gateway, and the workspace its logs go to.
 */
export function provisionGateway(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  ctx: ProvisionContext,
  { info, tags }: { info: ReturnType<typeof networkFacts>; tags: Record<string, string> },
): AzureGateway & { privateFrontendIp: pulumi.Output<string> } {
  const shared: Shared = {
    plan,
    o: plan.azure.overrides,
    tags,
    opts: (extra = {}) => ({ ...ctx.opts, ...extra }),
    info,
    zones: info.zones.apply((z) => (z.length > 0 ? REGION_ZONES : undefined)),
  };
  const gatewayIdentity = createGatewayIdentity(shared);
  const keyVaultAccess = grantKeyVaultRead(shared, inputs, gatewayIdentity);
  const firewallPolicy = plan.loadBalancer.waf.enabled ? createFirewallPolicy(shared) : undefined;
  const publicIp = createPublicIp(shared);
  const privateFrontendIp = info.gatewaySubnetCidr.apply((c) => privateFrontendAddress(c, plan.azure.privateFrontendSeed));
  const applicationGateway = createApplicationGateway(shared, {
    certificateId: certificateOnceReadable(plan, inputs.certificateId, keyVaultAccess),
    gatewayIdentity,
    keyVaultAccess,
    firewallPolicy,
    publicIp,
    privateFrontendIp,
  });
  const logs = plan.loadBalancer.accessLogs.enabled ? createGatewayLogs(shared, applicationGateway) : {};
  return { gatewayIdentity, keyVaultAccess, firewallPolicy, publicIp, applicationGateway, ...logs, privateFrontendIp };
}

/** Separate from the instances' identity: only the gateway may read the vault's secrets. */
function createGatewayIdentity({ plan, o, tags, opts, info }: Shared): UserAssignedIdentity {
  return new UserAssignedIdentity(
    `${plan.name}-gateway-identity`,
    withOverrides({ resourceGroupName: info.resourceGroupName, location: info.location, tags }, o, "identity"),
    opts(),
  );
}

/** "Key Vault Secrets User" for the gateway on `azure.keyVaultId`, when it serves a Key Vault certificate. */
function grantKeyVaultRead(
  { plan, opts }: Shared,
  inputs: ServiceInputs,
  gatewayIdentity: UserAssignedIdentity,
): RoleAssignment | undefined {
  if (inputs.keyVaultId === undefined || plan.loadBalancer.tls.mode !== "certificate") return undefined;
  const keyVaultId = pulumi.output(inputs.keyVaultId);
  return new RoleAssignment(
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

/** Milliseconds still to wait for a grant created at `createdOn` to take effect; 0 when it has. */
export function propagationDelayMs(createdOn: string | undefined, nowMs: number, waitSeconds: number): number {
  const created = createdOn ? Date.parse(createdOn) : Number.NaN;
  if (Number.isNaN(created)) return 0;
  return Math.max(0, Math.min(waitSeconds * 1000, created + waitSeconds * 1000 - nowMs));
}

/**
 * The certificate id, released to the gateway once the grant has had time to take effect
 * (`azure.keyVaultGrantWaitSeconds`): a gateway created before its identity can read the vault
 * fails to fetch the certificate. Only on the `up` that created the grant (an older grant has no
 * wait left), never in a preview.
 */
function certificateOnceReadable(
  plan: InferenceServicePlan,
  certificateId: pulumi.Input<string> | undefined,
  grant: RoleAssignment | undefined,
): pulumi.Input<string> | undefined {
  if (certificateId === undefined || grant === undefined) return certificateId;
  return pulumi.all([certificateId, grant.createdOn]).apply(async ([id, createdOn]) => {
    const delay = pulumi.runtime.isDryRun() ? 0 : propagationDelayMs(createdOn, Date.now(), plan.azure.keyVaultGrantWaitSeconds);
    if (delay > 0) {
      pulumi.log.info(`${TYPE} "${plan.name}": waiting ${Math.ceil(delay / 1000)} s for the Key Vault grant to take effect`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    return id;
  });
}

/**
 * The gateway's web application firewall: Microsoft's Default Rule Set 2.1 (OWASP CRS 3.3 based)
 * in `loadBalancer.waf.mode`. Bodies up to 2 MB (2000 KB, what the DRS engine takes) pass and are
 * inspected in their first 128 KB; larger ones are refused rather than let through uninspected.
 * (learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits)
 */
function createFirewallPolicy({ plan, tags, opts, info }: Shared): WebApplicationFirewallPolicy {
  return new WebApplicationFirewallPolicy(
    `${plan.name}-waf`,
    {
      resourceGroupName: info.resourceGroupName,
      location: info.location,
      policySettings: {
        state: WebApplicationFirewallEnabledState.Enabled,
        mode: plan.loadBalancer.waf.mode === "detection" ? WebApplicationFirewallMode.Detection : WebApplicationFirewallMode.Prevention,
        requestBodyCheck: true,
        // A service with larger payloads points the gateway at its own policy (the
        // applicationGateway override's `firewallPolicy`).
        requestBodyEnforcement: true,
        maxRequestBodySizeInKb: 2000,
        requestBodyInspectLimitInKB: 128,
      },
      managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }] },
      tags,
    },
    opts(),
  );
}

/**
 * Application Gateway v2 needs a public frontend even when it serves only a private one: its
 * control plane reaches it there (unless the subscription has Application Gateway network
 * isolation, where the applicationGateway override can drop it). With an internal scheme no
 * listener is bound to it, so it answers nothing.
 */
function createPublicIp({ plan, o, tags, opts, info, zones }: Shared): PublicIPAddress {
  return new PublicIPAddress(
    `${plan.name}-ip`,
    withOverrides(
      {
        resourceGroupName: info.resourceGroupName,
        location: info.location,
        sku: { name: PublicIPAddressSkuName.Standard, tier: PublicIPAddressSkuTier.Regional },
        publicIPAllocationMethod: IPAllocationMethod.Static,
        publicIPAddressVersion: IPVersion.IPv4,
        zones,
        tags,
      },
      o,
      "publicIp",
    ),
    opts({ protect: plan.loadBalancer.deletionProtection }),
  );
}

function createApplicationGateway(
  { plan, o, tags, opts, info, zones }: Shared,
  parts: {
    certificateId: pulumi.Input<string> | undefined;
    gatewayIdentity: UserAssignedIdentity;
    keyVaultAccess: RoleAssignment | undefined;
    firewallPolicy: WebApplicationFirewallPolicy | undefined;
    publicIp: PublicIPAddress;
    privateFrontendIp: pulumi.Output<string>;
  },
): ApplicationGateway {
  const lb = plan.loadBalancer;
  const gateway = pulumi.all([info.subscriptionId, info.resourceGroupName]).apply(([subscriptionId, group]) => ({
    subscriptionId,
    resourceGroupName: group,
    name: plan.azure.gatewayName,
  }));
  const layout = gatewayLayout(plan, (kind, part) => gateway.apply((g) => gatewayPartId(g, kind, part)));
  const served = servedProtocols(plan);
  const frontendIPConfigurations: types.network.ApplicationGatewayFrontendIPConfigurationArgs[] = [
    { name: "public", publicIPAddress: { id: parts.publicIp.id } },
  ];
  if (lb.scheme === "internal") {
    // Application Gateway v2 takes only a static private frontend address.
    frontendIPConfigurations.push({
      name: "private",
      subnet: { id: info.gatewaySubnetId },
      privateIPAllocationMethod: IPAllocationMethod.Static,
      privateIPAddress: parts.privateFrontendIp,
    });
  }
  if (served.https && parts.certificateId === undefined)
    throw new Error(`${TYPE} "${plan.name}": the plan asks for a certificate without a certificateId`);
  // WAF_v2 requires a firewall policy; without one (loadBalancer.waf.enabled false) the gateway is Standard_v2.
  const sku = parts.firewallPolicy
    ? { name: ApplicationGatewaySkuName.WAF_v2, tier: ApplicationGatewayTier.WAF_v2 }
    : { name: ApplicationGatewaySkuName.Standard_v2, tier: ApplicationGatewayTier.Standard_v2 };
  const capacity = plan.azure.gatewayCapacity;
  return new ApplicationGateway(
    `${plan.name}-gateway`,
    withOverrides(
      {
        resourceGroupName: info.resourceGroupName,
        location: info.location,
        applicationGatewayName: plan.azure.gatewayName,
        sku,
        autoscaleConfiguration: { minCapacity: capacity.min, maxCapacity: capacity.max },
        zones,
        enableHttp2: true,
        firewallPolicy: parts.firewallPolicy ? { id: parts.firewallPolicy.id } : undefined,
        identity: { type: NetworkResourceIdentityType.UserAssigned, userAssignedIdentities: [parts.gatewayIdentity.id] },
        gatewayIPConfigurations: [{ name: "gateway", subnet: { id: info.gatewaySubnetId } }],
        frontendIPConfigurations,
        frontendPorts: layout.frontendPorts,
        // Application Gateway fetches the certificate with its identity, and again when the
        // secret gets a new version if the id has none.
        sslCertificates: served.https ? [{ name: "tls", keyVaultSecretId: parts.certificateId }] : undefined,
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
    opts({ protect: lb.deletionProtection, dependsOn: parts.keyVaultAccess ? [parts.keyVaultAccess] : [] }),
  );
}

/**
 * The gateway's access and firewall logs, and its metrics, into a Log Analytics workspace.
 * (ApplicationGatewayPerformanceLog is not collected: it has data on v1 gateways only.)
 */
function createGatewayLogs({ plan, o, tags, opts, info }: Shared, applicationGateway: ApplicationGateway) {
  const logWorkspace = new Workspace(
    `${plan.name}-logs`,
    withOverrides(
      {
        resourceGroupName: info.resourceGroupName,
        location: info.location,
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
  const accessLogs = new DiagnosticSetting(
    `${plan.name}-access-logs`,
    {
      resourceUri: applicationGateway.id,
      workspaceId: logWorkspace.id,
      // One table per category (AGWAccessLogs, ...) instead of the shared AzureDiagnostics.
      logAnalyticsDestinationType: "Dedicated",
      logs: ["ApplicationGatewayAccessLog", "ApplicationGatewayFirewallLog"].map((category) => ({ category, enabled: true })),
      metrics: [{ category: "AllMetrics", enabled: true }],
    },
    opts(),
  );
  return { logWorkspace, accessLogs };
}
