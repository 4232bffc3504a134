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
/** A row written from what is known of the provider, not read again in its source: say so. */
const fromMemory = (source: string) => `${source}; from memory, not re-read in the source`;
const k8s = (kind: string) =>
  `Kubernetes API: a ${kind}'s metadata.name and metadata.namespace are immutable (pulumi/pulumi-kubernetes replaces on their change)`;

export const REPLACE_INPUTS: Readonly<Record<string, ReplaceRule>> = {
  // AWS
  "aws:acm/certificate:Certificate": {
    inputs: ["domainName", "subjectAlternativeNames", "validationMethod", "validationOptions", "keyAlgorithm", "certificateAuthorityArn"],
    source: tfAws("acm/certificate.go"),
  },
  "aws:autoscaling/tag:Tag": {
    inputs: ["autoscalingGroupName", "tag.key"],
    source: `${tfAws("autoscaling/group_tag.go")}, commit 050ac111`,
  },
  "aws:budgets/budget:Budget": {
    inputs: ["accountId", "name", "namePrefix"],
    source: `${tfAws("budgets/budget.go")}, commit 01d5888a`,
  },
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
    inputs: ["actionsEnabled", "alarmName"],
    source: `${tfAws("cloudwatch/composite_alarm.go")}, commit 050ac111`,
  },
  "aws:cloudwatch/dashboard:Dashboard": {
    inputs: ["dashboardName"],
    source: `${tfAws("cloudwatch/dashboard.go")}, commit 0620f2a6`,
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    inputs: ["name"],
    source: `${tfAws("cloudwatch/metric_alarm.go")}, commit 055611a6`,
  },
  "aws:codebuild/project:Project": { inputs: ["name"], source: `${tfAws("codebuild/project.go")}, commit 00a35305` },
  "aws:codepipeline/pipeline:Pipeline": { inputs: ["name"], source: `${tfAws("codepipeline/codepipeline.go")}, commit 0148137d` },
  "aws:codestarconnections/connection:Connection": {
    inputs: ["name", "providerType", "hostArn"],
    source: `${tfAws("codestarconnections/connection.go")}, commit 02a945d9`,
  },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": { inputs: ["policy", "repository"], source: tfAws("ecr/lifecycle_policy.go") },
  "aws:ecr/repository:Repository": {
    inputs: ["name", "encryptionConfigurations"],
    source: `${tfAws("ecr/repository.go")}, commit 0072eea2`,
  },
  "aws:eks/addon:Addon": { inputs: ["addonName", "clusterName"], source: `${tfAws("eks/addon.go")}, commit 00a35305` },
  // vpcConfig subnets and security groups are updated in place; also replaced (CustomizeDiff) when encryptionConfig is
  // removed or a set computeConfig.nodeRoleArn changes.
  "aws:eks/cluster:Cluster": {
    inputs: [
      "name",
      "roleArn",
      "accessConfig.bootstrapClusterCreatorAdminPermissions",
      "bootstrapSelfManagedAddons",
      "kubernetesNetworkConfig.ipFamily",
      "kubernetesNetworkConfig.serviceIpv4Cidr",
      "outpostConfig.controlPlaneInstanceType",
      "outpostConfig.controlPlanePlacement.groupName",
      "remoteNetworkConfig.remoteNodeNetworks.cidrs",
      "remoteNetworkConfig.remotePodNetworks.cidrs",
    ],
    source: `${tfAws("eks/cluster.go")}, commit 00555dc5`,
  },
  "aws:eks/nodeGroup:NodeGroup": {
    inputs: [
      "clusterName",
      "nodeGroupName",
      "nodeGroupNamePrefix",
      "nodeRoleArn",
      "subnetIds",
      "amiType",
      "capacityType",
      "diskSize",
      "instanceTypes",
      "remoteAccess",
      "launchTemplate.id",
      "launchTemplate.name",
    ],
    source: `${tfAws("eks/node_group.go")}, commit 012e0a32`,
  },
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
    inputs: ["clusterName", "namespace", "serviceAccount"],
    source: `${tfAws("eks/pod_identity_association.go (RequiresReplace)")}, commit 00a35305`,
  },
  "aws:glue/catalogDatabase:CatalogDatabase": {
    inputs: ["catalogId", "name", "targetDatabase"],
    source: `${tfAws("glue/catalog_database.go")}, commit 0075c786`,
  },
  // client_id_list and thumbprint_list are updated in place (AddClientIDToOpenIDConnectProvider, ...).
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": { inputs: ["url"], source: tfAws("iam/openid_connect_provider.go") },
  "aws:iam/policy:Policy": {
    inputs: ["name", "namePrefix", "path", "description"],
    source: `${tfAws("iam/policy.go")}, commit 01ccd9a2`,
  },
  "aws:route53/healthCheck:HealthCheck": {
    inputs: ["type", "referenceName", "requestInterval", "measureLatency", "routingControlArn"],
    source: `${tfAws("route53/health_check.go")}, commit 01606926`,
  },
  "aws:sagemaker/featureGroup:FeatureGroup": {
    inputs: [
      "featureGroupName",
      "recordIdentifierFeatureName",
      "eventTimeFeatureName",
      "description",
      "roleArn",
      "featureDefinitions",
      "offlineStoreConfig",
      "onlineStoreConfig.enableOnlineStore",
      "onlineStoreConfig.securityConfig",
      "onlineStoreConfig.storageType",
    ],
    source: `${tfAws("sagemaker/feature_group.go")}, commit 00a35305`,
  },
  "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer": {
    inputs: ["trackingServerName", "mlflowVersion", "roleArn"],
    source: tfAws("sagemaker/mlflow_tracking_server.go"),
  },
  "aws:sagemaker/modelPackageGroup:ModelPackageGroup": {
    inputs: ["modelPackageGroupName", "modelPackageGroupDescription"],
    source: `${tfAws("sagemaker/model_package_group.go")}, commit 050ac111`,
  },
  "aws:scheduler/schedule:Schedule": {
    inputs: ["groupName", "name", "namePrefix"],
    source: `${tfAws("scheduler/schedule.go")}, commit 02f524b9`,
  },
  "aws:sns/topic:Topic": { inputs: ["name", "namePrefix", "fifoTopic"], source: `${tfAws("sns/topic.go")}, commit 00a35305` },
  "aws:sns/topicPolicy:TopicPolicy": { inputs: ["arn"], source: `${tfAws("sns/topic_policy.go")}, commit 00a35305` },
  "aws:sns/topicSubscription:TopicSubscription": {
    inputs: ["endpoint", "protocol", "topic"],
    source: `${tfAws("sns/topic_subscription.go")}, commit 04a2e6e5`,
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
  "gcp:artifactregistry/repository:Repository": {
    inputs: [
      "format",
      "kmsKeyName",
      "location",
      "mavenConfig.allowSnapshotOverwrites",
      "mavenConfig.versionPolicy",
      "mode",
      "project",
      "remoteRepositoryConfig.aptRepository",
      "remoteRepositoryConfig.commonRepository",
      "remoteRepositoryConfig.description",
      "remoteRepositoryConfig.dockerRepository",
      "remoteRepositoryConfig.mavenRepository",
      "remoteRepositoryConfig.npmRepository",
      "remoteRepositoryConfig.pythonRepository",
      "remoteRepositoryConfig.yumRepository",
      "repositoryId",
    ],
    source: tfGoogle("artifactregistry/resource_artifact_registry_repository.go"),
  },
  "gcp:bigquery/dataset:Dataset": {
    inputs: ["datasetId", "externalDatasetReference", "location", "project"],
    source: tfGoogle("bigquery/resource_bigquery_dataset.go"),
  },
  "gcp:bigquery/datasetIamMember:DatasetIamMember": {
    inputs: ["datasetId", "project", "member", "role", "condition"],
    source: `${tfGoogle("bigquery/iam_bigquery_dataset.go")}, google/tpgiamresource/resource_iam_member.go`,
  },
  // Also replaced when a schema change drops or retypes a column (the provider's schema CustomizeDiff).
  "gcp:bigquery/table:Table": {
    inputs: [
      "datasetId",
      "project",
      "tableId",
      "biglakeConfiguration",
      "encryptionConfiguration",
      "externalDataConfiguration.schema",
      "materializedView.allowNonIncrementalDefinition",
      "materializedView.query",
      "rangePartitioning.field",
      "schemaForeignTypeInfo",
      "tableReplicationInfo",
      "timePartitioning.field",
    ],
    source: tfGoogle("bigquery/resource_bigquery_table.go"),
  },
  "gcp:cloudbuild/trigger:Trigger": {
    inputs: ["location", "project"],
    source: tfGoogle("cloudbuild/resource_cloudbuild_trigger.go"),
  },
  "gcp:cloudscheduler/job:Job": {
    inputs: ["name", "project", "region"],
    source: tfGoogle("cloudscheduler/resource_cloud_scheduler_job.go"),
  },
  // Also replaced (CustomizeDiff) when enableL4IlbSubsetting or enableFqdnNetworkPolicy is turned off, an API is dropped
  // from enableK8sBetaApis.enabledApis, or an Autopilot cluster's dnsConfig.additiveVpcScopeDnsDomain changes.
  "gcp:container/cluster:Cluster": {
    inputs: [
      "name",
      "location",
      "project",
      "network",
      "subnetwork",
      "clusterAutoscaling.autoProvisioningDefaults.bootDiskKmsKey",
      "clusterIpv4Cidr",
      "confidentialNodes",
      "datapathProvider",
      "dataplaneOptimizationMode",
      "defaultMaxPodsPerNode",
      "description",
      "enableAutopilot",
      "enableKubernetesAlpha",
      "enableTpu",
      "initialNodeCount",
      "ipAllocationPolicy.clusterIpv4CidrBlock",
      "ipAllocationPolicy.clusterSecondaryRangeName",
      "ipAllocationPolicy.podCidrOverprovisionConfig",
      "ipAllocationPolicy.servicesIpv4CidrBlock",
      "ipAllocationPolicy.servicesSecondaryRangeName",
      "masterAuth.clientCertificateConfig",
      "networkingMode",
      "nodePools",
      "privateClusterConfig.masterIpv4CidrBlock",
      "privateClusterConfig.privateEndpointSubnetwork",
      "userManagedKeysConfig.aggregationCa",
      "userManagedKeysConfig.clusterCa",
      "userManagedKeysConfig.etcdApiCa",
      "userManagedKeysConfig.etcdPeerCa",
      "nodeConfig.guestAccelerators",
      "nodeConfig.localSsdCount",
      "nodeConfig.ephemeralStorageLocalSsdConfig",
      "nodeConfig.localNvmeSsdBlockConfig",
      "nodeConfig.secondaryBootDisks",
      "nodeConfig.metadata",
      "nodeConfig.minCpuPlatform",
      "nodeConfig.oauthScopes",
      "nodeConfig.preemptible",
      "nodeConfig.reservationAffinity",
      "nodeConfig.spot",
      "nodeConfig.serviceAccount",
      "nodeConfig.shieldedInstanceConfig",
      "nodeConfig.sandboxConfig",
      "nodeConfig.bootDiskKmsKey",
      "nodeConfig.nodeGroup",
      "nodeConfig.advancedMachineFeatures",
      "nodeConfig.soleTenantConfig",
      "nodeConfig.hostMaintenancePolicy",
      "nodeConfig.confidentialNodes.confidentialInstanceType",
      "nodeConfig.enableConfidentialStorage",
      "nodeConfig.localSsdEncryptionMode",
      "nodeConfig.maxRunDuration",
      "nodeConfig.flexStart",
    ],
    source: `${tfGoogle("container/resource_container_cluster.go")}, container/node_config.go`,
  },
  "gcp:container/nodePool:NodePool": {
    inputs: [
      "cluster",
      "location",
      "project",
      "name",
      "namePrefix",
      "initialNodeCount",
      "maxPodsPerNode",
      "networkConfig.acceleratorNetworkProfile",
      "networkConfig.additionalNodeNetworkConfigs",
      "networkConfig.additionalPodNetworkConfigs",
      "networkConfig.createPodRange",
      "networkConfig.podCidrOverprovisionConfig",
      "networkConfig.podIpv4CidrBlock",
      "networkConfig.podRange",
      "networkConfig.subnetwork",
      "placementPolicy.policyName",
      "queuedProvisioning",
      "nodeConfig.guestAccelerators",
      "nodeConfig.localSsdCount",
      "nodeConfig.ephemeralStorageLocalSsdConfig",
      "nodeConfig.localNvmeSsdBlockConfig",
      "nodeConfig.secondaryBootDisks",
      "nodeConfig.metadata",
      "nodeConfig.minCpuPlatform",
      "nodeConfig.oauthScopes",
      "nodeConfig.preemptible",
      "nodeConfig.reservationAffinity",
      "nodeConfig.spot",
      "nodeConfig.serviceAccount",
      "nodeConfig.shieldedInstanceConfig",
      "nodeConfig.sandboxConfig",
      "nodeConfig.bootDiskKmsKey",
      "nodeConfig.nodeGroup",
      "nodeConfig.advancedMachineFeatures",
      "nodeConfig.soleTenantConfig",
      "nodeConfig.hostMaintenancePolicy",
      "nodeConfig.confidentialNodes.confidentialInstanceType",
      "nodeConfig.enableConfidentialStorage",
      "nodeConfig.localSsdEncryptionMode",
      "nodeConfig.maxRunDuration",
      "nodeConfig.flexStart",
    ],
    source: `${tfGoogle("container/resource_container_node_pool.go")}, container/node_config.go`,
  },
  "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": {
    inputs: ["project", "workloadIdentityPoolId"],
    source: tfGoogle("iambeta/resource_iam_workload_identity_pool.go"),
  },
  "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": {
    inputs: ["project", "workloadIdentityPoolId", "workloadIdentityPoolProviderId"],
    source: tfGoogle("iambeta/resource_iam_workload_identity_pool_provider.go"),
  },
  "gcp:kms/cryptoKey:CryptoKey": {
    inputs: ["cryptoKeyBackend", "destroyScheduledDuration", "importOnly", "keyRing", "name", "purpose", "versionTemplate.protectionLevel"],
    source: tfGoogle("kms/resource_kms_crypto_key.go"),
  },
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": {
    inputs: ["cryptoKeyId", "member", "role", "condition"],
    source: `${tfGoogle("kms/iam_kms_crypto_key.go")}, google/tpgiamresource/resource_iam_member.go`,
  },
  "gcp:kms/keyRing:KeyRing": { inputs: ["location", "name", "project"], source: tfGoogle("kms/resource_kms_key_ring.go") },
  "gcp:monitoring/alertPolicy:AlertPolicy": {
    inputs: ["project"],
    source: tfGoogle("monitoring/resource_monitoring_alert_policy.go"),
  },
  "gcp:monitoring/dashboard:Dashboard": { inputs: ["project"], source: tfGoogle("monitoring/resource_monitoring_dashboard.go") },
  "gcp:monitoring/notificationChannel:NotificationChannel": {
    inputs: ["project"],
    source: tfGoogle("monitoring/resource_monitoring_notification_channel.go"),
  },
  "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": {
    inputs: ["project", "checkerType", "httpCheck.requestMethod", "monitoredResource", "resourceGroup", "syntheticMonitor"],
    source: tfGoogle("monitoring/resource_monitoring_uptime_check_config.go"),
  },
  "gcp:projects/serviceIdentity:ServiceIdentity": {
    inputs: ["project", "service"],
    source:
      "hashicorp/terraform-provider-google-beta google-beta/services/resourcemanager/resource_project_service_identity.go (ForceNew, commit 7d060ee7; a stub in the GA provider)",
  },
  "gcp:serviceaccount/iAMMember:IAMMember": {
    inputs: ["serviceAccountId", "member", "role", "condition"],
    source: `${tfGoogle("resourcemanager/iam_service_account.go")}, google/tpgiamresource/resource_iam_member.go`,
  },
  // Also replaced when a locked retention policy is unlocked (ForceNewIfChange on retentionPolicy.isLocked).
  "gcp:storage/bucket:Bucket": {
    inputs: ["name", "location", "project", "customPlacementConfig.dataLocations", "enableObjectRetention", "hierarchicalNamespace"],
    source: tfGoogle("storage/resource_storage_bucket.go"),
  },
  "gcp:storage/bucketIAMMember:BucketIAMMember": {
    inputs: ["bucket", "member", "role", "condition"],
    source: `${tfGoogle("storage/iam_storage_bucket.go")}, google/tpgiamresource/resource_iam_member.go`,
  },
  "gcp:vertex/aiFeatureGroup:AiFeatureGroup": {
    inputs: ["bigQuery.bigQuerySource", "project", "region"],
    source: tfGoogle("vertexai/resource_vertex_ai_feature_group.go"),
  },
  "gcp:vertex/aiFeatureGroupFeature:AiFeatureGroupFeature": {
    inputs: ["featureGroup", "name", "project", "region"],
    source: tfGoogle("vertexai/resource_vertex_ai_feature_group_feature.go"),
  },
  "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore": {
    inputs: ["name", "project", "region"],
    source: tfGoogle("vertexai/resource_vertex_ai_feature_online_store.go"),
  },
  "gcp:vertex/aiFeatureOnlineStoreFeatureview:AiFeatureOnlineStoreFeatureview": {
    inputs: ["featureOnlineStore", "name", "project", "region"],
    source: tfGoogle("vertexai/resource_vertex_ai_feature_online_store_featureview.go"),
  },
  // A metadata store has no update: every field is ForceNew.
  "gcp:vertex/aiMetadataStore:AiMetadataStore": {
    inputs: ALL,
    source:
      "hashicorp/terraform-provider-google-beta google-beta/services/vertexai/resource_vertex_ai_metadata_store.go (ForceNew, commit 049a8b9e; no Update)",
  },
  "gcp:vertex/aiTensorboard:AiTensorboard": {
    inputs: ["encryptionSpec", "project", "region"],
    source: tfGoogle("vertexai/resource_vertex_ai_tensorboard.go"),
  },
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
  "azure-native:applicationinsights:Component": {
    inputs: ["location", "resourceGroupName", "resourceName"],
    source: armUrl("applicationinsights", "component"),
  },
  "azure-native:applicationinsights:WebTest": {
    inputs: ["location", "resourceGroupName", "webTestName"],
    source: armUrl("applicationinsights", "webTest"),
  },
  "azure-native:applicationinsights:Workbook": {
    inputs: ["location", "resourceGroupName", "resourceName"],
    source: armUrl("applicationinsights", "workbook"),
  },
  "azure-native:consumption:Budget": { inputs: ["budgetName", "scope"], source: armUrl("consumption", "budget") },
  "azure-native:containerregistry:Registry": {
    inputs: ["location", "registryName", "resourceGroupName"],
    source: armUrl("containerregistry", "registry"),
  },
  "azure-native:containerservice:AgentPool": {
    inputs: ["agentPoolName", "resourceGroupName", "resourceName"],
    source: armUrl("containerservice", "agentPool"),
  },
  "azure-native:containerservice:ManagedCluster": {
    inputs: ["location", "resourceGroupName", "resourceName"],
    source: armUrl("containerservice", "managedCluster"),
  },
  "azure-native:keyvault:Key": { inputs: ["keyName", "resourceGroupName", "vaultName"], source: armUrl("keyvault", "key") },
  "azure-native:keyvault:Vault": { inputs: ["location", "resourceGroupName", "vaultName"], source: armUrl("keyvault", "vault") },
  "azure-native:machinelearningservices:FeaturesetContainerEntity": {
    inputs: ["name", "resourceGroupName", "workspaceName"],
    source: armUrl("machinelearningservices", "featuresetContainerEntity"),
  },
  "azure-native:machinelearningservices:FeaturesetVersion": {
    inputs: ["name", "resourceGroupName", "version", "workspaceName"],
    source: armUrl("machinelearningservices", "featuresetVersion"),
  },
  "azure-native:machinelearningservices:FeaturestoreEntityContainerEntity": {
    inputs: ["name", "resourceGroupName", "workspaceName"],
    source: armUrl("machinelearningservices", "featurestoreEntityContainerEntity"),
  },
  "azure-native:machinelearningservices:FeaturestoreEntityVersion": {
    inputs: ["name", "resourceGroupName", "version", "workspaceName"],
    source: armUrl("machinelearningservices", "featurestoreEntityVersion"),
  },
  "azure-native:machinelearningservices:Workspace": {
    inputs: ["location", "resourceGroupName", "workspaceName"],
    source: armUrl("machinelearningservices", "workspace"),
  },
  "azure-native:machinelearningservices:WorkspaceConnection": {
    inputs: ["connectionName", "resourceGroupName", "workspaceName"],
    source: armUrl("machinelearningservices", "workspaceConnection"),
  },
  "azure-native:managedidentity:FederatedIdentityCredential": {
    inputs: ["federatedIdentityCredentialResourceName", "resourceGroupName", "resourceName"],
    source: armUrl("managedidentity", "federatedIdentityCredential"),
  },
  "azure-native:monitor:ActionGroup": {
    inputs: ["actionGroupName", "location", "resourceGroupName"],
    source: armUrl("monitor", "actionGroup"),
  },
  "azure-native:monitor:MetricAlert": { inputs: ["location", "resourceGroupName", "ruleName"], source: armUrl("monitor", "metricAlert") },
  "azure-native:monitor:ScheduledQueryRule": {
    inputs: ["location", "resourceGroupName", "ruleName"],
    source: armUrl("monitor", "scheduledQueryRule"),
  },
  "azure-native:network:PrivateDnsZoneGroup": {
    inputs: ["privateDnsZoneGroupName", "privateEndpointName", "resourceGroupName"],
    source: armUrl("network", "privateDnsZoneGroup"),
  },
  "azure-native:network:PrivateEndpoint": {
    inputs: ["location", "privateEndpointName", "resourceGroupName"],
    source: armUrl("network", "privateEndpoint"),
  },
  "azure-native:redis:Redis": { inputs: ["location", "name", "resourceGroupName"], source: armUrl("redis", "redis") },
  "azure-native:storage:Blob": {
    inputs: ["accountName", "blobName", "containerName", "resourceGroupName"],
    source: armUrl("storage", "blob"),
  },
  "azure-native:storage:BlobContainer": {
    inputs: ["accountName", "containerName", "resourceGroupName"],
    source: armUrl("storage", "blobContainer"),
  },
  "azure-native:storage:ManagementPolicy": {
    inputs: ["accountName", "managementPolicyName", "resourceGroupName"],
    source: armUrl("storage", "managementPolicy"),
  },
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

  // Kubernetes (the TrainingCluster's in-cluster objects)
  "kubernetes:core/v1:Namespace": { inputs: ["metadata.name"], source: k8s("Namespace (cluster-scoped: name only)") },
  "kubernetes:core/v1:ResourceQuota": { inputs: ["metadata.name", "metadata.namespace"], source: k8s("ResourceQuota") },
  "kubernetes:core/v1:ServiceAccount": { inputs: ["metadata.name", "metadata.namespace"], source: k8s("ServiceAccount") },
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": { inputs: ["metadata.name", "metadata.namespace"], source: k8s("NetworkPolicy") },
  "kubernetes:helm.sh/v3:Release": {
    inputs: ["name", "namespace"],
    source: "Kubernetes API / Helm: a release is named within its namespace; pulumi/pulumi-kubernetes replaces a Release on either",
  },
  // A provider pointed at another cluster replaces every object it manages.
  "pulumi:providers:kubernetes": {
    inputs: ["cluster", "context", "kubeconfig"],
    source: fromMemory("pulumi/pulumi-kubernetes provider DiffConfig: a change of the target cluster replaces the provider"),
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
  "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer",
  "aws:glue/catalogDatabase:CatalogDatabase",
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
  "gcp:vertex/aiMetadataStore:AiMetadataStore",
  "gcp:vertex/aiTensorboard:AiTensorboard",
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
  "azure-native:redis:Redis",
  // Like a resource group: deleting a team's namespace deletes its jobs, volumes and secrets.
  "kubernetes:core/v1:Namespace",
];

const STATEFUL = new Set(STATEFUL_TYPES);

/** True for a type whose delete or replacement loses data (or, for a resource group, everything in it). */
export function isStateful(type: string): boolean {
  return STATEFUL.has(type);
}
