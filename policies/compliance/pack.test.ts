import { describePackManifest } from "@mlops-kit/policy-common/manifest";

// The pack's rules, pinned: adding, renaming or removing a rule changes this list on purpose.
const RULES = [
  "mlops-aws-cloudwatch-alarm-actions",
  "mlops-aws-cloudwatch-log-retention",
  "mlops-aws-data-prod-deletion-safety",
  "mlops-aws-eks-prod-cluster-protected",
  "mlops-aws-kms-key-deletion-window",
  "mlops-aws-location-allowed-regions",
  "mlops-aws-monitoring-service-slo-alerts",
  "mlops-aws-s3-versioning",
  "mlops-aws-tagging-required-tags",
  "mlops-azure-aks-prod-cluster-protected",
  "mlops-azure-data-prod-deletion-safety",
  "mlops-azure-keyvault-purge-protection",
  "mlops-azure-keyvault-soft-delete",
  "mlops-azure-location-allowed-regions",
  "mlops-azure-monitor-action-group-receivers",
  "mlops-azure-monitor-log-retention",
  "mlops-azure-monitor-service-slo-alerts",
  "mlops-azure-storage-blob-soft-delete",
  "mlops-azure-tagging-required-tags",
  "mlops-gcp-data-prod-deletion-safety",
  "mlops-gcp-gke-prod-cluster-protected",
  "mlops-gcp-kms-key-destroy-delay",
  "mlops-gcp-location-allowed-regions",
  "mlops-gcp-logging-bucket-retention",
  "mlops-gcp-logging-exclusion-scoped",
  "mlops-gcp-monitoring-alert-policy-channels",
  "mlops-gcp-monitoring-alert-policy-lb-labels",
  "mlops-gcp-monitoring-service-slo-alerts",
  "mlops-gcp-serviceusage-api-kept-on-destroy",
  "mlops-gcp-storage-bucket-versioning",
  "mlops-gcp-tagging-required-labels",
];

describePackManifest(__dirname, "mlops-compliance", "compliance", RULES);
