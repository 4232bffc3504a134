import type { PolicyDocument, PolicyStatement } from "../../../core/aws-policies";
import type { InferenceServiceInfo } from "../../inference-service/info";

/** The audience GitHub puts in tokens for AWS (aws-actions/configure-aws-credentials README, "OIDC"). */
export const GITHUB_AUDIENCE = "sts.amazonaws.com";
/** The issuer's host, the prefix of its condition keys (IAM User Guide, "Configuring a role for GitHub OIDC"). */
export const GITHUB_HOST = "token.actions.githubusercontent.com";

/**
 * A role trust policy for GitHub's OIDC tokens of exactly one subject: `StringEquals` on both the
 * audience and the subject, never `StringLike` with a wildcard.
 */
export function githubTrustPolicy(providerArn: string, subject: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${GITHUB_HOST}:aud`]: GITHUB_AUDIENCE, [`${GITHUB_HOST}:sub`]: subject } },
      },
    ],
  };
}

/** Pushing to (and reading from) one ECR repository; the token call has no resource to scope to. */
export function ecrPushStatements(repositoryArn: string): PolicyStatement[] {
  return [
    { Sid: "EcrToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    {
      Sid: "EcrPush",
      Effect: "Allow",
      Action: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
      ],
      Resource: repositoryArn,
    },
  ];
}

/**
 * Rolling out services: an instance refresh of each service's Auto Scaling group, by ARN with any
 * group id (Auto Scaling "Service Authorization Reference": autoScalingGroup resource); the
 * Describe calls support no resource-level permissions.
 */
export function rolloutStatements(
  scope: { partition: string; region: string; account: string },
  services: readonly InferenceServiceInfo[],
): PolicyStatement[] {
  if (services.length === 0) return [];
  const { partition, region, account } = scope;
  return [
    {
      Sid: "RollOut",
      Effect: "Allow",
      Action: ["autoscaling:StartInstanceRefresh", "autoscaling:CancelInstanceRefresh", "autoscaling:RollbackInstanceRefresh"],
      Resource: services.map(
        (s) => `arn:${partition}:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/${s.scalingGroupId}`,
      ),
    },
    {
      Sid: "WatchRollOut",
      Effect: "Allow",
      Action: ["autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeInstanceRefreshes"],
      Resource: "*",
    },
  ];
}

export function document(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}
