// The AWS policy documents of a ModelRegistry. Pure: plain values in, documents out.
import { type AwsScope, denyInsecureTransport, type PolicyDocument, type PolicyStatement } from "../../../core/aws-policies";

/** What the documents refer to, once the resources exist. */
export interface RegistryArns {
  scope: AwsScope;
  bucketArn: string;
  keyArn: string;
  repositoryArn: string;
  /** Model package group names (their packages are `model-package/<group>/<version>`). */
  groups: string[];
  /** The MLflow tracking server's name, when tracking is on. */
  trackingServer?: string | undefined;
}

const S3_READ = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"];
const S3_WRITE = ["s3:PutObject", "s3:AbortMultipartUpload"];
/** What the VPC endpoint restriction covers: reading, writing, deleting and listing objects. */
export const VPC_ONLY_ACTIONS = [
  "s3:GetObject*",
  "s3:PutObject*",
  "s3:DeleteObject*",
  "s3:ListBucket",
  "s3:ListBucketVersions",
  "s3:ListMultipartUploadParts",
  "s3:AbortMultipartUpload",
];
const ECR_PULL = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];
const ECR_PUSH = ["ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"];
/**
 * The MLflow REST API on a SageMaker tracking server is authorized per call, by `sagemaker-mlflow`
 * actions on the server's ARN (Service Authorization Reference, "Amazon SageMaker with MLflow"):
 * without them a role can neither log a run nor read a model version.
 */
const MLFLOW_READ = ["sagemaker-mlflow:Get*", "sagemaker-mlflow:Search*", "sagemaker-mlflow:List*"];
/** Runs, experiments and model versions; setting aliases (stages) is the approver's. */
const MLFLOW_WRITE = [
  "sagemaker-mlflow:Create*",
  "sagemaker-mlflow:Log*",
  "sagemaker-mlflow:UpdateRun",
  "sagemaker-mlflow:UpdateExperiment",
  "sagemaker-mlflow:SetTag",
  "sagemaker-mlflow:SetExperimentTag",
];
const MLFLOW_PROMOTE = [
  "sagemaker-mlflow:SetRegisteredModelAlias",
  "sagemaker-mlflow:DeleteRegisteredModelAlias",
  "sagemaker-mlflow:TransitionModelVersionStage",
  "sagemaker-mlflow:UpdateModelVersion",
];
/** Reading model versions and their groups. */
const SAGEMAKER_READ = ["sagemaker:DescribeModelPackage", "sagemaker:DescribeModelPackageGroup", "sagemaker:ListModelPackages"];

const arn = (s: AwsScope, service: string, resource: string) => `arn:${s.partition}:${service}:${s.region}:${s.account}:${resource}`;
const groupArns = (a: RegistryArns) => a.groups.map((g) => arn(a.scope, "sagemaker", `model-package-group/${g}`));
/** A group's versions; SageMaker lowercases the group name in a model package's ARN. */
const packageArns = (a: RegistryArns) => a.groups.map((g) => arn(a.scope, "sagemaker", `model-package/${g.toLowerCase()}/*`));
const both = (a: RegistryArns) => [...groupArns(a), ...packageArns(a)];
/** A statement on the tracking server, when there is one. */
const onTrackingServer = (a: RegistryArns, Sid: string, Action: string[]): PolicyStatement[] =>
  a.trackingServer
    ? [{ Sid, Effect: "Allow", Action, Resource: arn(a.scope, "sagemaker", `mlflow-tracking-server/${a.trackingServer}`) }]
    : [];

function readStatements(a: RegistryArns): PolicyStatement[] {
  return [
    // ECR issues registry tokens only for "*": the API has no resource to scope to.
    { Sid: "EcrToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    { Sid: "PullImages", Effect: "Allow", Action: ECR_PULL, Resource: a.repositoryArn },
    { Sid: "ReadArtifacts", Effect: "Allow", Action: S3_READ, Resource: [a.bucketArn, `${a.bucketArn}/*`] },
    { Sid: "DecryptArtifacts", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: a.keyArn },
    ...(a.groups.length > 0 ? [{ Sid: "ReadVersions", Effect: "Allow" as const, Action: SAGEMAKER_READ, Resource: both(a) }] : []),
    ...onTrackingServer(a, "ReadTracking", MLFLOW_READ),
  ];
}

/** Pull images, read artifacts, describe model versions. */
export function readerPolicy(a: RegistryArns): PolicyDocument {
  return { Version: "2012-10-17", Statement: readStatements(a) };
}

/**
 * Push images, write artifacts, register versions. With approval required, a version can only be
 * registered as `PendingManualApproval`: approving is the approver's.
 */
export function publisherPolicy(a: RegistryArns, approvalRequired: boolean): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ...readStatements(a),
      { Sid: "PushImages", Effect: "Allow", Action: ECR_PUSH, Resource: a.repositoryArn },
      { Sid: "WriteArtifacts", Effect: "Allow", Action: S3_WRITE, Resource: `${a.bucketArn}/*` },
      { Sid: "EncryptArtifacts", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt"], Resource: a.keyArn },
      ...onTrackingServer(a, "WriteTracking", MLFLOW_WRITE),
      ...(a.groups.length > 0
        ? [
            {
              Sid: "RegisterVersions",
              Effect: "Allow" as const,
              Action: ["sagemaker:CreateModelPackage", "sagemaker:AddTags"],
              Resource: both(a),
              ...(approvalRequired
                ? { Condition: { StringEqualsIfExists: { "sagemaker:ModelApprovalStatus": "PendingManualApproval" } } }
                : {}),
            },
          ]
        : []),
    ],
  };
}

