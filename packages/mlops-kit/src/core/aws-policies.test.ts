import { describe, expect, it } from "vitest";
import {
  albAccessLogBucketPolicy,
  autoScalingServiceRoleArn,
  denyInsecureTransport,
  ecrPullStatements,
  logsKeyPolicy,
  serviceTrustPolicy,
} from "./aws-policies";

const COMMERCIAL = { account: "123456789012", partition: "aws", dnsSuffix: "amazonaws.com", region: "eu-west-1" };
const CHINA = { account: "123456789012", partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", region: "cn-north-1" };

describe("logsKeyPolicy", () => {
  it("GIVEN an account, region and log group THEN the account administers the key and the region's CloudWatch Logs uses it for that log group only", () => {
    expect(logsKeyPolicy(COMMERCIAL, { logGroups: ["core-flow-logs-abc123"] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountAdministers",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "CloudWatchLogsEncrypts",
          Effect: "Allow",
          Principal: { Service: "logs.eu-west-1.amazonaws.com" },
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:DescribeKey"],
          Resource: "*",
          Condition: {
            ArnEquals: { "kms:EncryptionContext:aws:logs:arn": ["arn:aws:logs:eu-west-1:123456789012:log-group:core-flow-logs-abc123"] },
          },
        },
      ],
    });
  });

  it("GIVEN the China partition THEN the principal and ARNs are that partition's", () => {
    const [admin, logs] = logsKeyPolicy(CHINA, { logGroups: ["core-flow-logs-abc123"] }).Statement;
    expect(admin?.Principal).toEqual({ AWS: "arn:aws-cn:iam::123456789012:root" });
    expect(logs?.Principal).toEqual({ Service: "logs.cn-north-1.amazonaws.com.cn" });
    expect(logs?.Condition?.ArnEquals).toEqual({
      "kms:EncryptionContext:aws:logs:arn": ["arn:aws-cn:logs:cn-north-1:123456789012:log-group:core-flow-logs-abc123"],
    });
  });

  it("GIVEN no log group THEN it refuses to admit CloudWatch Logs for every group of the account", () => {
    expect(() => logsKeyPolicy(COMMERCIAL, { logGroups: [] })).toThrow("name at least one log group");
  });

  it("GIVEN the Auto Scaling role and extra statements THEN the role may encrypt volumes and grant EBS, and the extras come before CloudWatch Logs", () => {
    const role = autoScalingServiceRoleArn("aws", "123456789012");
    expect(role).toBe("arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
    const extra = {
      Sid: "Extra",
      Effect: "Allow" as const,
      Principal: { Service: "x.amazonaws.com" },
      Action: "kms:Decrypt",
      Resource: "*",
    };
    const policy = logsKeyPolicy(COMMERCIAL, { logGroups: ["g"], autoScalingRoleArn: role, statements: [extra] });
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      "AccountAdministers",
      "AutoScalingEncryptsVolumes",
      "AutoScalingAttachesVolumes",
      "Extra",
      "CloudWatchLogsEncrypts",
    ]);
    const [, encrypt, grant] = policy.Statement;
    expect(encrypt?.Principal).toEqual({ AWS: role });
    expect(encrypt?.Action).toContain("kms:GenerateDataKeyWithoutPlaintext");
    expect(grant).toMatchObject({ Action: "kms:CreateGrant", Condition: { Bool: { "kms:GrantIsForAWSResource": true } } });
  });

  it("GIVEN any options THEN no statement allows a wildcard action except the account's own", () => {
    for (const p of [
      logsKeyPolicy(COMMERCIAL, { logGroups: ["g"] }),
      logsKeyPolicy(CHINA, { logGroups: ["g"], autoScalingRoleArn: "arn:aws-cn:iam::1:role/x" }),
    ]) {
      const wild = p.Statement.filter((s) => [s.Action].flat().some((a) => a.endsWith("*")));
      expect(wild.map((s) => s.Sid)).toEqual(["AccountAdministers"]);
    }
  });
});

describe("statements and documents", () => {
  it("GIVEN a service THEN the trust policy lets it assume the role, from one account when given", () => {
    expect(serviceTrustPolicy("ec2.amazonaws.com").Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    expect(serviceTrustPolicy("vpc-flow-logs.amazonaws.com", "1").Statement[0]?.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "1" },
    });
  });

  it("GIVEN an ECR repository THEN a token for any registry and pulls from that repository only", () => {
    const [token, pull] = ecrPullStatements("aws", { account: "123456789012", region: "us-east-1", repository: "team/model" });
    expect(token).toMatchObject({ Sid: "EcrToken", Action: "ecr:GetAuthorizationToken", Resource: "*" });
    expect(pull).toMatchObject({ Sid: "EcrPull", Resource: "arn:aws:ecr:us-east-1:123456789012:repository/team/model" });
  });

  it("GIVEN a bucket THEN insecure transport is refused on it and its objects", () => {
    expect(denyInsecureTransport("arn:aws:s3:::b")).toMatchObject({
      Effect: "Deny",
      Principal: "*",
      Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it.each([
    ["arn:aws:iam::127311923021:root", ["ElbAccountDeliversAccessLogs", "ElbServiceDeliversAccessLogs", "DenyInsecureTransport"]],
    [undefined, ["ElbServiceDeliversAccessLogs", "DenyInsecureTransport"]],
  ])("GIVEN the ELB account %s THEN the access-log bucket policy has %j, writes under the prefix only", (elb, sids) => {
    const policy = albAccessLogBucketPolicy("arn:aws:s3:::logs", "access-logs", "123456789012", elb);
    expect(policy.Statement.map((s) => s.Sid)).toEqual(sids);
    for (const s of policy.Statement.filter((s) => s.Effect === "Allow")) {
      expect(s).toMatchObject({ Action: "s3:PutObject", Resource: "arn:aws:s3:::logs/access-logs/AWSLogs/123456789012/*" });
    }
  });
});
