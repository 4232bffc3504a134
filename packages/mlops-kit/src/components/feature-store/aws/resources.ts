import type { CatalogDatabase } from "@pulumi/aws/glue/catalogDatabase";
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
import type { FeatureGroup } from "@pulumi/aws/sagemaker/featureGroup";

/** The AWS resources of a FeatureStore. */
export interface AwsFeatureStore {
  /** Encrypts the offline bucket and the online store; rotates yearly. Absent with platform keys. */
  key?: Key;
  /** The offline store. */
  bucket: {
    bucket: Bucket;
    publicAccessBlock: BucketPublicAccessBlock;
    ownershipControls: BucketOwnershipControls;
    encryption: BucketServerSideEncryptionConfiguration;
    versioning: BucketVersioning;
    lifecycle: BucketLifecycleConfiguration;
    policy: BucketPolicy;
  };
  /** Catalogs the offline tables (SageMaker creates one table per group in it). */
  database: CatalogDatabase;
  /** The role SageMaker assumes to write the offline store, and its policy. */
  role: Role;
  rolePolicy: RolePolicy;
  /** By group name. */
  featureGroups: Record<string, FeatureGroup>;
  /** Managed policies consumers attach to their own roles. */
  policies: { onlineReader: Policy; offlineReader: Policy; writer: Policy };
  /** `access.readers` / `access.writers` attachments. */
  grants: RolePolicyAttachment[];
}

declare module "../contract" {
  /** Types the `.aws` escape hatch for programs that import `mlops-kit/aws`. */
  interface FeatureStoreCloudResources {
    aws: AwsFeatureStore;
  }
}
