import type { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import type { VirtualMachineScaleSet } from "@pulumi/azure-native/compute/virtualMachineScaleSet";
import type { UserAssignedIdentity } from "@pulumi/azure-native/managedidentity/userAssignedIdentity";
import type { AutoscaleSetting } from "@pulumi/azure-native/monitor/autoscaleSetting";
import type { DiagnosticSetting } from "@pulumi/azure-native/monitor/diagnosticSetting";
import type { ApplicationGateway } from "@pulumi/azure-native/network/applicationGateway";
import type { ApplicationSecurityGroup } from "@pulumi/azure-native/network/applicationSecurityGroup";
import type { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import type { SecurityRule } from "@pulumi/azure-native/network/securityRule";
import type { WebApplicationFirewallPolicy } from "@pulumi/azure-native/network/webApplicationFirewallPolicy";
import type { Workspace } from "@pulumi/azure-native/operationalinsights/workspace";

/**
 * The Azure resources of an {@link InferenceService} (the escape hatch): an Application Gateway v2
 * with a web application firewall, in the network's gateway subnet, in front of a VM scale set in
 * its private subnet, each instance running the model's container.
 *
 * What Azure does not offer, and so is refused: managed certificates on Application Gateway
 * (`loadBalancer.tls.domain` alone; give a Key Vault `certificateId` for it), any algorithm but
 * round robin, a lifetime for the affinity cookie (`stickiness.durationSeconds`: Application
 * Gateway's is a session cookie), and rollback of a failed rollout (`rollout.autoRollback`).
 */
export interface AzureInferenceService {
  /** The instances' identity (pulls from an Azure Container Registry it is granted AcrPull on). */
  identity: UserAssignedIdentity;
  /** AcrPull and Storage Blob Data Reader on the `registry`; empty without a registry. */
  registryRead: RoleAssignment[];
  /** The gateway's identity: reads the TLS certificate from Key Vault, and nothing else. */
  gatewayIdentity: UserAssignedIdentity;
  /** Present when `azure.keyVaultId` is given: "Key Vault Secrets User" for the gateway on that vault. */
  keyVaultAccess?: RoleAssignment;
  /**
   * The gateway's web application firewall policy: the Default Rule Set 2.1 in
   * `loadBalancer.waf.mode`; absent when the WAF is off (the gateway is then Standard_v2).
   */
  firewallPolicy?: WebApplicationFirewallPolicy;
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
  /** Present when access logs are on: the gateway's access and firewall logs and its metrics into the workspace. */
  accessLogs?: DiagnosticSetting;
}

declare module "../contract" {
  /** Types the `.azure` escape hatch for programs that import `mlops-kit/azure`. */
  interface InferenceServiceCloudResources {
    azure: AzureInferenceService;
  }
}
