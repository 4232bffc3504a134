import type { MlopsPolicy } from "@mlops-kit/policy-common";
import awsCloudwatchLogGroupEncrypted from "./aws/cloudwatch/log-group-encrypted";
import awsCodebuildArtifactsEncrypted from "./aws/codebuild/artifacts-encrypted";
import awsCodebuildPrivilegedImageBuildsOnly from "./aws/codebuild/privileged-image-builds-only";
import awsEc2DefaultSecurityGroupClosed from "./aws/ec2/default-security-group-closed";
import awsEc2Imdsv2Required from "./aws/ec2/imdsv2-required";
import awsEc2LaunchTemplateDisksEncrypted from "./aws/ec2/launch-template-disks-encrypted";
import awsEc2NoPublicIngress from "./aws/ec2/no-public-ingress";
import awsEc2NoPublicIpOnInstances from "./aws/ec2/no-public-ip-on-instances";
import awsEc2NoPublicIpOnLaunch from "./aws/ec2/no-public-ip-on-launch";
import awsEc2VpcFlowLogs from "./aws/ec2/vpc-flow-logs";
import awsEcrEncryptionKms from "./aws/ecr/encryption-kms";
import awsEcrImmutableTags from "./aws/ecr/immutable-tags";
import awsEcrScanOnPush from "./aws/ecr/scan-on-push";
import awsEksControlPlaneLogs from "./aws/eks/control-plane-logs";
import awsEksEndpointRestricted from "./aws/eks/endpoint-restricted";
import awsEksSecretsEncrypted from "./aws/eks/secrets-encrypted";
import awsElbAccessLogs from "./aws/elb/access-logs";
import awsElbDropInvalidHeaders from "./aws/elb/drop-invalid-headers";
import awsElbListenerTls from "./aws/elb/listener-tls";
import awsIamNoFullAccessManagedPolicies from "./aws/iam/no-full-access-managed-policies";
import awsIamNoWildcardActions from "./aws/iam/no-wildcard-actions";
import awsIamOidcSubjectPinned from "./aws/iam/oidc-subject-pinned";
import awsKmsKeyRotation from "./aws/kms/key-rotation";
import awsKubernetesTeamNamespaces from "./aws/kubernetes/team-namespaces";
import awsRoute53AliasEvaluatesHealth from "./aws/route53/alias-evaluates-health";
import awsS3EncryptionKms from "./aws/s3/encryption-kms";
import awsS3PublicAccessBlock from "./aws/s3/public-access-block";
import awsS3TlsOnly from "./aws/s3/tls-only";
import awsSagemakerFeatureGroupEncrypted from "./aws/sagemaker/feature-group-encrypted";
import awsSagemakerModelPackageGroupPolicyNotPublic from "./aws/sagemaker/model-package-group-policy-not-public";
import awsSnsTopicKmsEncryption from "./aws/sns/topic-kms-encryption";
import awsWafIpSetNotOpen from "./aws/waf/ip-set-not-open";
import awsWafWebAclManagedRules from "./aws/waf/web-acl-managed-rules";
import azureAksApiServerRestricted from "./azure/aks/api-server-restricted";
import azureAksKmsEtcd from "./azure/aks/kms-etcd";
import azureAksLocalAccountsDisabled from "./azure/aks/local-accounts-disabled";
import azureAksWorkloadIdentity from "./azure/aks/workload-identity";
import azureAuthorizationNoOwnerRole from "./azure/authorization/no-owner-role";
import azureComputeVmssNoPublicIp from "./azure/compute/vmss-no-public-ip";
import azureComputeVmssPasswordAuthDisabled from "./azure/compute/vmss-password-auth-disabled";
import azureContainerregistryAdminUserDisabled from "./azure/containerregistry/admin-user-disabled";
import azureContainerregistryNoPublicNetworkAccess from "./azure/containerregistry/no-public-network-access";
import azureKubernetesTeamNamespaces from "./azure/kubernetes/team-namespaces";
import azureMachinelearningRegistryNoPublicNetworkAccess from "./azure/machinelearning/registry-no-public-network-access";
import azureMachinelearningWorkspaceIsolated from "./azure/machinelearning/workspace-isolated";
import azureMachinelearningWorkspaceManagedNetwork from "./azure/machinelearning/workspace-managed-network";
import azureMachinelearningWorkspaceNoPublicNetworkAccess from "./azure/machinelearning/workspace-no-public-network-access";
import azureManagedidentityFederatedSubjectPinned from "./azure/managedidentity/federated-subject-pinned";
import azureNetworkAppgwHttpsOnly from "./azure/network/appgw-https-only";
import azureNetworkAppgwTlsPolicy from "./azure/network/appgw-tls-policy";
import azureNetworkAppgwWaf from "./azure/network/appgw-waf";
import azureNetworkFlowLogManagedIdentity from "./azure/network/flow-log-managed-identity";
import azureNetworkNsgNoPublicIngress from "./azure/network/nsg-no-public-ingress";
import azureNetworkSubnetNoDefaultOutboundAccess from "./azure/network/subnet-no-default-outbound-access";
import azureNetworkVnetFlowLogs from "./azure/network/vnet-flow-logs";
import azureRedisTlsPrivate from "./azure/redis/tls-private";
import azureStorageCustomerManagedKey from "./azure/storage/customer-managed-key";
import azureStorageHttpsOnly from "./azure/storage/https-only";
import azureStorageInfrastructureEncryption from "./azure/storage/infrastructure-encryption";
import azureStorageMinTls12 from "./azure/storage/min-tls-1-2";
import azureStorageNetworkDefaultDeny from "./azure/storage/network-default-deny";
import azureStorageNoPublicBlobAccess from "./azure/storage/no-public-blob-access";
import azureStorageNoSharedKeyAccess from "./azure/storage/no-shared-key-access";
import gcpArtifactregistryRepositoryCmek from "./gcp/artifactregistry/repository-cmek";
import gcpBigqueryDatasetPrivateCmek from "./gcp/bigquery/dataset-private-cmek";
import gcpComputeBackendLogging from "./gcp/compute/backend-logging";
import gcpComputeFirewallNoPublicIngress from "./gcp/compute/firewall-no-public-ingress";
import gcpComputeLbHttpsOnly from "./gcp/compute/lb-https-only";
import gcpComputeLbTlsPolicy from "./gcp/compute/lb-tls-policy";
import gcpComputeLbWaf from "./gcp/compute/lb-waf";
import gcpComputeNoPublicIpOnInstances from "./gcp/compute/no-public-ip-on-instances";
import gcpComputeShieldedVm from "./gcp/compute/shielded-vm";
import gcpComputeSubnetworkFlowLogs from "./gcp/compute/subnetwork-flow-logs";
import gcpDnsZoneVisibility from "./gcp/dns/zone-visibility";
import gcpGkeEndpointRestricted from "./gcp/gke/endpoint-restricted";
import gcpGkeSecretsEncrypted from "./gcp/gke/secrets-encrypted";
import gcpGkeWorkloadIdentity from "./gcp/gke/workload-identity";
import gcpIamNoPrimitiveRoles from "./gcp/iam/no-primitive-roles";
import gcpIamWorkloadIdentityProviderCondition from "./gcp/iam/workload-identity-provider-condition";
import gcpKmsKeyRotation from "./gcp/kms/key-rotation";
import gcpKubernetesTeamNamespaces from "./gcp/kubernetes/team-namespaces";
import gcpLoggingBucketCmek from "./gcp/logging/bucket-cmek";
import gcpStorageBucketCmek from "./gcp/storage/bucket-cmek";
import gcpStorageBucketPublicAccessPrevention from "./gcp/storage/bucket-public-access-prevention";
import gcpStorageBucketUniformAccess from "./gcp/storage/bucket-uniform-access";
import gcpVertexMetadataStoreCmek from "./gcp/vertex/metadata-store-cmek";
import gcpVertexOnlineStoreCmek from "./gcp/vertex/online-store-cmek";
import gcpVertexTensorboardCmek from "./gcp/vertex/tensorboard-cmek";

