import { Group } from "@pulumi/aws/autoscaling/group";
import { Policy } from "@pulumi/aws/autoscaling/policy";
import type { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
import type { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import type { Key } from "@pulumi/aws/kms/key";
import type { Listener } from "@pulumi/aws/lb/listener";
import type { LoadBalancer } from "@pulumi/aws/lb/loadBalancer";
import type { TargetGroup } from "@pulumi/aws/lb/targetGroup";
import { getParameterOutput } from "@pulumi/aws/ssm/getParameter";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { ServiceInputs } from "../contract";
import type { InferenceServicePlan } from "../plan";
import { type ImageRef, renderUserData } from "./boot";
import type { InstanceIdentity } from "./identity";
import type { AwsInferenceService } from "./resources";
import { amiPinned, instanceRefresh, ROOT_DEVICE, spotDistribution, targetTracking } from "./settings";

/**
 * The AMI the instances run: the spec's, or the ECS-optimized image read from its public parameter.
 * A public AMI id is no secret; unmarking it keeps a change visible in previews.
 */
function amiId(plan: InferenceServicePlan, ctx: ProvisionContext): pulumi.Input<string> {
  if (plan.aws.amiId !== undefined) return plan.aws.amiId;
  return pulumi.unsecret(getParameterOutput({ name: plan.aws.amiParameter }, { parent: ctx.parent }).value);
}

/**
 * The launch template's name. A pinned AMI id is kept in state (`ignoreChanges`), and Pulumi keeps
 * an ignored property's old value on every update (Pulumi docs, "Resource option: ignoreChanges"):
 * one template across variants would keep the CPU AMI (no NVIDIA driver) when a GPU is added, or the
 * x86_64 AMI for a Graviton type (EC2 refuses the launch). A template per variant starts with its
 * own AMI; x86_64 CPU keeps the name earlier versions gave.
 */
export function launchTemplateName(plan: InferenceServicePlan): string {
  return plan.aws.amiVariant === "cpu" ? `${plan.name}-lt` : `${plan.name}-lt-${plan.aws.amiVariant}`;
}

/** The launch template: AMI, type, identity, network interface, encrypted root volume, user data. */
export function createLaunchTemplate(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  ctx: ProvisionContext,
  deps: {
    env: AwsEnvironment;
    image: pulumi.Output<ImageRef>;
    key: Key;
    logGroup: LogGroup;
    identity: InstanceIdentity;
    /** `secretEnv`'s references, which the instances fetch at each start (never the values). */
    secrets: pulumi.Output<{ name: string; arn: string }[]>;
    securityGroup: pulumi.Input<string>;
  },
): LaunchTemplate {
  const { name } = plan;
  const { env, image, key, logGroup, identity } = deps;
  const tags = (extra: Record<string, string>) => awsTags({ ...plan.tags, ...extra });
  const userData = pulumi
    .all([image, env.region, logGroup.name, pulumi.output(inputs.env), deps.secrets])
    .apply(([img, reg, group, vars, secrets]) =>
      Buffer.from(renderUserData(plan, { image: img, region: reg, logGroup: group, env: Object.entries(vars), secrets }), "utf8").toString(
        "base64",
      ),
    );
  const instanceTags = tags({ Name: name });
  const logicalName = launchTemplateName(plan);
  return new LaunchTemplate(
    logicalName,
    withOverrides(
      {
        description: `Inference service ${name}`,
        imageId: amiId(plan, ctx),
        instanceType: plan.compute.machineType,
        iamInstanceProfile: { arn: identity.profile.arn },
        // IMDSv2 only, and one hop: the host's Docker daemon can use the instance role (pulls,
        // awslogs), the container behind Docker's bridge cannot reach it.
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        networkInterfaces: [
          { deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [deps.securityGroup] },
        ],
        blockDeviceMappings: [
          {
            deviceName: ROOT_DEVICE,
            ebs: { volumeType: "gp3", volumeSize: plan.diskGiB, encrypted: "true", kmsKeyId: key.arn, deleteOnTermination: "true" },
          },
        ],
        // Secret env values make this output secret in Pulumi's state, but EC2 keeps user data in
        // plain text: anyone allowed ec2:DescribeLaunchTemplateVersions, and any process on the
        // instance (through metadata), can read it. Pass references to secrets, not secrets.
        userData,
        // A change here (image, size, AMI) is a new version, which the group rolls onto.
        updateDefaultVersion: true,
        tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags: instanceTags })),
        tags: tags({ Name: logicalName }),
      },
      plan.aws.overrides,
      "launchTemplate",
    ),
    amiPinned(plan) ? { ...ctx.opts, ignoreChanges: ["imageId"] } : ctx.opts,
  );
}

