import { Tag } from "@pulumi/aws/autoscaling/tag";
import { LaunchTemplate, type LaunchTemplateArgs } from "@pulumi/aws/ec2/launchTemplate";
import type { Cluster } from "@pulumi/aws/eks/cluster";
import { NodeGroup, type NodeGroupArgs } from "@pulumi/aws/eks/nodeGroup";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import type { Key } from "@pulumi/aws/kms/key";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { PoolPlan, TaintPlan, TrainingClusterPlan } from "../plan";
import type { TaintEffect } from "../spec";

/** EKS spells taint effects its own way (EKS API `Taint.effect`; terraform-provider-aws validates the enum). */
export const EKS_TAINT_EFFECT: Record<TaintEffect, string> = {
  NoSchedule: "NO_SCHEDULE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
};

/**
 * Managed policies of the node role (EKS "Amazon EKS node IAM role"). The VPC CNI's policy stays on
 * the node role: the CNI starts before any pod identity can be served, and moving it is a change of
 * its own.
 */
const NODE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEKS_CNI_Policy"] as const;

/** The nodes' role: join the cluster, pull images, run the VPC CNI. */
export function createNodeRole(plan: TrainingClusterPlan, env: AwsEnvironment, ctx: ProvisionContext) {
  const { name } = plan;
  const role = new Role(
    `${name}-nodes`,
    withOverrides(
      {
        description: `Nodes of training cluster ${name}`,
        assumeRolePolicy: env.dnsSuffix.apply((s) => JSON.stringify(serviceTrustPolicy(`ec2.${s}`))),
        tags: awsTags({ ...plan.tags, Name: `${name}-nodes` }),
      },
      plan.aws.overrides,
      "nodeRole",
    ),
    ctx.opts,
  );
  const attachments = NODE_POLICIES.map(
    (p) =>
      new RolePolicyAttachment(
        `${name}-nodes-${p}`,
        { role: role.name, policyArn: pulumi.interpolate`arn:${env.partition}:iam::aws:policy/${p}` },
        ctx.opts,
      ),
  );
  return { role, attachments };
}

/**
 * A node's launch template: IMDSv2 only with a hop limit of 1, so pods (one hop further) cannot take
 * the node role's credentials (they get theirs from EKS Pod Identity); the root volume gp3,
 * encrypted with the cluster's key. Instance type and AMI stay with the node group (amiType).
 */
function createLaunchTemplate(plan: TrainingClusterPlan, poolName: string, diskGiB: number, key: Key, ctx: ProvisionContext) {
  const tags = awsTags({ ...plan.tags, Name: `${plan.name}-${poolName}` });
  const args: LaunchTemplateArgs = {
    description: `Nodes of pool ${poolName} of training cluster ${plan.name}`,
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [
      {
        // The AL2023 EKS AMIs boot from /dev/xvda.
        deviceName: "/dev/xvda",
        ebs: { volumeSize: diskGiB, volumeType: "gp3", encrypted: "true", kmsKeyId: key.arn, deleteOnTermination: "true" },
      },
    ],
    tagSpecifications: [
      { resourceType: "instance", tags },
      { resourceType: "volume", tags },
    ],
    updateDefaultVersion: true,
    tags,
  };
  return new LaunchTemplate(`${plan.name}-${poolName}`, withOverrides(args, plan.aws.overrides, "launchTemplate"), ctx.opts);
}

export interface NodeGroupInputs {
  cluster: Cluster;
  nodeRole: Role;
  nodeRoleAttachments: pulumi.Resource[];
  key: Key;
  subnetIds: pulumi.Input<string[]>;
  /** What the nodes' first launch needs: the key's grants for the Auto Scaling role. */
  dependsOn: pulumi.Resource[];
}

