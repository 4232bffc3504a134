/**
 * The inputs whose change makes the provider replace a resource rather than update it, per
 * resource type the library creates, each with where that was read. Paths are Pulumi input names
 * (camelCase), nested with dots; a change at or under a path forces the replacement. `*` means every
 * input (the resource is immutable: a change is always a new one).
 *
 * Sources:
 * - AWS: `ForceNew: true` (SDK v2) or `RequiresReplace()` (framework) in hashicorp/terraform-provider-aws
 *   internal/service/<service>/<file>.go; pulumi-aws bridges that provider, so its diff is the same.
 * - GCP: `ForceNew: true` in hashicorp/terraform-provider-google google/services/<service>/<file>.go
 *   (commit e03b7622, read by a script over the schema maps); pulumi-gcp bridges it.
 * - Azure: azure-native replaces a resource when a parameter of its ARM URL changes (resource group,
 *   the resource's own name, its parent's) or a property the REST spec marks create-only
 *   (`x-ms-mutability` without `update`); a tracked resource's `location` is create-only by ARM's
 *   rule RPC-Put-V1-14 (Azure/azure-rest-api-specs, openapi linter LocationMustHaveXmsMutability).
 *   azure-native 3 lists them in its provider metadata, not in the SDK's classes, so the URL
 *   parameters below are read from each class's Args (node_modules/@pulumi/azure-native/<module>/<class>.d.ts).
 *
 * A type missing here fails test/diff-replace-inputs.test.ts, naming it: a component that adds a
 * resource type adds its row.
 */
export interface ReplaceRule {
  /** Input paths whose change forces replacement; `*` for every input. */
  inputs: readonly string[];
  /** Where the rule was read. */
  source: string;
}

const tfAws = (file: string) => `hashicorp/terraform-provider-aws internal/service/${file} (ForceNew)`;
const tfGoogle = (file: string) => `hashicorp/terraform-provider-google google/services/${file} (ForceNew)`;
const armUrl = (module: string, cls: string) =>
  `azure-native: ARM URL parameters of ${module}/${cls} (node_modules/@pulumi/azure-native/${module}/${cls}.d.ts) and location (ARM RPC-Put-V1-14)`;
const ALL = ["*"] as const;