/** The Auto Scaling group across the private subnets, registered into the target group. */
export function createAutoScalingGroup(
  plan: InferenceServicePlan,
  inputs: ServiceInputs,
  ctx: ProvisionContext,
  deps: {
    launchTemplate: LaunchTemplate;
    targetGroup: TargetGroup;
    autoScalingRole: pulumi.Input<string>;
    identity: InstanceIdentity;
    /** `secretEnv`'s read grant: instances fetch the secrets at first start. */
    secretGrant: RolePolicy | undefined;
  },
): Group {
  const { name } = plan;
  const { launchTemplate } = deps;
  const instanceTags = awsTags({ ...plan.tags, Name: name });
  // A numbered version, never "$Latest": a new version is then a change to the group, which starts
  // an instance refresh, and a refresh can roll back only to a numbered version.
  const templateVersion = launchTemplate.latestVersion.apply((v) => String(v));
  return new Group(
    `${name}-asg`,
    withOverrides(
      {
        // Private subnets whose ids arrive only once their NAT routes and endpoints exist: the first
        // instances can pull their image.
        vpcZoneIdentifiers: inputs.network.subnetIds.private,
        minSize: plan.scaling.min,
        maxSize: plan.scaling.max,
        targetGroupArns: [deps.targetGroup.arn],
        // The load balancer's view, not just EC2's: an instance whose model stopped answering is replaced.
        healthCheckType: "ELB",
        healthCheckGracePeriod: plan.healthCheck.gracePeriodSeconds,
        // Scaling policies and instance refreshes count a new instance only after this long, so a
        // GPU instance still loading its model does not dilute the group's metrics.
        defaultInstanceWarmup: plan.healthCheck.gracePeriodSeconds,
        protectFromScaleIn: false,
        // Group metrics are published only when collected: a monitoring stack's saturation alarm
        // compares GroupInServiceInstances with GroupMaxSize ("Amazon CloudWatch metrics for
        // Amazon EC2 Auto Scaling"; 1Minute is the only granularity).
        enabledMetrics: ["GroupInServiceInstances", "GroupMaxSize", "GroupDesiredCapacity", "GroupPendingInstances"],
        metricsGranularity: "1Minute",
        // The role the key policy admits; named so the two cannot drift apart.
        serviceLinkedRoleArn: deps.autoScalingRole,
        ...(plan.spot.enabled
          ? {
              // Spot capacity can be reclaimed with two minutes' notice: replace at-risk instances early.
              capacityRebalance: true,
              mixedInstancesPolicy: {
                instancesDistribution: spotDistribution(plan),
                launchTemplate: {
                  launchTemplateSpecification: { launchTemplateId: launchTemplate.id, version: templateVersion },
                  // Several types, several spot pools: one reclaimed pool does not empty the group.
                  overrides: plan.aws.spotInstanceTypes.map((instanceType) => ({ instanceType })),
                },
              },
            }
          : { launchTemplate: { id: launchTemplate.id, version: templateVersion } }),
        instanceRefresh: instanceRefresh(plan),
        tags: Object.entries(instanceTags).map(([k, v]) => ({ key: k, value: v, propagateAtLaunch: true })),
      },
      plan.aws.overrides,
      "autoScalingGroup",
    ),
    {
      ...ctx.opts,
      // The scaling policies own the desired capacity; a deployment must not reset it.
      ignoreChanges: ["desiredCapacity"],
      // Instances pull their image, read their secrets and ship logs at first boot: their
      // permissions must be in place.
      dependsOn: [...deps.identity.permissions, ...(deps.secretGrant ? [deps.secretGrant] : [])],
    },
  );
}

/** Target tracking on CPU (no GPU) and on requests per instance (when set, and by default with a GPU). */
export function createScalingPolicies(
  plan: InferenceServicePlan,
  ctx: ProvisionContext,
  deps: { group: Group; loadBalancer: LoadBalancer; targetGroup: TargetGroup; servingListener: Listener | undefined },
): AwsInferenceService["scalingPolicies"] {
  const { name } = plan;
  const { cpuPercent, requestsPerInstance } = plan.aws.scaling;
  const cpu =
    cpuPercent === undefined
      ? undefined
      : new Policy(
          `${name}-cpu`,
          {
            autoscalingGroupName: deps.group.name,
            ...targetTracking({ predefinedMetricType: "ASGAverageCPUUtilization" }, cpuPercent),
          },
          ctx.opts,
        );
  const requests =
    requestsPerInstance === undefined
      ? undefined
      : new Policy(
          `${name}-requests`,
          {
            autoscalingGroupName: deps.group.name,
            ...targetTracking(
              {
                predefinedMetricType: "ALBRequestCountPerTarget",
                resourceLabel: pulumi.interpolate`${deps.loadBalancer.arnSuffix}/${deps.targetGroup.arnSuffix}`,
              },
              requestsPerInstance,
            ),
          },
          // AWS rejects the metric until a listener routes to the target group.
          deps.servingListener ? { ...ctx.opts, dependsOn: [deps.servingListener] } : ctx.opts,
        );
  return { ...(cpu ? { cpu } : {}), ...(requests ? { requests } : {}) };
}
