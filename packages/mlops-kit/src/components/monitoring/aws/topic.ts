import { Key } from "@pulumi/aws/kms/key";
import { Topic } from "@pulumi/aws/sns/topic";
import { TopicPolicy } from "@pulumi/aws/sns/topicPolicy";
import { TopicSubscription } from "@pulumi/aws/sns/topicSubscription";
import * as pulumi from "@pulumi/pulumi";
import { alertTopicKeyPolicy, alertTopicPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { shortHash } from "../../../core/naming";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { MonitoringPlan } from "../plan";
import type { AwsAlertTopic } from "./resources";

type AwsPlan = MonitoringPlan & { aws: NonNullable<MonitoringPlan["aws"]> };

/** How long an https subscription may take to be confirmed by its endpoint before `pulumi up` fails. */
export const WEBHOOK_CONFIRMATION_MINUTES = 5;

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
    // Named by the address, not its position: removing one address must not replace the others'
    // subscriptions (the endpoint cannot change in place), which would need confirming again.
    ...plan.notifications.emails.map(
      (email) =>
        new TopicSubscription(
          emailSubscriptionName(prefix, email),
          { topic: topic.arn, protocol: "email", endpoint: email, ...regional },
          ctx.opts,
        ),
    ),
    ...webhooks.map(
      (url, i) =>
        new TopicSubscription(
          `${prefix}-webhook-${i}`,
          // The URL carries a token: kept secret in state and plans. SNS leaves an https
          // subscription pending until the endpoint confirms it; waiting for that makes an endpoint
          // that cannot (a Slack or Teams incoming webhook) fail the deployment instead of never
          // receiving an alert.
          {
            topic: topic.arn,
            protocol: "https",
            endpoint: pulumi.secret(url),
            endpointAutoConfirms: true,
            confirmationTimeoutInMinutes: WEBHOOK_CONFIRMATION_MINUTES,
            ...regional,
          },
          { ...ctx.opts, additionalSecretOutputs: ["endpoint"] },
        ),
    ),
  ];
  return { key, topic, policy, subscriptions };
}

/** The logical name of an email subscription: the same for an address wherever it is in the list. */
export function emailSubscriptionName(prefix: string, email: string): string {
  return `${prefix}-email-${shortHash(email)}`;
}

/**
 * Options of a resource that notifies the topic: created after the topic policy, so that neither
 * a budget (whose notifications AWS Budgets checks it may publish to) nor an alarm that starts in
 * ALARM publishes before CloudWatch and Budgets are allowed to.
 */
export function publishing(alerts: AwsAlertTopic, ctx: ProvisionContext, after: pulumi.Resource[] = []): pulumi.CustomResourceOptions {
  return { ...ctx.opts, dependsOn: [...after, alerts.policy] };
}
