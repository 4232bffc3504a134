import type { AwsScope, PolicyDocument, PolicyStatement } from "../../../core/aws-policies";

// The IAM documents of a FeatureStore on AWS. Pure: plain values in, documents out. Actions from the
// SageMaker developer guide "Add policies and permissions for Feature Store" (the offline store
// role writes S3 objects, reads back Iceberg metadata, and creates the group's Glue table) and the
// Service Authorization Reference for SageMaker, Glue, S3 and KMS.

export interface OfflineStoreRefs {
  bucketArn: string;
  prefix: string;
  databaseName: string;
  keyArn?: string;
}

const glueArns = (s: AwsScope, database: string) => [
  `arn:${s.partition}:glue:${s.region}:${s.account}:catalog`,
  `arn:${s.partition}:glue:${s.region}:${s.account}:database/${database}`,
  `arn:${s.partition}:glue:${s.region}:${s.account}:table/${database}/*`,
];

function keyUse(keyArn: string | undefined, actions: string[]): PolicyStatement[] {
  return keyArn ? [{ Sid: "UseFeatureStoreKey", Effect: "Allow", Action: actions, Resource: keyArn }] : [];
}

/** What SageMaker, as the feature groups' role, needs: the bucket prefix, the Glue database, the key. */
export function offlineWriterPolicy(s: AwsScope, r: OfflineStoreRefs): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WriteOfflineStore",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:PutObjectAcl"],
        Resource: `${r.bucketArn}/${r.prefix}/*`,
      },
      {
        Sid: "ListOfflineStore",
        Effect: "Allow",
        Action: ["s3:ListBucket", "s3:GetBucketAcl", "s3:GetBucketLocation"],
        Resource: r.bucketArn,
      },
      {
        Sid: "CatalogOfflineStore",
        Effect: "Allow",
        Action: [
          "glue:GetDatabase",
          "glue:GetTable",
          "glue:CreateTable",
          "glue:UpdateTable",
          "glue:GetPartitions",
          "glue:BatchCreatePartition",
        ],
        Resource: glueArns(s, r.databaseName),
      },
      ...keyUse(r.keyArn, ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]),
    ],
  };
}

/** Reading the offline store: its objects and catalog (Athena's query results are the reader's own). */
export function offlineReaderPolicy(s: AwsScope, r: OfflineStoreRefs): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadOfflineStore", Effect: "Allow", Action: "s3:GetObject", Resource: `${r.bucketArn}/${r.prefix}/*` },
      {
        Sid: "ListOfflineStore",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: r.bucketArn,
        Condition: { StringLike: { "s3:prefix": [`${r.prefix}/*`, r.prefix] } },
      },
      // Apart from ListBucket: a GetBucketLocation request carries no s3:prefix, and a condition on
      // a key the request lacks never matches (IAM "Condition operators"), so it would be denied.
      { Sid: "LocateOfflineStore", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: r.bucketArn },
      {
        Sid: "ReadCatalog",
        Effect: "Allow",
        Action: ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions"],
        Resource: glueArns(s, r.databaseName),
      },
      ...keyUse(r.keyArn, ["kms:Decrypt", "kms:DescribeKey"]),
    ],
  };
}

/** Reading online records of the groups (GetRecord, BatchGetRecord). */
export function onlineReaderPolicy(groupArns: string[], keyArn: string | undefined): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadOnlineRecords", Effect: "Allow", Action: ["sagemaker:GetRecord", "sagemaker:BatchGetRecord"], Resource: groupArns },
      { Sid: "DescribeGroups", Effect: "Allow", Action: ["sagemaker:DescribeFeatureGroup"], Resource: groupArns },
      ...keyUse(keyArn, ["kms:Decrypt", "kms:DescribeKey"]),
    ],
  };
}

/** Writing records (PutRecord, DeleteRecord): SageMaker copies them to the offline store itself. */
export function writerPolicy(groupArns: string[], keyArn: string | undefined): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "WriteRecords", Effect: "Allow", Action: ["sagemaker:PutRecord", "sagemaker:DeleteRecord"], Resource: groupArns },
      ...keyUse(keyArn, ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]),
    ],
  };
}

/** The role name an IAM role ARN names, or undefined when it is not a role ARN. */
export function roleNameFromArn(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/.exec(arn);
  return m?.[1];
}

/** The key's policy: the account administers it and its IAM policies govern its use. */
export function featureStoreKeyPolicy(s: AwsScope): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${s.partition}:iam::${s.account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}
