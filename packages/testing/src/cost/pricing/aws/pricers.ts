import type { Pricer } from "../../types";
import { autoscalingGroup, eksCluster, eksNodeGroup } from "./compute";
import { elasticIp, loadBalancer, natGateway, vpcEndpoint } from "./network";
import {
  bucket,
  codebuildProject,
  codepipelinePipeline,
  dashboard,
  ecrRepository,
  healthCheck,
  kmsKey,
  logGroup,
  metricAlarm,
  schedulerSchedule,
  UNREAD_PRICERS,
  webAcl,
} from "./services";
import { SOURCES } from "./sources";

/** How each billed AWS resource type is billed, by type token. */
export const AWS_PRICERS: Readonly<Record<string, Pricer>> = {
  "aws:ec2/natGateway:NatGateway": natGateway,
  "aws:ec2/eip:Eip": elasticIp,
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:autoscaling/group:Group": autoscalingGroup,
  "aws:eks/cluster:Cluster": eksCluster,
  "aws:eks/nodeGroup:NodeGroup": eksNodeGroup,
  "aws:kms/key:Key": kmsKey,
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
  "aws:cloudwatch/dashboard:Dashboard": dashboard,
  "aws:s3/bucket:Bucket": bucket,
  "aws:ecr/repository:Repository": ecrRepository,
  "aws:route53/healthCheck:HealthCheck": healthCheck,
  "aws:codebuild/project:Project": codebuildProject,
  "aws:wafv2/webAcl:WebAcl": webAcl,
  "aws:codepipeline/pipeline:Pipeline": codepipelinePipeline,
  "aws:scheduler/schedule:Schedule": schedulerSchedule,
  ...UNREAD_PRICERS,
};

const NETWORK = `VPCs, subnets, route tables, gateways to the internet and security groups are not billed (${SOURCES.gatewayEndpoint})`;
const IAM = "IAM is not billed";
const BILLED_ON = (what: string) => `billed on ${what}, priced there`;
const SETTINGS = "a setting of its bucket: billed as the bucket's storage and requests";
const ON_NODES = "runs on the cluster's nodes, priced with the node groups";

/** Resource types that cost nothing by themselves, with why. */
export const AWS_FREE: Readonly<Record<string, string>> = {
  "aws:ec2/vpc:Vpc": NETWORK,
  "aws:ec2/subnet:Subnet": NETWORK,
  "aws:ec2/routeTable:RouteTable": NETWORK,
  "aws:ec2/route:Route": NETWORK,
  "aws:ec2/routeTableAssociation:RouteTableAssociation": NETWORK,
  "aws:ec2/internetGateway:InternetGateway": NETWORK,
  "aws:ec2/securityGroup:SecurityGroup": NETWORK,
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": NETWORK,
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": NETWORK,
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": NETWORK,
  "aws:ec2/flowLog:FlowLog": BILLED_ON("its destination log group (vended-log ingestion)"),
  "aws:ec2/launchTemplate:LaunchTemplate": BILLED_ON("the group that launches it (instances and volumes)"),
  "aws:iam/role:Role": IAM,
  "aws:iam/policy:Policy": IAM,
  "aws:iam/rolePolicy:RolePolicy": IAM,
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": IAM,
  "aws:iam/instanceProfile:InstanceProfile": IAM,
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": IAM,
  "aws:acm/certificate:Certificate":
    "public ACM certificates are not billed (https://digitaliceroom.com/aws-cheat-sheet/aws-security/aws-certificate-manager: public SSL/TLS certificates provisioned through ACM are free of charge)",
  "aws:autoscaling/policy:Policy": BILLED_ON("its group's instances"),
  "aws:autoscaling/tag:Tag": "a tag is not billed",
  "aws:lb/listener:Listener": BILLED_ON("its load balancer (LCU-hours)"),
  "aws:lb/targetGroup:TargetGroup": BILLED_ON("its load balancer (LCU-hours)"),
  "aws:wafv2/webAclAssociation:WebAclAssociation": BILLED_ON("its web ACL"),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": SETTINGS,
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": SETTINGS,
  "aws:s3/bucketPolicy:BucketPolicy": SETTINGS,
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": SETTINGS,
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": SETTINGS,
  "aws:s3/bucketVersioning:BucketVersioning": SETTINGS,
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": BILLED_ON("its repository (it lowers the storage)"),
  "aws:eks/addon:Addon": ON_NODES,
  "aws:eks/podIdentityAssociation:PodIdentityAssociation":
    "an EKS identity mapping is not billed (general knowledge: no pricing page stating it was read)",
  "aws:sagemaker/modelPackageGroup:ModelPackageGroup":
    "the SageMaker model registry is not billed; the artifacts are billed as the bucket's storage (general knowledge: no pricing page stating it was read)",
  "aws:codestarconnections/connection:Connection":
    "a connection to a source host is not billed (general knowledge: no pricing page stating it was read)",
  "aws:budgets/budget:Budget": `a budget without actions is not billed: the price list bills plain budgets $0.00 per budget-day, and only action-enabled budgets (past 62 budget-days) at $0.10 (${SOURCES.budgets})`,
  "aws:glue/catalogDatabase:CatalogDatabase": `a catalog database and its tables are a few Data Catalog objects, inside the free tier of a million objects stored and a million requests a month (${SOURCES.glueCatalog}); past it the catalog is billed, at prices not read`,
  "aws:sns/topicPolicy:TopicPolicy": BILLED_ON("its topic"),
  "aws:sns/topicSubscription:TopicSubscription": BILLED_ON("its topic (deliveries)"),
  "kubernetes:core/v1:Namespace": ON_NODES,
  "kubernetes:core/v1:ResourceQuota": ON_NODES,
  "kubernetes:core/v1:ServiceAccount": ON_NODES,
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": ON_NODES,
  "kubernetes:helm.sh/v3:Release": ON_NODES,
  "pulumi:providers:kubernetes": "a provider is not a cloud resource",
};
