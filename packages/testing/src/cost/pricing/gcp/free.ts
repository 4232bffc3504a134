/** GCP resource types of the components that cost nothing by themselves, with why. */

const IAM = "IAM bindings, service accounts and workload identity federation are not billed";
const K8S = "a Kubernetes object inside the cluster: billed as the cluster's nodes";

export const GCP_FREE: Readonly<Record<string, string>> = {
  "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate":
    "a template is not billed; its instances are priced on the instance group that runs them",
  "gcp:compute/regionAutoscaler:RegionAutoscaler": "not billed; its bounds price the instance group it scales",
  "gcp:compute/network:Network": "a VPC network is not billed; traffic and the resources in it are",
  "gcp:compute/subnetwork:Subnetwork": "a subnetwork is not billed; its flow logs are priced where they are stored (the flow-log bucket)",
  "gcp:compute/firewall:Firewall": "firewall rules are not billed; their logs are vended network logs where stored",
  "gcp:compute/router:Router": "a Cloud Router with no BGP sessions is not billed; the NAT on it is priced as Cloud NAT",
  "gcp:compute/healthCheck:HealthCheck": "health checks of a load balancer are not billed",
  "gcp:compute/uRLMap:URLMap":
    "a URL map of the global external Application Load Balancer is not billed; its forwarding rules and data are",
  "gcp:compute/targetHttpProxy:TargetHttpProxy": "a target proxy is not billed; its forwarding rule is",
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": "a target proxy is not billed; its forwarding rule is",
  "gcp:compute/sSLPolicy:SSLPolicy": "SSL policies are not billed",
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": "Google-managed certificates are not billed",
  "gcp:dns/recordSet:RecordSet": "records are billed with their managed zone (and per query)",
  "gcp:kms/keyRing:KeyRing": "a key ring is not billed; its keys' versions are",
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": IAM,
  "gcp:logging/projectSink:ProjectSink": "the Log Router is not billed (Cloud Logging pricing: 'Log Router: no additional charge')",
  "gcp:logging/projectExclusion:ProjectExclusion": "the Log Router is not billed; an exclusion keeps logs out of a bucket",
  "gcp:monitoring/dashboard:Dashboard": "dashboards are not a billed Cloud Monitoring item",
  "gcp:monitoring/alertPolicy:AlertPolicy":
    "alerting is not billed yet: 'Starting no sooner than September 1, 2027, Cloud Monitoring will begin charging for alerting' (https://cloud.google.com/stackdriver/pricing, read 2026-11-30)",
  "gcp:monitoring/notificationChannel:NotificationChannel": "an email notification channel is not billed",
  "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": IAM,
  "gcp:storage/bucketIAMMember:BucketIAMMember": IAM,
  "gcp:bigquery/table:Table": "a table's bytes are billed as its dataset's storage (priced on the dataset)",
  "gcp:bigquery/datasetIamMember:DatasetIamMember": IAM,
  "gcp:vertex/aiFeatureGroup:AiFeatureGroup": "a feature registry entry over a BigQuery table; the online store and BigQuery are billed",
  "gcp:vertex/aiFeatureGroupFeature:AiFeatureGroupFeature":
    "a feature registry entry over a BigQuery column; the online store and BigQuery are billed",
  "gcp:projects/iAMMember:IAMMember": IAM,
  "gcp:projects/serviceIdentity:ServiceIdentity": IAM,
  "gcp:serviceaccount/account:Account": IAM,
  "gcp:serviceaccount/iAMMember:IAMMember": IAM,
  "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": IAM,
  "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": IAM,
  "kubernetes:core/v1:Namespace": K8S,
  "kubernetes:core/v1:ResourceQuota": K8S,
  "kubernetes:core/v1:ServiceAccount": K8S,
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": K8S,
  "pulumi:providers:kubernetes": "a Pulumi provider, not a cloud resource",
};
