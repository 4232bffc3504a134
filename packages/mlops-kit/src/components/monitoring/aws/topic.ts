import { Key } from "@pulumi/aws/kms/key";
import { Topic } from "@pulumi/aws/sns/topic";
import { TopicPolicy } from "@pulumi/aws/sns/topicPolicy";
import { TopicSubscription } from "@pulumi/aws/sns/topicSubscription";
import * as pulumi from "@pulumi/pulumi";
import { alertTopicKeyPolicy, alertTopicPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { MonitoringPlan } from "../plan";
import type { AwsAlertTopic } from "./resources";

type AwsPlan = MonitoringPlan & { aws: NonNullable<MonitoringPlan["aws"]> };

/**
 * An SNS topic encrypted with a rotating key of its own that CloudWatch and Budgets may use, and
 * a subscription per email address and webhook. `region` places all of it in another region
 * (us-east-1 for Route 53's alarms); `prefix` names its children.
 */
export function createAlertTopic(
  plan: AwsPlan,
  env: AwsEnvironment,
  webhooks: pulumi.Output<string>[],
  ctx: ProvisionContext,
  where: { prefix: string; region?: string },
): AwsAlertTopic {
  const { prefix } = where;
  const regional = where.region ? { region: where.region } : {};
  const tags = awsTags(plan.tags);
  const o = plan.aws.overrides;
  const key = new Key(
    `${prefix}-key`,
    withOverrides(
      {
        description: `Encrypts the alert topic of monitoring stack ${plan.name}`,
        enableKeyRotation: true,
        deletionWindowInDays: plan.aws.keyDeletionWindowDays,
        policy: env.scope.apply((scope) => JSON.stringify(alertTopicKeyPolicy(scope))),
        tags: { ...tags, Name: `${prefix}-key` },
        ...regional,
      },
      o,
      "topicKey",
    ),
    { ...ctx.opts, retainOnDelete: plan.retain },
  );
  const topic = new Topic(
    prefix,
    withOverrides({ kmsMasterKeyId: key.arn, tags: { ...tags, Name: prefix }, ...regional }, o, "topic"),
    ctx.opts,
  );
  const policy = new TopicPolicy(
    `${prefix}-policy`,
    {
      arn: topic.arn,
      policy: pulumi.all([topic.arn, env.account]).apply(([arn, account]) => JSON.stringify(alertTopicPolicy(arn, account))),
      ...regional,
    },
    ctx.opts,
  );
  const subscriptions = [
    ...plan.notifications.emails.map(
      (email, i) =>
        new TopicSubscription(`${prefix}-email-${i}`, { topic: topic.arn, protocol: "email", endpoint: email, ...regional }, ctx.opts),
    ),
    ...webhooks.map(
      (url, i) =>
        new TopicSubscription(
          `${prefix}-webhook-${i}`,
          // The URL carries a token: kept secret in state and plans.
          { topic: topic.arn, protocol: "https", endpoint: pulumi.secret(url), ...regional },
          { ...ctx.opts, additionalSecretOutputs: ["endpoint"] },
        ),
    ),
  ];
  return { key, topic, policy, subscriptions };
}
