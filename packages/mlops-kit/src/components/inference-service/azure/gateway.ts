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

/** The gateway's resources, as the escape hatch shows them. */
export type AzureGateway = Pick<
  AzureInferenceService,
  "gatewayIdentity" | "keyVaultAccess" | "firewallPolicy" | "publicIp" | "applicationGateway" | "logWorkspace" | "accessLogs"
>;

/**
 * The Application Gateway v2 in the network's gateway subnet, with its identity (and its read access
 * to the Key Vault certificate), web application firewall policy, public frontend address, and the
 * workspace its access, performance and firewall logs go to.
 */
export function provisionGateway(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  ctx: ProvisionContext,
  shared: { info: ReturnType<typeof networkFacts>; tags: Record<string, string> },
): AzureGateway & { privateFrontendIp: pulumi.Output<string> } {
  const o = plan.azure.overrides;
  const opts = (extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({ ...ctx.opts, ...extra });
  const lb = plan.loadBalancer;
  const { info, tags } = shared;
  const resourceGroupName = info.resourceGroupName;
  const location = info.location;
  const zones = info.zones;

  // Separate from the instances' identity: only the gateway may read the vault's secrets.
  const gatewayIdentity = new UserAssignedIdentity(
    `${plan.name}-gateway-identity`,
    withOverrides({ resourceGroupName, location, tags }, o, "identity"),
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
    withOverrides(
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
    withOverrides(
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

  let logWorkspace: Workspace | undefined;
  let accessLogs: DiagnosticSetting | undefined;
  if (lb.accessLogs.enabled) {
    logWorkspace = new Workspace(
      `${plan.name}-logs`,
      withOverrides(
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

  return {
    gatewayIdentity,
    keyVaultAccess,
    firewallPolicy,
    publicIp,
    applicationGateway,
    logWorkspace,
    accessLogs,
    privateFrontendIp,
  };
}
