/**
 * Typical creation time per resource type, in seconds: the weights of the deploy critical path.
 *
 * These are planning figures for a successful create in a healthy region, not guarantees. Each
 * row names where its order of magnitude comes from: the cloud's documentation of how long the
 * operation takes or what the create waits for, and the upper bound the provider's documented
 * create timeout puts on it. Types not listed take {@link DEFAULT_SECONDS}: API calls that return
 * once the object exists (IAM bindings, rules, policies, tags).
 */

export interface CreationTime {
  seconds: number;
  /** Why this figure: what the create waits for. */
  basis: string;
  /** Where the figure comes from. */
  source: string;
}

/** Resources not in the table: a synchronous API call, a few seconds. */
export const DEFAULT_SECONDS = 5;

const TF_AWS = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources";
const TF_GOOGLE = "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources";
const AZ = "https://learn.microsoft.com/azure";

export const CREATION_TIMES: Record<string, CreationTime> = {
  // --- AWS ---------------------------------------------------------------------------------------
  "aws:ec2/natGateway:NatGateway": {
    seconds: 120,
    basis: "the create waits for the gateway to leave `pending` for `available`, typically 1-2 min (provider create timeout 10 min)",
    source: `https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html ; ${TF_AWS}/nat_gateway#timeouts`,
  },
  "aws:lb/loadBalancer:LoadBalancer": {
    seconds: 180,
    basis: "an ALB is created in state `provisioning` and the provider waits for `active`, typically 2-3 min (create timeout 10 min)",
    source: `https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-state ; ${TF_AWS}/lb#timeouts`,
  },
  "aws:autoscaling/group:Group": {
    seconds: 240,
    basis:
      "the provider waits until `min_size` instances are InService (wait_for_capacity_timeout, default 10 min): launch, boot, image pull, typically 3-5 min",
    source: `${TF_AWS}/autoscaling_group#waiting-for-capacity ; https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-lifecycle.html`,
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint#Interface": {
    seconds: 90,
    basis: "interface endpoints place an ENI per subnet and wait for `available`, typically 1-2 min (create timeout 10 min)",
    source: `${TF_AWS}/vpc_endpoint#timeouts ; https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html`,
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint#Gateway": {
    seconds: 10,
    basis: "a gateway endpoint is route-table entries only; available within seconds",
    source: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html",
  },
  "aws:ec2/vpc:Vpc": {
    seconds: 5,
    basis: "the provider waits for state `available` and sets DNS attributes",
    source: `${TF_AWS}/vpc`,
  },
  "aws:ec2/subnet:Subnet": { seconds: 5, basis: "waits for state `available`", source: `${TF_AWS}/subnet#timeouts` },
  "aws:ec2/internetGateway:InternetGateway": { seconds: 5, basis: "create, then attach to the VPC", source: `${TF_AWS}/internet_gateway` },
  "aws:iam/instanceProfile:InstanceProfile": {
    seconds: 10,
    basis: "IAM is eventually consistent; the provider waits for the profile to be usable by EC2",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency",
  },
  "aws:iam/role:Role": {
    seconds: 10,
    basis: "IAM eventual consistency: the provider retries until the role is visible",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency",
  },
  "aws:kms/key:Key": {
    seconds: 10,
    basis: "the provider waits for the key and its policy to propagate",
    source: `${TF_AWS}/kms_key#timeouts`,
  },
  "aws:acm/certificate:Certificate": {
    seconds: 10,
    basis:
      "the request returns at once in PENDING_VALIDATION; issuance waits for DNS records this stack does not manage (README: a first `up` stops at the HTTPS listener)",
    source: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
  },
  "aws:s3/bucket:Bucket": { seconds: 5, basis: "create, then the provider reads the bucket back", source: `${TF_AWS}/s3_bucket#timeouts` },

  // --- GCP ---------------------------------------------------------------------------------------
  // Compute Engine writes are long-running operations the provider polls to completion.
  "gcp:compute/network:Network": {
    seconds: 30,
    basis: "global operation, typically 20-40 s",
    source: `${TF_GOOGLE}/compute_network#timeouts ; https://cloud.google.com/compute/docs/api/how-tos/api-requests-responses#handling_api_responses`,
  },
  "gcp:compute/subnetwork:Subnetwork": {
    seconds: 20,
    basis: "regional operation, typically 10-30 s",
    source: `${TF_GOOGLE}/compute_subnetwork#timeouts`,
  },
  "gcp:compute/router:Router": { seconds: 15, basis: "regional operation", source: `${TF_GOOGLE}/compute_router#timeouts` },
  "gcp:compute/routerNat:RouterNat": {
    seconds: 30,
    basis: "a patch of the router; NAT serves new connections once it completes",
    source: `${TF_GOOGLE}/compute_router_nat#timeouts ; https://cloud.google.com/nat/docs/set-up-manage-network-address-translation`,
  },
  "gcp:compute/firewall:Firewall": { seconds: 15, basis: "global operation", source: `${TF_GOOGLE}/compute_firewall#timeouts` },
  "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate": {
    seconds: 10,
    basis: "regional operation",
    source: `${TF_GOOGLE}/compute_region_instance_template#timeouts`,
  },
  "gcp:compute/healthCheck:HealthCheck": { seconds: 15, basis: "global operation", source: `${TF_GOOGLE}/compute_health_check#timeouts` },
  "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager": {
    seconds: 30,
    basis: "regional operation; with wait_for_instances=false the provider does not wait for the VMs to boot",
    source: `${TF_GOOGLE}/compute_region_instance_group_manager#wait_for_instances`,
  },
  "gcp:compute/regionAutoscaler:RegionAutoscaler": {
    seconds: 15,
    basis: "regional operation",
    source: `${TF_GOOGLE}/compute_region_autoscaler#timeouts`,
  },
  "gcp:compute/backendService:BackendService": {
    seconds: 45,
    basis: "global load-balancer configuration, typically 30-60 s",
    source: `${TF_GOOGLE}/compute_backend_service#timeouts ; https://cloud.google.com/load-balancing/docs/https`,
  },
  "gcp:compute/securityPolicy:SecurityPolicy": {
    seconds: 20,
    basis: "global operation",
    source: `${TF_GOOGLE}/compute_security_policy#timeouts`,
  },
  "gcp:compute/uRLMap:URLMap": { seconds: 15, basis: "global operation", source: `${TF_GOOGLE}/compute_url_map#timeouts` },
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": {
    seconds: 15,
    basis: "global operation",
    source: `${TF_GOOGLE}/compute_target_https_proxy#timeouts`,
  },
  "gcp:compute/targetHttpProxy:TargetHttpProxy": {
    seconds: 15,
    basis: "global operation",
    source: `${TF_GOOGLE}/compute_target_http_proxy#timeouts`,
  },
  "gcp:compute/globalAddress:GlobalAddress": {
    seconds: 15,
    basis: "global operation",
    source: `${TF_GOOGLE}/compute_global_address#timeouts`,
  },
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": {
    seconds: 45,
    basis:
      "global operation, typically 30-60 s; the configuration then propagates to Google's edge for several more minutes (not waited for)",
    source: `${TF_GOOGLE}/compute_global_forwarding_rule#timeouts ; https://cloud.google.com/load-balancing/docs/https`,
  },
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": {
    seconds: 15,
    basis: "the create returns in PROVISIONING; issuance (up to 60 min) waits for DNS and is not waited for",
    source: "https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs",
  },
  "gcp:compute/sSLPolicy:SSLPolicy": { seconds: 15, basis: "global operation", source: `${TF_GOOGLE}/compute_ssl_policy#timeouts` },
  "gcp:projects/iAMMember:IAMMember": {
    seconds: 10,
    basis: "read-modify-write of the project policy (the provider serialises them per project)",
    source: `${TF_GOOGLE}/google_project_iam`,
  },

  // --- Azure -------------------------------------------------------------------------------------
  // ARM PUTs are long-running operations the provider polls until provisioningState is Succeeded.
  "azure-native:network:ApplicationGateway": {
    seconds: 360,
    basis: "v2 gateways take about 5-6 min to provision (v1 took up to 20)",
    source: `${AZ}/application-gateway/application-gateway-faq#how-long-does-it-take-to-deploy-an-application-gateway-does-my-application-gateway-still-work-when-being-updated`,
  },
  "azure-native:compute:VirtualMachineScaleSet": {
    seconds: 240,
    basis: "the PUT completes once the initial instances and their extensions (health, GPU driver) report Succeeded, typically 3-5 min",
    source: `${AZ}/virtual-machine-scale-sets/virtual-machine-scale-sets-deploy-app ; ${AZ}/virtual-machines/extensions/overview`,
  },
  "azure-native:network:NatGateway": {
    seconds: 20,
    basis: "ARM long-running PUT",
    source: `${AZ}/nat-gateway/quickstart-create-nat-gateway-portal`,
  },
  "azure-native:network:PublicIPAddress": {
    seconds: 10,
    basis: "ARM long-running PUT",
    source: `${AZ}/virtual-network/ip-services/public-ip-addresses`,
  },
  "azure-native:network:VirtualNetwork": {
    seconds: 10,
    basis: "ARM long-running PUT",
    source: `${AZ}/virtual-network/quick-create-portal`,
  },
  "azure-native:network:Subnet": {
    seconds: 10,
    basis: "ARM PUT; the virtual network is locked while a subnet changes, so subnets go one at a time",
    source: `${AZ}/virtual-network/virtual-network-manage-subnet`,
  },
  "azure-native:network:NetworkSecurityGroup": {
    seconds: 10,
    basis: "ARM long-running PUT",
    source: `${AZ}/virtual-network/manage-network-security-group`,
  },
  "azure-native:network:SecurityRule": {
    seconds: 10,
    basis: "ARM PUT on the group; one write per group at a time",
    source: `${AZ}/virtual-network/manage-network-security-group`,
  },
  "azure-native:privatedns:PrivateZone": {
    seconds: 40,
    basis: "global ARM operation, typically 30-60 s",
    source: `${AZ}/dns/private-dns-getstarted-portal`,
  },
  "azure-native:privatedns:VirtualNetworkLink": {
    seconds: 40,
    basis: "global ARM operation, typically 30-60 s",
    source: `${AZ}/dns/private-dns-virtual-network-links`,
  },
  "azure-native:storage:StorageAccount": {
    seconds: 25,
    basis: "ARM long-running PUT, typically 20-30 s",
    source: `${AZ}/storage/common/storage-account-create`,
  },
  "azure-native:network:FlowLog": {
    seconds: 30,
    basis: "Network Watcher configures the flow log on the target",
    source: `${AZ}/network-watcher/vnet-flow-logs-portal`,
  },
  "azure-native:operationalinsights:Workspace": {
    seconds: 30,
    basis: "ARM long-running PUT",
    source: `${AZ}/azure-monitor/logs/quick-create-workspace`,
  },
  "azure-native:network:WebApplicationFirewallPolicy": {
    seconds: 10,
    basis: "ARM long-running PUT",
    source: `${AZ}/web-application-firewall/ag/create-waf-policy-ag`,
  },
  // --- TrainingCluster (Kubernetes) ------------------------------------------------------------
  // Cluster creation dominates; pools, add-ons and identities each wait for the cluster only, and
  // Helm releases for the system nodes (a GPU device plugin for nothing more), so the path is
  // cluster -> system nodes -> CoreDNS / Helm release.
  "aws:eks/cluster:Cluster": {
    seconds: 600,
    basis: "the control plane is created in state CREATING and the provider waits for ACTIVE, typically 8-12 min (create timeout 30 min)",
    source: `${TF_AWS}/eks_cluster#timeouts ; https://docs.aws.amazon.com/eks/latest/userguide/create-cluster.html`,
  },
  "aws:eks/nodeGroup:NodeGroup": {
    seconds: 180,
    basis:
      "waits for ACTIVE: the Auto Scaling group launches `desiredSize` nodes and they join, typically 2-4 min; a group at 0 is quicker",
    source: `${TF_AWS}/eks_node_group#timeouts ; https://docs.aws.amazon.com/eks/latest/userguide/create-managed-node-group.html`,
  },
  "aws:eks/addon:Addon": {
    seconds: 60,
    basis: "waits for ACTIVE: the add-on's pods are running (CoreDNS needs nodes), typically under 2 min (create timeout 20 min)",
    source: `${TF_AWS}/eks_addon#timeouts`,
  },
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
    seconds: 5,
    basis: "a synchronous API call, no waiting",
    source: `${TF_AWS}/eks_pod_identity_association`,
  },
  "gcp:container/cluster:Cluster": {
    seconds: 420,
    basis:
      "long-running operation: a regional control plane and the default pool (then removed), typically 5-8 min (create timeout 40 min)",
    source: `${TF_GOOGLE}/container_cluster#timeouts ; https://cloud.google.com/kubernetes-engine/docs/how-to/creating-a-regional-cluster`,
  },
  "gcp:container/nodePool:NodePool": {
    seconds: 150,
    basis: "long-running operation creating one managed instance group per zone, typically 2-3 min (create timeout 30 min)",
    source: `${TF_GOOGLE}/container_node_pool#timeouts`,
  },
  "gcp:kms/keyRing:KeyRing": { seconds: 5, basis: "a synchronous API call, no waiting", source: `${TF_GOOGLE}/kms_key_ring` },
  "azure-native:containerservice:ManagedCluster": {
    seconds: 480,
    basis: "long-running operation with the system pool's nodes, typically 5-10 min",
    source: `${AZ}/aks/learn/quick-kubernetes-deploy-cli ; ${AZ}/azure-resource-manager/management/async-operations`,
  },
  "azure-native:containerservice:AgentPool": {
    seconds: 180,
    basis: "long-running operation creating the pool's scale set (no nodes at minCount 0), typically 2-4 min",
    source: `${AZ}/aks/create-node-pools`,
  },
  "azure-native:keyvault:Vault": {
    seconds: 20,
    basis: "long-running operation until the vault's DNS name resolves",
    source: `${AZ}/key-vault/general/quick-create-cli`,
  },
  "kubernetes:helm.sh/v3:Release": {
    seconds: 90,
    basis: "an atomic install waits for the release's pods to be ready, typically 1-2 min (timeout 300 s by default)",
    source: "https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/ ; https://helm.sh/docs/helm/helm_install/",
  },
  // --- FeatureStore ------------------------------------------------------------------------------
  "aws:sagemaker/featureGroup:FeatureGroup": {
    seconds: 60,
    basis: "the provider waits for FeatureGroupStatus `Created` (online store and Glue table provisioned), typically under a minute",
    source: `https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeFeatureGroup.html ; ${TF_AWS}/sagemaker_feature_group`,
  },
  "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore": {
    seconds: 600,
    basis: "a long-running operation that provisions the Bigtable or Optimized serving nodes, several minutes (create timeout 20 min)",
    source: `${TF_GOOGLE}/vertex_ai_feature_online_store#timeouts`,
  },
  "gcp:vertex/aiFeatureOnlineStoreFeatureview:AiFeatureOnlineStoreFeatureview": {
    seconds: 60,
    basis: "a long-running operation on the online store (create timeout 20 min)",
    source: `${TF_GOOGLE}/vertex_ai_feature_online_store_featureview#timeouts`,
  },
  "azure-native:redis:Redis": {
    seconds: 1200,
    basis: "Azure Cache for Redis takes 15-20 min to provision (longer for Premium with zones)",
    source: `${AZ}/azure-cache-for-redis/quickstart-create-redis`,
  },
  "azure-native:machinelearningservices:Workspace": {
    seconds: 180,
    basis: "ARM long-running PUT that provisions the workspace and its managed network settings, a few minutes",
    source: `${AZ}/machine-learning/how-to-manage-workspace`,
  },
  "azure-native:network:PrivateEndpoint": {
    seconds: 60,
    basis: "ARM long-running PUT: the endpoint's NIC and the Private Link connection, about a minute",
    source: `${AZ}/private-link/create-private-endpoint-portal`,
  },
};

/** What a weight is looked up by: the type, refined for types whose cost depends on an input. */
export function creationKey(r: { type: string; inputs?: Record<string, unknown> }): string {
  if (r.type === "aws:ec2/vpcEndpoint:VpcEndpoint") {
    return `${r.type}#${r.inputs?.vpcEndpointType === "Interface" ? "Interface" : "Gateway"}`;
  }
  return r.type;
}

export function creationSeconds(r: { type: string; inputs?: Record<string, unknown> }): number {
  return CREATION_TIMES[creationKey(r)]?.seconds ?? DEFAULT_SECONDS;
}
