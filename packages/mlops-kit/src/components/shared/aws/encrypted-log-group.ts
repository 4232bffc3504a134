// The class's own module: the cloudwatch index also loads its event mixins, and with them Lambda.

import type { LogGroupArgs } from "@pulumi/aws/cloudwatch/logGroup";
import { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { Key, type KeyArgs } from "@pulumi/aws/kms/key";
import * as pulumi from "@pulumi/pulumi";
import { type AwsScope, logsKeyPolicy } from "../../../core/aws-policies";

/** Where a component's AWS resources land: account, partition and region, as outputs. */
export interface AwsEnvironment {
  account: pulumi.Output<string>;
  partition: pulumi.Output<string>;
  dnsSuffix: pulumi.Output<string>;
  region: pulumi.Output<string>;
  scope: pulumi.Output<AwsScope>;
}

/** Reads the caller's account, the partition and the region once for a component. */
export function awsEnvironment(parent: pulumi.Resource): AwsEnvironment {
  const invokeOpts = { parent };
  const account = getCallerIdentityOutput({}, invokeOpts).accountId;
  const p = getPartitionOutput({}, invokeOpts);
  const region = getRegionOutput({}, invokeOpts).region;
  const scope = pulumi
    .all([account, p.partition, p.dnsSuffix, region])
    .apply(([acct, partition, dnsSuffix, reg]) => ({ account: acct, partition, dnsSuffix, region: reg }));
  return { account, partition: p.partition, dnsSuffix: p.dnsSuffix, region, scope };
}

export interface EncryptedLogGroupArgs {
  /** Logical name of the key. */
  keyName: string;
  /** Logical name of the log group. */
  logGroupName: string;
  /** The log group's physical name, known before the key, whose policy admits only it. */
  logGroupPhysicalName: string;
  description: string;
  retentionDays: number;
  keyDeletionWindowDays: number;
  /** Audit records outlive the stack in prod: the log group, and the key that decrypts it. */
  retain: boolean;
  tags: Record<string, string>;
  /** The Auto Scaling service-linked role, when the key also encrypts the volumes of a group's instances. */
  autoScalingRoleArn?: pulumi.Input<string>;
  /** Overrides applied to the key's and the log group's arguments. */
  keyArgs?: (args: KeyArgs) => KeyArgs;
  logGroupArgs?: (args: LogGroupArgs) => LogGroupArgs;
}

/**
 * A CloudWatch log group encrypted with a rotating KMS key of its own, whose policy lets the
 * region's CloudWatch Logs use it for this log group only (network flow logs, container logs).
 */
export function encryptedLogGroup(
  env: AwsEnvironment,
  a: EncryptedLogGroupArgs,
  opts: pulumi.CustomResourceOptions,
): { key: Key; logGroup: LogGroup } {
  const keepOpts = { ...opts, retainOnDelete: a.retain };
  const keyArgs: KeyArgs = {
    description: a.description,
    enableKeyRotation: true,
    deletionWindowInDays: a.keyDeletionWindowDays,
    policy: pulumi
      .all([env.scope, a.autoScalingRoleArn])
      .apply(([scope, autoScalingRoleArn]) =>
        JSON.stringify(
          logsKeyPolicy(scope, { logGroups: [a.logGroupPhysicalName], ...(autoScalingRoleArn ? { autoScalingRoleArn } : {}) }),
        ),
      ),
    tags: { ...a.tags, Name: a.keyName },
  };
  const key = new Key(a.keyName, a.keyArgs ? a.keyArgs(keyArgs) : keyArgs, keepOpts);
  const logGroupArgs: LogGroupArgs = {
    name: a.logGroupPhysicalName,
    retentionInDays: a.retentionDays,
    kmsKeyId: key.arn,
    deletionProtectionEnabled: a.retain,
    tags: { ...a.tags, Name: a.logGroupName },
  };
  const logGroup = new LogGroup(a.logGroupName, a.logGroupArgs ? a.logGroupArgs(logGroupArgs) : logGroupArgs, keepOpts);
  return { key, logGroup };
}
