import * as pulumi from "@pulumi/pulumi";
import { autoScalingServiceRoleArn } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import { awsEnvironment, encryptedLogGroup } from "../../shared/aws/encrypted-log-group";
import type { ServiceInputs, ServiceResult } from "../contract";
import type { InferenceServicePlan } from "../plan";
import { parseImage } from "./boot";
import { createInstanceIdentity } from "./identity";
import { createAutoScalingGroup, createLaunchTemplate, createScalingPolicies } from "./instances";
import { provisionLoadBalancer } from "./load-balancer";
import { withRegistryRead } from "./registry";
import type { AwsInferenceService } from "./resources";
import { grantSecretReads } from "./secrets";
import { createSecurityGroups } from "./security-groups";
import { createWebAcl } from "./waf";

/**
 * An InferenceService on AWS, in the order of creation: key and container logs, the instances'
 * identity, security groups, launch template, load balancer (access logs, certificate, listeners),
 * web ACL, Auto Scaling group, scaling policies.
 */
export function provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult {
  const { name } = plan;
  const env = awsEnvironment(ctx.parent);
  const image = pulumi.output(inputs.image).apply(parseImage);
  // Auto Scaling launches instances as its service-linked role, so that role must be allowed to use
  // the key, or every launch with an encrypted volume fails ("Client.InternalError").
  const autoScalingRole = pulumi.all([env.partition, env.account]).apply(([part, acct]) => autoScalingServiceRoleArn(part, acct));

  const { key, logGroup } = encryptedLogGroup(
    env,
    {
      keyName: `${name}-key`,
      logGroupName: `${name}-logs`,
      logGroupPhysicalName: plan.aws.logGroupName,
      description: `Encrypts the volumes and container logs of inference service ${name}`,
      retentionDays: plan.aws.logRetentionDays,
      keyDeletionWindowDays: plan.aws.keyDeletionWindowDays,
      retain: plan.retainLogs,
      tags: awsTags(plan.tags),
      autoScalingRoleArn: autoScalingRole,
      logGroupArgs: (args) => withOverrides(args, plan.aws.overrides, "logGroup"),
    },
    ctx.opts,
  );
  const identity = withRegistryRead(createInstanceIdentity(plan, env, image, logGroup, ctx), plan.name, inputs.registry, ctx.opts);
  const securityGroups = createSecurityGroups(
    plan,
    // A list too long for a security group is the web ACL's: the group admits everyone.
    plan.aws.allowListInWaf ? { ...inputs, allowedCidrs: pulumi.output(["0.0.0.0/0"]) } : inputs,
    ctx,
  );
  const secrets = grantSecretReads(plan, inputs.secretEnv, identity.role, ctx.opts);
  const launchTemplate = createLaunchTemplate(plan, inputs, ctx, {
    env,
    image,
    key,
    logGroup,
    identity,
    secrets: secrets.references,
    securityGroup: securityGroups.instances.id,
  });
  const { servingListener, ...lb } = provisionLoadBalancer(plan, inputs, ctx, { env, securityGroup: securityGroups.loadBalancer.id });
  const waf = plan.loadBalancer.waf.enabled ? createWebAcl(plan, ctx, lb.loadBalancer, plan.loadBalancer.allowedCidrs) : undefined;
  const autoScalingGroup = createAutoScalingGroup(plan, inputs, ctx, {
    launchTemplate,
    targetGroup: lb.targetGroup,
    autoScalingRole,
    identity,
    secretGrant: secrets.grant,
  });
  const scalingPolicies = createScalingPolicies(plan, ctx, {
    group: autoScalingGroup,
    loadBalancer: lb.loadBalancer,
    targetGroup: lb.targetGroup,
    servingListener,
  });

  const resources: AwsInferenceService = {
    key,
    logGroup,
    instanceRole: identity.role,
    instanceProfile: identity.profile,
    ...(identity.registryRead[0] ? { registryRead: identity.registryRead[0] } : {}),
    instanceSecurityGroup: securityGroups.instances,
    loadBalancerSecurityGroup: securityGroups.loadBalancer,
    launchTemplate,
    autoScalingGroup,
    ...lb,
    scalingPolicies,
    ...(waf ? { waf } : {}),
  };
  return {
    cloud: "aws",
    address: lb.loadBalancer.dnsName,
    loadBalancerId: lb.loadBalancer.arn,
    scalingGroupId: autoScalingGroup.name,
    metrics: metricScope(lb, autoScalingGroup),
    resources,
  };
}

/** The CloudWatch dimensions of the service's load balancer, target group and group. */
function metricScope(lb: Pick<AwsInferenceService, "loadBalancer" | "targetGroup">, group: AwsInferenceService["autoScalingGroup"]) {
  return pulumi
    .all([lb.loadBalancer.arnSuffix, lb.targetGroup.arnSuffix, group.name])
    .apply(([loadBalancerArnSuffix, targetGroupArnSuffix, autoScalingGroupName]) => ({
      aws: { loadBalancerArnSuffix, targetGroupArnSuffix, autoScalingGroupName },
    }));
}

export type { AwsInferenceService } from "./resources";