export const REPLACE_INPUTS: Readonly<Record<string, ReplaceRule>> = {
  // AWS
  "aws:acm/certificate:Certificate": {
    inputs: ["domainName", "subjectAlternativeNames", "validationMethod", "validationOptions", "keyAlgorithm", "certificateAuthorityArn"],
    source: tfAws("acm/certificate.go"),
  },
  "aws:autoscaling/group:Group": { inputs: ["name", "namePrefix"], source: tfAws("autoscaling/group.go") },
  "aws:autoscaling/policy:Policy": { inputs: ["name", "autoscalingGroupName"], source: tfAws("autoscaling/policy.go") },
  "aws:cloudwatch/logGroup:LogGroup": { inputs: ["name", "namePrefix", "logGroupClass"], source: tfAws("logs/group.go") },
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": { inputs: ["vpcId"], source: tfAws("ec2/vpc_default_security_group.go") },
  "aws:ec2/eip:Eip": {
    inputs: ["address", "customerOwnedIpv4Pool", "domain", "ipamPoolId", "networkBorderGroup", "publicIpv4Pool"],
    source: tfAws("ec2/ec2_eip.go"),
  },
  "aws:ec2/flowLog:FlowLog": {
    inputs: [
      "deliverCrossAccountRole",
      "destinationOptions",
      "eniId",
      "iamRoleArn",
      "logDestination",
      "logDestinationType",
      "logFormat",
      "maxAggregationInterval",
      "subnetId",
      "trafficType",
      "transitGatewayAttachmentId",
      "transitGatewayId",
      "vpcId",
    ],
    source: tfAws("ec2/vpc_flow_log.go"),
  },
  // vpcId is updated by detaching and attaching, not by a new gateway.
  "aws:ec2/internetGateway:InternetGateway": { inputs: [], source: tfAws("ec2/vpc_internet_gateway.go") },
  // Every other change is a new version of the same template.
  "aws:ec2/launchTemplate:LaunchTemplate": { inputs: ["name", "namePrefix"], source: tfAws("ec2/ec2_launch_template.go") },
  "aws:ec2/natGateway:NatGateway": {
    inputs: ["allocationId", "connectivityType", "privateIp", "subnetId", "availabilityMode", "vpcId"],
    source: tfAws("ec2/vpc_nat_gateway.go"),
  },
  "aws:ec2/route:Route": {
    inputs: ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"],
    source: tfAws("ec2/vpc_route.go"),
  },
  "aws:ec2/routeTable:RouteTable": { inputs: ["vpcId"], source: tfAws("ec2/vpc_route_table.go") },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": {
    inputs: ["subnetId", "gatewayId"],
    source: tfAws("ec2/vpc_route_table_association.go"),
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    inputs: ["name", "namePrefix", "description", "vpcId"],
    source: tfAws("ec2/vpc_security_group.go"),
  },
  "aws:ec2/subnet:Subnet": {
    inputs: [
      "vpcId",
      "cidrBlock",
      "availabilityZone",
      "availabilityZoneId",
      "outpostArn",
      "ipv6Native",
      "ipv4IpamPoolId",
      "ipv4NetmaskLength",
    ],
    source: tfAws("ec2/vpc_subnet.go"),
  },
  "aws:ec2/vpc:Vpc": {
    inputs: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
    source: tfAws("ec2/vpc_.go"),
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint": {
    inputs: ["serviceName", "vpcId", "vpcEndpointType", "serviceRegion", "resourceConfigurationArn", "serviceNetworkArn"],
    source: tfAws("ec2/vpc_endpoint.go"),
  },
  "aws:iam/instanceProfile:InstanceProfile": { inputs: ["name", "namePrefix", "path"], source: tfAws("iam/instance_profile.go") },
  "aws:iam/role:Role": { inputs: ["name", "namePrefix", "path"], source: tfAws("iam/role.go") },
  "aws:iam/rolePolicy:RolePolicy": { inputs: ["name", "namePrefix", "role"], source: tfAws("iam/role_policy.go") },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { inputs: ["role", "policyArn"], source: tfAws("iam/role_policy_attachment.go") },
  "aws:kms/key:Key": {
    inputs: ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
    source: tfAws("kms/key.go"),
  },
  "aws:lb/listener:Listener": { inputs: ["loadBalancerArn"], source: tfAws("elbv2/listener.go") },
  "aws:lb/loadBalancer:LoadBalancer": {
    inputs: ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"],
    source: tfAws("elbv2/load_balancer.go"),
  },
  "aws:lb/targetGroup:TargetGroup": {
    inputs: ["name", "namePrefix", "port", "protocol", "protocolVersion", "targetType", "vpcId", "ipAddressType"],
    source: tfAws("elbv2/target_group.go"),
  },
  "aws:s3/bucket:Bucket": { inputs: ["bucket", "bucketPrefix", "objectLockEnabled"], source: tfAws("s3/bucket.go") },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    inputs: ["bucket", "expectedBucketOwner"],
    source: tfAws("s3/bucket_lifecycle_configuration.go"),
  },
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { inputs: ["bucket"], source: tfAws("s3/bucket_ownership_controls.go") },
  "aws:s3/bucketPolicy:BucketPolicy": { inputs: ["bucket"], source: tfAws("s3/bucket_policy.go") },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { inputs: ["bucket"], source: tfAws("s3/bucket_public_access_block.go") },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    inputs: ["bucket", "expectedBucketOwner"],
    source: tfAws("s3/bucket_server_side_encryption_configuration.go"),
  },
  "aws:s3/bucketVersioning:BucketVersioning": { inputs: ["bucket", "expectedBucketOwner"], source: tfAws("s3/bucket_versioning.go") },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
    inputs: ["securityGroupId"],
    source: tfAws("ec2/vpc_security_group_egress_rule.go (RequiresReplace)"),
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
    inputs: ["securityGroupId"],
    source: tfAws("ec2/vpc_security_group_ingress_rule.go (RequiresReplace)"),
  },
  "aws:wafv2/webAcl:WebAcl": { inputs: ["name", "namePrefix", "scope"], source: tfAws("wafv2/web_acl.go") },
  "aws:wafv2/webAclAssociation:WebAclAssociation": { inputs: ["resourceArn", "webAclArn"], source: tfAws("wafv2/web_acl_association.go") },

  // GCP
  "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": {
    inputs: ["project", "location", "repository", "member", "role", "condition"],
    source: `${tfGoogle("artifactregistry/iam_artifact_registry_repository.go")}, google/tpgiamresource/resource_iam_member.go`,
  },
  "gcp:compute/backendService:BackendService": {
    inputs: ["name", "project", "params"],
    source: tfGoogle("compute/resource_compute_backend_service.go"),
  },
  "gcp:compute/firewall:Firewall": {
    inputs: ["name", "project", "direction", "params"],
    source: tfGoogle("compute/resource_compute_firewall.go"),
  },
  "gcp:compute/globalAddress:GlobalAddress": {
    inputs: ["address", "addressType", "description", "ipVersion", "name", "network", "prefixLength", "project", "purpose"],
    source: tfGoogle("compute/resource_compute_global_address.go"),
  },
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": {
    inputs: [
      "description",
      "ipAddress",
      "ipProtocol",
      "ipVersion",
      "metadataFilters",
      "name",
      "network",
      "networkTier",
      "noAutomateDnsZone",
      "portRange",
      "project",
      "serviceDirectoryRegistrations",
      "sourceIpRanges",
      "subnetwork",
    ],
    source: tfGoogle("compute/resource_compute_global_forwarding_rule.go"),
  },
  "gcp:compute/healthCheck:HealthCheck": { inputs: ["name", "project"], source: tfGoogle("compute/resource_compute_health_check.go") },
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": {
    inputs: ["description", "managed", "name", "project", "type"],
    source: tfGoogle("compute/resource_compute_managed_ssl_certificate.go"),
  },
  "gcp:compute/network:Network": {
    inputs: ["autoCreateSubnetworks", "description", "internalIpv6Range", "name", "networkProfile", "params", "project"],
    source: tfGoogle("compute/resource_compute_network.go"),
  },
  "gcp:compute/regionAutoscaler:RegionAutoscaler": {
    inputs: ["name", "project", "region"],
    source: tfGoogle("compute/resource_compute_region_autoscaler.go"),
  },
  "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager": {
    // targetSizePolicy.mode too, in provider releases newer than the pinned SDK.
    inputs: ["baseInstanceName", "description", "distributionPolicyZones", "name", "project", "region"],
    source: tfGoogle("compute/resource_compute_region_instance_group_manager.go"),
  },
  // Instance templates are immutable: every field is ForceNew.
  "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate": {
    inputs: ALL,
    source: tfGoogle("compute/resource_compute_region_instance_template.go"),
  },
  "gcp:compute/router:Router": {
    inputs: ["encryptedInterconnectRouter", "name", "nccGateway", "network", "params", "project", "region"],
    source: tfGoogle("compute/resource_compute_router.go"),
  },
  "gcp:compute/routerNat:RouterNat": {
    inputs: ["endpointTypes", "initialNatIps", "name", "project", "region", "router", "type"],
    source: tfGoogle("compute/resource_compute_router_nat.go"),
  },
  "gcp:compute/sSLPolicy:SSLPolicy": {
    inputs: ["description", "name", "project"],
    source: tfGoogle("compute/resource_compute_ssl_policy.go"),
  },
  "gcp:compute/securityPolicy:SecurityPolicy": {
    inputs: ["name", "project", "type"],
    source: tfGoogle("compute/resource_compute_security_policy.go"),
  },
  "gcp:compute/subnetwork:Subnetwork": {
    inputs: [
      "description",
      "externalIpv6Prefix",
      "internalIpv6Prefix",
      "name",
      "network",
      "params",
      "project",
      "region",
      "reservedInternalRange",
      "resolveSubnetMask",
    ],
    source: tfGoogle("compute/resource_compute_subnetwork.go"),
  },
  "gcp:compute/targetHttpProxy:TargetHttpProxy": {
    inputs: ["description", "httpKeepAliveTimeoutSec", "name", "project", "proxyBind"],
    source: tfGoogle("compute/resource_compute_target_http_proxy.go"),
  },
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": {
    inputs: ["description", "httpKeepAliveTimeoutSec", "name", "project", "proxyBind", "tlsEarlyData"],
    source: tfGoogle("compute/resource_compute_target_https_proxy.go"),
  },
  "gcp:compute/uRLMap:URLMap": { inputs: ["name", "project"], source: tfGoogle("compute/resource_compute_url_map.go") },
  "gcp:dns/managedZone:ManagedZone": {
    inputs: ["dnsName", "name", "project", "visibility"],
    source: tfGoogle("dns/resource_dns_managed_zone.go"),
  },
  "gcp:dns/recordSet:RecordSet": {
    inputs: ["managedZone", "name", "project", "routingPolicy.healthCheck"],
    source: tfGoogle("dns/resource_dns_record_set.go"),
  },
  "gcp:logging/projectBucketConfig:ProjectBucketConfig": {
    inputs: ["bucketId", "location", "project"],
    source: tfGoogle("logging/resource_logging_project_bucket_config.go"),
  },
  "gcp:logging/projectExclusion:ProjectExclusion": {
    inputs: ["name", "project"],
    source: `${tfGoogle("logging/resource_logging_exclusion.go")}, logging/logging_exclusion_project.go`,
  },
  "gcp:logging/projectSink:ProjectSink": {
    inputs: ["name", "project"],
    source: `${tfGoogle("logging/resource_logging_sink.go")}, logging/resource_logging_project_sink.go`,
  },
  "gcp:projects/iAMMember:IAMMember": {
    inputs: ["project", "member", "role", "condition"],
    source: "hashicorp/terraform-provider-google google/tpgiamresource/resource_iam_member.go (ForceNew; project is the IAM parent)",
  },
  "gcp:serviceaccount/account:Account": {
    inputs: ["accountId", "project"],
    source: tfGoogle("resourcemanager/resource_google_service_account.go"),
  },

  // Azure
  "azure-native:authorization:RoleAssignment": {
    inputs: ["roleAssignmentName", "scope", "principalId", "roleDefinitionId"],
    source: `${armUrl("authorization", "roleAssignment")}; ARM refuses to update an assignment's principal or role (RoleAssignmentUpdateNotPermitted)`,
  },
  "azure-native:compute:VirtualMachineScaleSet": {
    inputs: ["location", "resourceGroupName", "vmScaleSetName", "orchestrationMode", "platformFaultDomainCount"],
    source: `${armUrl("compute", "virtualMachineScaleSet")}; orchestrationMode and platformFaultDomainCount are set at creation only (Microsoft.Compute REST spec)`,
  },
  "azure-native:managedidentity:UserAssignedIdentity": {
    inputs: ["location", "resourceGroupName", "resourceName"],
    source: armUrl("managedidentity", "userAssignedIdentity"),
  },
  "azure-native:monitor:AutoscaleSetting": {
    inputs: ["autoscaleSettingName", "location", "resourceGroupName"],
    source: armUrl("monitor", "autoscaleSetting"),
  },
  "azure-native:monitor:DiagnosticSetting": { inputs: ["name", "resourceUri"], source: armUrl("monitor", "diagnosticSetting") },
  "azure-native:network:ApplicationGateway": {
    inputs: ["applicationGatewayName", "location", "resourceGroupName"],
    source: armUrl("network", "applicationGateway"),
  },
  "azure-native:network:ApplicationSecurityGroup": {
    inputs: ["applicationSecurityGroupName", "location", "resourceGroupName"],
    source: armUrl("network", "applicationSecurityGroup"),
  },
  "azure-native:network:FlowLog": {
    inputs: ["flowLogName", "location", "networkWatcherName", "resourceGroupName"],
    source: armUrl("network", "flowLog"),
  },
  "azure-native:network:NatGateway": {
    inputs: ["location", "natGatewayName", "resourceGroupName"],
    source: armUrl("network", "natGateway"),
  },
  "azure-native:network:NetworkSecurityGroup": {
    inputs: ["location", "networkSecurityGroupName", "resourceGroupName"],
    source: armUrl("network", "networkSecurityGroup"),
  },
  "azure-native:network:PublicIPAddress": {
    inputs: ["location", "publicIpAddressName", "resourceGroupName", "zones", "publicIPAddressVersion"],
    source: `${armUrl("network", "publicIPAddress")}; zones and IP version are fixed at creation (Microsoft.Network public IP docs)`,
  },
  "azure-native:network:SecurityRule": {
    inputs: ["networkSecurityGroupName", "resourceGroupName", "securityRuleName"],
    source: armUrl("network", "securityRule"),
  },
  "azure-native:network:Subnet": { inputs: ["resourceGroupName", "subnetName", "virtualNetworkName"], source: armUrl("network", "subnet") },
  "azure-native:network:VirtualNetwork": {
    inputs: ["location", "resourceGroupName", "virtualNetworkName"],
    source: armUrl("network", "virtualNetwork"),
  },
  "azure-native:network:WebApplicationFirewallPolicy": {
    inputs: ["location", "policyName", "resourceGroupName"],
    source: armUrl("network", "webApplicationFirewallPolicy"),
  },
  "azure-native:operationalinsights:Workspace": {
    inputs: ["location", "resourceGroupName", "workspaceName"],
    source: armUrl("operationalinsights", "workspace"),
  },
  "azure-native:privatedns:PrivateZone": {
    inputs: ["location", "privateZoneName", "resourceGroupName"],
    source: armUrl("privatedns", "privateZone"),
  },
  "azure-native:privatedns:VirtualNetworkLink": {
    inputs: ["location", "privateZoneName", "resourceGroupName", "virtualNetworkLinkName"],
    source: armUrl("privatedns", "virtualNetworkLink"),
  },
  "azure-native:resources:ResourceGroup": { inputs: ["location", "resourceGroupName"], source: armUrl("resources", "resourceGroup") },
  "azure-native:storage:BlobServiceProperties": {
    inputs: ["accountName", "blobServicesName", "resourceGroupName"],
    source: armUrl("storage", "blobServiceProperties"),
  },
  "azure-native:storage:StorageAccount": {
    inputs: ["accountName", "location", "resourceGroupName", "isHnsEnabled"],
    source: `${armUrl("storage", "storageAccount")}; isHnsEnabled is set at creation (Microsoft.Storage REST spec)`,
  },
};

