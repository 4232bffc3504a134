// Azure resource types of the reference stacks that cost nothing by themselves, with why. What
// they cause to be billed (logs they route, nodes that run them) is priced where it is billed.

const K8S = "a Kubernetes object in the AKS cluster: the nodes that run it are priced on the cluster and its pools";
const METADATA = "Azure ML metadata: not billed; materialization runs are billed as compute when they run";
const BLOB_PART = "part of a storage account: capacity and operations are billed on the account";
const NETWORK_PLUMBING = "not billed (virtual network plumbing)";

export const AZURE_FREE: Readonly<Record<string, string>> = {
  "azure-native:applicationinsights:Component":
    "workspace-based Application Insights: its telemetry is billed as ingestion into the Log Analytics workspace it names",
  "azure-native:applicationinsights:Workbook": "workbooks are free; their queries read the workspace",
  "azure-native:authorization:RoleAssignment": "Azure RBAC role assignments are not billed",
  "azure-native:consumption:Budget": "Cost Management budgets are free",
  "azure-native:keyvault:Vault":
    "a Standard vault has no standing charge: operations are billed per 10,000 ($0.03; $0.15 for RSA 3072+ keys) and no usage assumption counts them; keys that rotate are priced on the key",
  "azure-native:machinelearningservices:FeaturesetContainerEntity": METADATA,
  "azure-native:machinelearningservices:FeaturesetVersion": METADATA,
  "azure-native:machinelearningservices:FeaturestoreEntityContainerEntity": METADATA,
  "azure-native:machinelearningservices:FeaturestoreEntityVersion": METADATA,
  "azure-native:machinelearningservices:WorkspaceConnection": "a workspace connection is metadata: not billed",
  "azure-native:managedidentity:FederatedIdentityCredential": "managed identities and their federated credentials are free",
  "azure-native:managedidentity:UserAssignedIdentity": "managed identities are free",
  "azure-native:monitor:ActionGroup":
    "no standing charge: the first 1,000 emails a month are free, then $0.00002 each (Azure Monitor Emails meter); webhooks likewise past 100,000",
  "azure-native:monitor:AutoscaleSetting": "autoscale is free: the instances it adds are priced on the scale set",
  "azure-native:monitor:DiagnosticSetting": "routing is free: what it sends is billed as ingestion by the destination workspace",
  "azure-native:network:ApplicationSecurityGroup": NETWORK_PLUMBING,
  "azure-native:network:NetworkSecurityGroup": NETWORK_PLUMBING,
  "azure-native:network:SecurityRule": NETWORK_PLUMBING,
  "azure-native:network:Subnet": NETWORK_PLUMBING,
  "azure-native:network:VirtualNetwork": "a virtual network is free; peering and gateways (none here) are billed",
  "azure-native:network:PrivateDnsZoneGroup": "binds an endpoint's records to a zone: the zone is priced",
  "azure-native:network:WebApplicationFirewallPolicy":
    "on Application Gateway the WAF is part of the WAF_v2 tier's fixed and capacity-unit price",
  "azure-native:privatedns:VirtualNetworkLink": "links are not billed: the zone and its queries are",
  "azure-native:resources:ResourceGroup": "resource groups are free",
  "azure-native:storage:Blob": BLOB_PART,
  "azure-native:storage:BlobContainer": BLOB_PART,
  "azure-native:storage:BlobServiceProperties": BLOB_PART,
  "azure-native:storage:ManagementPolicy": BLOB_PART,
  "kubernetes:core/v1:Namespace": K8S,
  "kubernetes:core/v1:ResourceQuota": K8S,
  "kubernetes:core/v1:ServiceAccount": K8S,
  "kubernetes:helm.sh/v3:Release": K8S,
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": K8S,
  "pulumi:providers:kubernetes": "a Pulumi provider, not a cloud resource",
};
