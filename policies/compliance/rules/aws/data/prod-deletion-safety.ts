import { checkDeletionSafety, deletionSafetySchema, stackRule } from "@mlops-kit/policy-common";
import { LogGroup } from "@pulumi/aws/cloudwatch";

const STATEFUL = [
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:kms/key:Key",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:dynamodb/table:Table",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:efs/fileSystem:FileSystem",
  "aws:ecr/repository:Repository",
  "aws:sagemaker/featureGroup:FeatureGroup",
  "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer",
  "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
  "aws:glue/catalogDatabase:CatalogDatabase",
];

export default stackRule({
  name: "mlops-aws-data-prod-deletion-safety",
  description:
    "In production stacks, resources that hold data (log groups, KMS keys, buckets, tables, ...) have protect or retainOnDelete.",
  severity: "high",
  frameworks: { nist: ["CP-9", "SI-12", "AU-9"], pci: ["10.3.3"] },
  remediation: [
    "Set the resource option retainOnDelete: true (the resource stays in AWS when Pulumi deletes or replaces it) or protect: true (Pulumi refuses to delete it); mlops-kit does so in the prod profile.",
    "A log group with deletionProtectionEnabled counts as protected.",
  ],
  configSchema: deletionSafetySchema(STATEFUL),
  validateStack: (args, report) =>
    checkDeletionSafety(args, report, (r) => r.isType(LogGroup) && r.props.deletionProtectionEnabled === true),
});
