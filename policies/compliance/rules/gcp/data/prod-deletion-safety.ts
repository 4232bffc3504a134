import { checkDeletionSafety, deletionSafetySchema, stackRule } from "@mlops-kit/policy-common";

const STATEFUL = [
  "gcp:storage/bucket:Bucket",
  "gcp:logging/projectBucketConfig:ProjectBucketConfig",
  "gcp:logging/folderBucketConfig:FolderBucketConfig",
  "gcp:logging/organizationBucketConfig:OrganizationBucketConfig",
  "gcp:kms/keyRing:KeyRing",
  "gcp:kms/cryptoKey:CryptoKey",
  "gcp:bigquery/dataset:Dataset",
  "gcp:bigquery/table:Table",
  "gcp:artifactregistry/repository:Repository",
  "gcp:sql/databaseInstance:DatabaseInstance",
  "gcp:filestore/instance:Instance",
  "gcp:vertex/aiMetadataStore:AiMetadataStore",
  "gcp:vertex/aiTensorboard:AiTensorboard",
  "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore",
];

export default stackRule({
  name: "mlops-gcp-data-prod-deletion-safety",
  description:
    "In production stacks, resources that hold data (buckets, log buckets, KMS keys, datasets, ...) have protect or retainOnDelete.",
  severity: "high",
  frameworks: { nist: ["CP-9", "SI-12", "AU-9"], pci: ["10.3.3"] },
  remediation: [
    "Set the resource option retainOnDelete: true (the resource stays in GCP when Pulumi deletes or replaces it) or protect: true (Pulumi refuses to delete it); mlops-kit does so in the prod profile.",
  ],
  configSchema: deletionSafetySchema(STATEFUL),
  validateStack: (args, report) => checkDeletionSafety(args, report),
});
