// AWS policy documents the components share: key policies, trust policies, common statements.
// Pure: plain values in, the JSON document out (callers `JSON.stringify` it inside `apply`).

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  /** Absent in trust policies, whose resource is the role itself. */
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Where a policy applies: the caller's account, partition (`aws`, `aws-cn`, ...) and region. */
export interface AwsScope {
  account: string;
  partition: string;
  /** The partition's DNS suffix (`amazonaws.com`, `amazonaws.com.cn`): regional service principals end in it. */
  dnsSuffix: string;
  region: string;
}

/** The Auto Scaling service-linked role, which launches a group's instances. */
export function autoScalingServiceRoleArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/**
 * The policy of a KMS key that CloudWatch Logs encrypts log groups with: the account administers
 * the key, and the region's CloudWatch Logs may use it for the named log groups of this account
 * only (`logGroups`; CloudWatch Logs puts the group's ARN in the encryption context, "Encrypt log
 * data in CloudWatch Logs using AWS KMS", CloudWatch Logs User Guide).
 *
 * `autoScalingRoleArn` also lets that role encrypt volumes with the key: Auto Scaling launches
 * instances as its service-linked role, so that role must be allowed to use the key, or every
 * launch with an encrypted volume fails ("Client.InternalError"). `statements` go before the
 * CloudWatch Logs statement.
 */
export function logsKeyPolicy(
  scope: AwsScope,
  options: { logGroups: readonly string[]; autoScalingRoleArn?: string; statements?: PolicyStatement[] },
): PolicyDocument {
  const { account, partition, dnsSuffix, region } = scope;
  if (options.logGroups.length === 0) throw new Error("logsKeyPolicy: name at least one log group");
  const asgRole = options.autoScalingRoleArn;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        // AWS's default key policy statement: the account's IAM policies govern the key; without
        // it the key could become unmanageable.
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      ...(asgRole
        ? [
            {
              Sid: "AutoScalingEncryptsVolumes",
              Effect: "Allow" as const,
              Principal: { AWS: asgRole },
              Action: [
                "kms:Encrypt",
                "kms:Decrypt",
                "kms:ReEncryptFrom",
                "kms:ReEncryptTo",
                "kms:GenerateDataKey",
                "kms:GenerateDataKeyWithoutPlaintext",
                "kms:DescribeKey",
              ],
              Resource: "*",
            },
            {
              // EBS keeps using the key for a running volume through a grant.
              Sid: "AutoScalingAttachesVolumes",
              Effect: "Allow" as const,
              Principal: { AWS: asgRole },
              Action: "kms:CreateGrant",
              Resource: "*",
              Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
            },
          ]
        : []),
      ...(options.statements ?? []),
      {
        Sid: "CloudWatchLogsEncrypts",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.${dnsSuffix}` },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          ArnEquals: {
            "kms:EncryptionContext:aws:logs:arn": options.logGroups.map((g) => `arn:${partition}:logs:${region}:${account}:log-group:${g}`),
          },
        },
      },
    ],
  };
}

/** A role trust policy that lets one AWS service assume the role, optionally from this account only. */
export function serviceTrustPolicy(service: string, sourceAccount?: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        ...(sourceAccount !== undefined ? { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } } : {}),
      },
    ],
  };
}

/** Refuses every request to a bucket that does not use TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** Pulling the images of one ECR repository. */
export function ecrPullStatements(partition: string, repo: { account: string; region: string; repository: string }): PolicyStatement[] {
  return [
    // ECR issues registry tokens only for "*": the API has no resource to scope to.
    { Sid: "EcrToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    {
      // The one repository the image comes from, in the account and region its URI names.
      Sid: "EcrPull",
      Effect: "Allow",
      Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      Resource: `arn:${partition}:ecr:${repo.region}:${repo.account}:repository/${repo.repository}`,
    },
  ];
}

/**
 * The policy of a bucket that receives an Application Load Balancer's access logs under `prefix`,
 * and only over TLS. `elbAccountArn` is the region's Elastic Load Balancing account, when it has one.
 */
export function albAccessLogBucketPolicy(
  bucketArn: string,
  prefix: string,
  account: string,
  elbAccountArn: string | undefined,
): PolicyDocument {
  const logs = `${bucketArn}/${prefix}/AWSLogs/${account}/*`;
  return {
    Version: "2012-10-17",
    Statement: [
      // Regions older than August 2022 deliver as the regional Elastic Load Balancing account...
      ...(elbAccountArn
        ? [
            {
              Sid: "ElbAccountDeliversAccessLogs",
              Effect: "Allow" as const,
              Principal: { AWS: elbAccountArn },
              Action: "s3:PutObject",
              Resource: logs,
            },
          ]
        : []),
      {
        // ...newer ones as the log delivery service.
        Sid: "ElbServiceDeliversAccessLogs",
        Effect: "Allow",
        Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: logs,
      },
      denyInsecureTransport(bucketArn),
    ],
  };
}

/** Services that publish alerts to a monitoring stack's SNS topic: CloudWatch alarms and AWS Budgets. */
export const ALERT_PUBLISHERS = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"];

/**
 * The policy of the KMS key that encrypts a monitoring SNS topic: the account administers it; the
 * alert publishers may generate data keys and decrypt, for this account's resources only. Without
 * it, CloudWatch alarms and Budgets cannot publish to an encrypted topic ("Encrypting messages
 * published to Amazon SNS with AWS KMS": "configure the key policy to allow the service to use it").
 */
export function alertTopicKeyPolicy(scope: AwsScope): PolicyDocument {
  const { account, partition } = scope;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "AlertPublishersEncrypt",
        Effect: "Allow",
        Principal: { Service: ALERT_PUBLISHERS },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  };
}

/** The topic policy: the alert publishers may publish, for this account's alarms and budgets only. */
export function alertTopicPolicy(topicArn: string, account: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AlertPublishersPublish",
        Effect: "Allow",
        Principal: { Service: ALERT_PUBLISHERS },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  };
}
