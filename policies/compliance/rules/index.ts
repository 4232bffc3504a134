import type { MlopsPolicy } from "@mlops-kit/policy-common";
import awsCloudwatchAlarmActions from "./aws/cloudwatch/alarm-actions";
import awsCloudwatchLogRetention from "./aws/cloudwatch/log-retention";
import awsDataProdDeletionSafety from "./aws/data/prod-deletion-safety";
import awsEksProdClusterProtected from "./aws/eks/prod-cluster-protected";
import awsKmsKeyDeletionWindow from "./aws/kms/key-deletion-window";
import awsLocationAllowedRegions from "./aws/location/allowed-regions";
import awsMonitoringServiceSloAlerts from "./aws/monitoring/service-slo-alerts";
import awsS3Versioning from "./aws/s3/versioning";
import awsTaggingRequiredTags from "./aws/tagging/required-tags";
import azureAksProdClusterProtected from "./azure/aks/prod-cluster-protected";
import azureDataProdDeletionSafety from "./azure/data/prod-deletion-safety";
import azureKeyvaultPurgeProtection from "./azure/keyvault/purge-protection";
import azureKeyvaultSoftDelete from "./azure/keyvault/soft-delete";
import azureLocationAllowedRegions from "./azure/location/allowed-regions";
import azureMonitorActionGroupReceivers from "./azure/monitor/action-group-receivers";
import azureMonitorLogRetention from "./azure/monitor/log-retention";
import azureMonitorServiceSloAlerts from "./azure/monitor/service-slo-alerts";
import azureStorageBlobSoftDelete from "./azure/storage/blob-soft-delete";
import azureTaggingRequiredTags from "./azure/tagging/required-tags";
import gcpDataProdDeletionSafety from "./gcp/data/prod-deletion-safety";
import gcpGkeProdClusterProtected from "./gcp/gke/prod-cluster-protected";
import gcpKmsKeyDestroyDelay from "./gcp/kms/key-destroy-delay";
import gcpLocationAllowedRegions from "./gcp/location/allowed-regions";
import gcpLoggingBucketRetention from "./gcp/logging/bucket-retention";
import gcpLoggingExclusionScoped from "./gcp/logging/exclusion-scoped";
import gcpMonitoringAlertPolicyChannels from "./gcp/monitoring/alert-policy-channels";
import gcpMonitoringAlertPolicyLbLabels from "./gcp/monitoring/alert-policy-lb-labels";
import gcpMonitoringServiceSloAlerts from "./gcp/monitoring/service-slo-alerts";
import gcpServiceusageApiKeptOnDestroy from "./gcp/serviceusage/api-kept-on-destroy";
import gcpStorageBucketVersioning from "./gcp/storage/bucket-versioning";
import gcpTaggingRequiredLabels from "./gcp/tagging/required-labels";
/** Every rule of the compliance pack. A new rule is one file under <cloud>/<service>/, listed here. */
export const policies: MlopsPolicy[] = [
  awsCloudwatchLogRetention,
  awsDataProdDeletionSafety,
  awsKmsKeyDeletionWindow,
  awsLocationAllowedRegions,
  awsS3Versioning,
  awsTaggingRequiredTags,
  azureDataProdDeletionSafety,
  azureKeyvaultPurgeProtection,
  azureKeyvaultSoftDelete,
  azureLocationAllowedRegions,
  azureMonitorLogRetention,
  azureStorageBlobSoftDelete,
  azureTaggingRequiredTags,
  gcpDataProdDeletionSafety,
  gcpKmsKeyDestroyDelay,
  gcpLocationAllowedRegions,
  gcpLoggingBucketRetention,
  gcpLoggingExclusionScoped,
  gcpServiceusageApiKeptOnDestroy,
  gcpStorageBucketVersioning,
  gcpTaggingRequiredLabels,
  awsEksProdClusterProtected,
  gcpGkeProdClusterProtected,
  azureAksProdClusterProtected,
  awsCloudwatchAlarmActions,
  awsMonitoringServiceSloAlerts,
  azureMonitorActionGroupReceivers,
  azureMonitorServiceSloAlerts,
  gcpMonitoringAlertPolicyChannels,
  gcpMonitoringAlertPolicyLbLabels,
  gcpMonitoringServiceSloAlerts,
];