/**
 * Types that hold data or identity a delete loses: buckets, tables, registries, stores, clusters,
 * key vaults, log groups and workspaces, disks, keys; by exact type token, so the next components'
 * types join by adding a line.
 */
export const STATEFUL_TYPES: readonly string[] = [
  "aws:s3/bucket:Bucket",
  "aws:dynamodb/table:Table",
  "aws:ecr/repository:Repository",
  "aws:sagemaker/featureGroup:FeatureGroup",
  "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
  "aws:eks/cluster:Cluster",
  "aws:rds/cluster:Cluster",
  "aws:rds/instance:Instance",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:ebs/volume:Volume",
  "aws:efs/fileSystem:FileSystem",
  "aws:kms/key:Key",
  "aws:secretsmanager/secret:Secret",
  "gcp:storage/bucket:Bucket",
  "gcp:bigquery/dataset:Dataset",
  "gcp:bigquery/table:Table",
  "gcp:artifactregistry/repository:Repository",
  "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore",
  "gcp:vertex/aiFeatureGroup:AiFeatureGroup",
  "gcp:container/cluster:Cluster",
  "gcp:compute/disk:Disk",
  "gcp:kms/cryptoKey:CryptoKey",
  "gcp:kms/keyRing:KeyRing",
  "gcp:logging/projectBucketConfig:ProjectBucketConfig",
  "gcp:secretmanager/secret:Secret",
  "azure-native:resources:ResourceGroup",
  "azure-native:storage:StorageAccount",
  "azure-native:storage:BlobContainer",
  "azure-native:containerregistry:Registry",
  "azure-native:keyvault:Vault",
  "azure-native:keyvault:Key",
  "azure-native:containerservice:ManagedCluster",
  "azure-native:compute:Disk",
  "azure-native:operationalinsights:Workspace",
  "azure-native:machinelearningservices:Workspace",
  "azure-native:cache:Redis",
];

const STATEFUL = new Set(STATEFUL_TYPES);

/** True for a type whose delete or replacement loses data (or, for a resource group, everything in it). */
export function isStateful(type: string): boolean {
  return STATEFUL.has(type);
}