/** Approve, reject or move versions between stages (their status and stage tags). */
export function approverPolicy(a: RegistryArns): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ...readStatements(a),
      ...(a.groups.length > 0
        ? [
            {
              Sid: "ApproveVersions",
              Effect: "Allow" as const,
              Action: ["sagemaker:UpdateModelPackage", "sagemaker:AddTags"],
              Resource: packageArns(a),
            },
          ]
        : []),
      ...onTrackingServer(a, "PromoteInTracking", MLFLOW_PROMOTE),
    ],
  };
}

/** The MLflow tracking server's role: the artifact bucket and its key, nothing else. */
export function trackingServerPolicy(a: RegistryArns, autoRegister: boolean): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Artifacts",
        Effect: "Allow",
        Action: [...S3_READ, ...S3_WRITE, "s3:DeleteObject"],
        Resource: [a.bucketArn, `${a.bucketArn}/*`],
      },
      { Sid: "ArtifactKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"], Resource: a.keyArn },
      // Automatic registration creates groups and versions named after MLflow models: SageMaker
      // documents these actions for it ("Automatically register SageMaker AI models").
      ...(autoRegister
        ? [
            {
              Sid: "AutoRegister",
              Effect: "Allow" as const,
              Action: ["sagemaker:CreateModelPackageGroup", "sagemaker:CreateModelPackage", "sagemaker:AddTags", ...SAGEMAKER_READ],
              Resource: [arn(a.scope, "sagemaker", "model-package-group/*"), arn(a.scope, "sagemaker", "model-package/*")],
            },
          ]
        : []),
    ],
  };
}

/** The artifact bucket: TLS only; other accounts read; requests only through the given VPC endpoints (AWS services and the tracking server exempt). */
export function bucketPolicy(
  bucketArn: string,
  partition: string,
  shareWith: string[],
  vpcEndpointIds: string[],
  trackingRoleArn?: string,
): PolicyDocument {
  const statements: PolicyStatement[] = [denyInsecureTransport(bucketArn)];
  if (shareWith.length > 0) {
    statements.push({
      Sid: "SharedAccountsRead",
      Effect: "Allow",
      Principal: { AWS: shareWith.map((acct) => `arn:${partition}:iam::${acct}:root`) },
      Action: S3_READ,
      Resource: [bucketArn, `${bucketArn}/*`],
    });
  }
  if (vpcEndpointIds.length > 0) {
    statements.push({
      Sid: "OnlyThroughVpcEndpoints",
      Effect: "Deny",
      Principal: "*",
      // The objects only: denying `s3:*` would also deny the bucket's own configuration calls
      // (GetBucketPolicy, PutLifecycleConfiguration, ...) to the deployer outside the VPC, so the
      // next `pulumi up` or refresh fails (S3 "Controlling access from VPC endpoints with bucket policies").
      Action: VPC_ONLY_ACTIONS,
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: {
        StringNotEquals: { "aws:SourceVpce": vpcEndpointIds },
        // SageMaker's MLflow server and other AWS services call S3 from AWS's network, not the VPC.
        Bool: { "aws:ViaAWSService": "false" },
        ...(trackingRoleArn ? { ArnNotEquals: { "aws:PrincipalArn": trackingRoleArn } } : {}),
      },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** Other accounts pull images (ECR repository policy). */
export function repositoryPolicy(partition: string, shareWith: string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "SharedAccountsPull",
        Effect: "Allow",
        Principal: { AWS: shareWith.map((a) => `arn:${partition}:iam::${a}:root`) },
        Action: ECR_PULL,
      },
    ],
  };
}

/** Other accounts describe a group's versions (a model package group's resource policy; never `*`). */
export function groupPolicy(scope: AwsScope, group: string, shareWith: string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "SharedAccountsRead",
        Effect: "Allow",
        Principal: { AWS: shareWith.map((a) => `arn:${scope.partition}:iam::${a}:root`) },
        Action: SAGEMAKER_READ,
        Resource: [
          arn(scope, "sagemaker", `model-package-group/${group}`),
          arn(scope, "sagemaker", `model-package/${group.toLowerCase()}/*`),
        ],
      },
    ],
  };
}

/** The key: the account administers it; shared accounts decrypt artifacts through S3 only. */
export function keyPolicy(scope: AwsScope, shareWith: string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      // AWS's default key policy statement: the account's IAM policies govern the key.
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${scope.partition}:iam::${scope.account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      ...(shareWith.length > 0
        ? [
            {
              Sid: "SharedAccountsDecryptThroughS3",
              Effect: "Allow" as const,
              Principal: { AWS: shareWith.map((a) => `arn:${scope.partition}:iam::${a}:root`) },
              Action: ["kms:Decrypt", "kms:DescribeKey"],
              Resource: "*",
              Condition: { StringEquals: { "kms:ViaService": `s3.${scope.region}.${scope.dnsSuffix}` } },
            },
          ]
        : []),
    ],
  };
}

/** The ECR lifecycle policy: untagged images expire after `days`. */
export function lifecyclePolicy(days: number): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images after ${days} days`,
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: days },
        action: { type: "expire" },
      },
    ],
  });
}
