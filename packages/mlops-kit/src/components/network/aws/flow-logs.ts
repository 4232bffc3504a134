import type { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { FlowLog } from "@pulumi/aws/ec2/flowLog";
import type { Vpc } from "@pulumi/aws/ec2/vpc";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import type { Key } from "@pulumi/aws/kms/key";
import { serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import { type AwsEnvironment, encryptedLogGroup } from "../../shared/aws/encrypted-log-group";
import type { MlopsVpcPlan } from "../plan";

export interface FlowLogResources {
  key: Key;
  logGroup: LogGroup;
  role: Role;
  flowLog: FlowLog;
}

/** Flow logs to a CloudWatch log group encrypted with its own rotating KMS key. */
export function createFlowLogs(plan: MlopsVpcPlan, ctx: ProvisionContext, env: AwsEnvironment, vpc: Vpc): FlowLogResources {
  const { name } = plan;
  const o = plan.aws.overrides;
  const resourceName = `${name}-flow-logs`;
  const tags = awsTags({ ...plan.tags, Name: resourceName });
  const { key, logGroup } = encryptedLogGroup(
    env,
    {
      keyName: resourceName,
      logGroupName: resourceName,
      logGroupPhysicalName: plan.aws.flowLogGroupName,
      description: `Encrypts the flow logs of network ${name}`,
      retentionDays: plan.aws.logRetentionDays,
      keyDeletionWindowDays: plan.aws.keyDeletionWindowDays,
      // Audit records outlive the stack in prod: keep the logs, and the key that decrypts them.
      retain: plan.retainLogs,
      tags: awsTags(plan.tags),
      keyArgs: (args) => withOverrides(args, o, "flowLogKey"),
      logGroupArgs: (args) => withOverrides(args, o, "flowLogGroup"),
    },
    ctx.opts,
  );
  const role = new Role(
    resourceName,
    withOverrides(
      {
        description: `Delivers the flow logs of network ${name}`,
        assumeRolePolicy: env.account.apply((acct) => JSON.stringify(serviceTrustPolicy("vpc-flow-logs.amazonaws.com", acct))),
        tags,
      },
      o,
      "flowLogRole",
    ),
    ctx.opts,
  );
  new RolePolicy(
    resourceName,
    {
      role: role.id,
      policy: logGroup.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              Resource: [arn, `${arn}:*`],
            },
          ],
        }),
      ),
    },
    ctx.opts,
  );
  const flowLog = new FlowLog(
    resourceName,
    withOverrides(
      {
        vpcId: vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags,
      },
      o,
      "flowLog",
    ),
    ctx.opts,
  );
  return { key, logGroup, role, flowLog };
}