/** The always-on system node group: on demand, fixed size, across the network's private subnets. */
export function createSystemNodeGroup(plan: TrainingClusterPlan, n: NodeGroupInputs, ctx: ProvisionContext): NodeGroup {
  const template = createLaunchTemplate(plan, "system", plan.system.diskGiB, n.key, ctx);
  const args: NodeGroupArgs = {
    ...common(plan, n, template),
    amiType: "AL2023_x86_64_STANDARD",
    capacityType: "ON_DEMAND",
    instanceTypes: [plan.system.machineType],
    scalingConfig: { minSize: plan.system.count, maxSize: plan.system.count, desiredSize: plan.system.count },
    labels: { "mlops-kit/pool": "system" },
    tags: awsTags({ ...plan.tags, Name: `${plan.name}-system` }),
  };
  return new NodeGroup(`${plan.name}-system`, withOverrides(args, plan.aws.overrides, "systemNodeGroup"), {
    ...ctx.opts,
    dependsOn: [...n.nodeRoleAttachments, ...n.dependsOn],
  });
}

/**
 * A training pool: the NVIDIA AL2023 AMI when it has GPUs (driver included, device plugin not),
 * spot or on demand, from `min` (0 allowed) to `max`; the desired size is the autoscaler's.
 */
export function createPoolNodeGroup(plan: TrainingClusterPlan, pool: PoolPlan, n: NodeGroupInputs, ctx: ProvisionContext) {
  const template = createLaunchTemplate(plan, pool.name, pool.diskGiB, n.key, ctx);
  const args: NodeGroupArgs = {
    ...common(plan, n, template),
    amiType: pool.gpu ? "AL2023_x86_64_NVIDIA" : "AL2023_x86_64_STANDARD",
    capacityType: pool.spot ? "SPOT" : "ON_DEMAND",
    instanceTypes: [pool.machineType],
    scalingConfig: { minSize: pool.min, maxSize: pool.max, desiredSize: pool.min },
    labels: pool.labels,
    taints: pool.taints.map((t) => ({ key: t.key, value: t.value, effect: EKS_TAINT_EFFECT[t.effect] })),
    tags: awsTags({ ...plan.tags, Name: `${plan.name}-${pool.name}` }),
  };
  const group = new NodeGroup(`${plan.name}-${pool.name}`, withOverrides(args, plan.aws.overrides, "nodeGroup"), {
    ...ctx.opts,
    dependsOn: [...n.nodeRoleAttachments, ...n.dependsOn],
    // The cluster autoscaler owns the desired size once the group exists.
    ignoreChanges: ["scalingConfig.desiredSize"],
    // A GPU pool is expensive to get back (capacity is scarce): prod refuses to delete it by accident.
    protect: plan.deletionProtection && pool.gpu !== undefined,
  });
  const tags = scaleFromZeroTags(pool).map(
    ([key, value], i) =>
      new Tag(
        `${plan.name}-${pool.name}-ca-${i}`,
        {
          autoscalingGroupName: group.resources.apply((r) => r?.[0]?.autoscalingGroups?.[0]?.name ?? ""),
          tag: { key, value, propagateAtLaunch: false },
        },
        ctx.opts,
      ),
  );
  return { group, tags };
}

function common(plan: TrainingClusterPlan, n: NodeGroupInputs, template: LaunchTemplate) {
  return {
    clusterName: n.cluster.name,
    version: plan.version,
    nodeRoleArn: n.nodeRole.arn,
    subnetIds: n.subnetIds,
    launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` },
    updateConfig: { maxUnavailable: 1 },
  };
}

/**
 * What the cluster autoscaler reads from an Auto Scaling group to build a node it has never seen,
 * when the group is at zero (cluster-autoscaler "AWS: Auto-Discovery Setup", node-template tags):
 * the labels, taints and GPUs of the pool's nodes.
 */
export function scaleFromZeroTags(pool: PoolPlan): [string, string][] {
  const prefix = "k8s.io/cluster-autoscaler/node-template";
  return [
    ...Object.entries(pool.labels).map(([k, v]): [string, string] => [`${prefix}/label/${k}`, v]),
    ...pool.taints.map((t: TaintPlan): [string, string] => [`${prefix}/taint/${t.key}`, `${t.value}:${t.effect}`]),
    ...(pool.gpu ? [[`${prefix}/resources/nvidia.com/gpu`, String(pool.gpu.count)] as [string, string]] : []),
  ];
}
