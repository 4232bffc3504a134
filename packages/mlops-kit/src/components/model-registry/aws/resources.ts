import type { LifecyclePolicy } from "@pulumi/aws/ecr/lifecyclePolicy";
import type { Repository } from "@pulumi/aws/ecr/repository";
import type { RepositoryPolicy } from "@pulumi/aws/ecr/repositoryPolicy";
import type { Policy } from "@pulumi/aws/iam/policy";
import type { Role } from "@pulumi/aws/iam/role";
import type { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import type { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import type { Key } from "@pulumi/aws/kms/key";
import type { Bucket } from "@pulumi/aws/s3/bucket";
import type { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import type { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
import type { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import type { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
import type { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import type { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
import type { MlflowTrackingServer } from "@pulumi/aws/sagemaker/mlflowTrackingServer";
import type { ModelPackageGroup } from "@pulumi/aws/sagemaker/modelPackageGroup";
import type { ModelPackageGroupPolicy } from "@pulumi/aws/sagemaker/modelPackageGroupPolicy";

/** The AWS resources of a ModelRegistry. */
export interface AwsModelRegistry {
  /** Encrypts artifacts and images; rotates yearly. */
  key: Key;
  bucket: Bucket;
  publicAccessBlock: BucketPublicAccessBlock;
  ownershipControls: BucketOwnershipControls;
  encryption: BucketServerSideEncryptionConfiguration;
  versioning: BucketVersioning;
  lifecycle: BucketLifecycleConfiguration;
  bucketPolicy: BucketPolicy;
  repository: Repository;
  repositoryLifecycle: LifecyclePolicy;
  /** Pull for `access.shareWith` accounts. */
  repositoryPolicy?: RepositoryPolicy;
  /** The MLflow tracking server and its execution role, when tracking is on. */
  tracking?: { server: MlflowTrackingServer; role: Role; rolePolicy: RolePolicy };
  /** One model package group per declared model, by model name, and their sharing policies. */
  modelPackageGroups: Record<string, ModelPackageGroup>;
  modelPackageGroupPolicies: Record<string, ModelPackageGroupPolicy>;
  /** Managed policies consumers attach to their own roles. */
  policies: { reader: Policy; publisher: Policy; approver: Policy };
  /** `access` roles given those policies. */
  attachments: RolePolicyAttachment[];
}

declare module "../contract" {
  /** Types the `.aws` escape hatch for programs that import `mlops-kit/aws`. */
  interface ModelRegistryCloudResources {
    aws: AwsModelRegistry;
  }
}