/** Every rule of the security pack. A new rule is one file under <cloud>/<service>/, listed here. */
export const policies: MlopsPolicy[] = [
  awsCloudwatchLogGroupEncrypted,
  awsEc2DefaultSecurityGroupClosed,
  awsEc2Imdsv2Required,
  awsEc2NoPublicIngress,
  awsEc2NoPublicIpOnInstances,
  awsEc2NoPublicIpOnLaunch,
  awsEc2VpcFlowLogs,
  awsEcrEncryptionKms,
  awsEcrImmutableTags,
  awsEcrScanOnPush,
  awsElbAccessLogs,
  awsElbDropInvalidHeaders,
  awsElbListenerTls,
  awsIamNoFullAccessManagedPolicies,
  awsIamNoWildcardActions,
  awsKmsKeyRotation,
  awsRoute53AliasEvaluatesHealth,
  awsS3EncryptionKms,
  awsS3PublicAccessBlock,
  awsS3TlsOnly,
  awsSagemakerModelPackageGroupPolicyNotPublic,
  awsWafIpSetNotOpen,
  awsWafWebAclManagedRules,
  azureAuthorizationNoOwnerRole,
  azureComputeVmssNoPublicIp,
  azureComputeVmssPasswordAuthDisabled,
  azureContainerregistryAdminUserDisabled,
  azureContainerregistryNoPublicNetworkAccess,
  azureMachinelearningRegistryNoPublicNetworkAccess,
  azureMachinelearningWorkspaceManagedNetwork,
  azureMachinelearningWorkspaceNoPublicNetworkAccess,
  azureNetworkAppgwHttpsOnly,
  azureNetworkAppgwTlsPolicy,
  azureNetworkAppgwWaf,
  azureNetworkFlowLogManagedIdentity,
  azureNetworkNsgNoPublicIngress,
  azureNetworkSubnetNoDefaultOutboundAccess,
  azureNetworkVnetFlowLogs,
  azureStorageCustomerManagedKey,
  azureStorageHttpsOnly,
  azureStorageInfrastructureEncryption,
  azureStorageMinTls12,
  azureStorageNetworkDefaultDeny,
  azureStorageNoPublicBlobAccess,
  azureStorageNoSharedKeyAccess,
  gcpArtifactregistryRepositoryCmek,
  gcpComputeBackendLogging,
  gcpComputeFirewallNoPublicIngress,
  gcpComputeLbHttpsOnly,
  gcpComputeLbTlsPolicy,
  gcpComputeLbWaf,
  gcpComputeNoPublicIpOnInstances,
  gcpComputeShieldedVm,
  gcpComputeSubnetworkFlowLogs,
  gcpDnsZoneVisibility,
  gcpIamNoPrimitiveRoles,
  gcpKmsKeyRotation,
  gcpLoggingBucketCmek,
  gcpStorageBucketCmek,
  gcpStorageBucketPublicAccessPrevention,
  gcpStorageBucketUniformAccess,
  awsCodebuildArtifactsEncrypted,
  awsCodebuildPrivilegedImageBuildsOnly,
  awsIamOidcSubjectPinned,
  azureManagedidentityFederatedSubjectPinned,
  gcpIamWorkloadIdentityProviderCondition,
  gcpVertexMetadataStoreCmek,
  gcpVertexTensorboardCmek,
  awsEksEndpointRestricted,
  awsEksSecretsEncrypted,
  awsEksControlPlaneLogs,
  awsEc2LaunchTemplateDisksEncrypted,
  awsKubernetesTeamNamespaces,
  gcpGkeEndpointRestricted,
  gcpGkeSecretsEncrypted,
  gcpGkeWorkloadIdentity,
  gcpKubernetesTeamNamespaces,
  azureAksApiServerRestricted,
  azureAksLocalAccountsDisabled,
  azureAksWorkloadIdentity,
  azureAksKmsEtcd,
  azureKubernetesTeamNamespaces,
  awsSagemakerFeatureGroupEncrypted,
  azureMachinelearningWorkspaceIsolated,
  azureRedisTlsPrivate,
  gcpBigqueryDatasetPrivateCmek,
  gcpVertexOnlineStoreCmek,
  awsSnsTopicKmsEncryption,
];
