import type { Cluster } from "@pulumi/aws/eks/cluster";
import { PodIdentityAssociation } from "@pulumi/aws/eks/podIdentityAssociation";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { TeamAccessInputs } from "../contract";
import { type TrainingClusterPlan, TYPE } from "../plan";

/** Who may take a role through EKS Pod Identity: one service account of one cluster of this account. */
export interface PodIdentitySubject {
  account: string;
  clusterArn: string;
  namespace: string;
  serviceAccount: string;
}

/**
 * EKS Pod Identity's trust (EKS "Create IAM role with trust policy required by EKS Pod Identity"):
 * the agent assumes the role and tags the session with the cluster, namespace and service account,
 * and the conditions admit only this cluster's service account in this account. Without them any
 * pod identity association in the account (any cluster, any service account) could take the role.
 */
export function podIdentityTrust(s: PodIdentitySubject): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": s.account,
            "aws:RequestTag/eks-cluster-arn": s.clusterArn,
            "aws:RequestTag/kubernetes-namespace": s.namespace,
            "aws:RequestTag/kubernetes-service-account": s.serviceAccount,
          },
        },
      },
    ],
  });
}

function trustFor(env: AwsEnvironment, cluster: Cluster, namespace: string, serviceAccount: string): pulumi.Output<string> {
  return pulumi
    .all([env.account, cluster.arn])
    .apply(([account, clusterArn]) => podIdentityTrust({ account, clusterArn, namespace, serviceAccount }));
}

export interface TeamIdentity {
  role: Role;
  association: PodIdentityAssociation;
  grants: RolePolicyAttachment[];
}

/** A role per team for its service account, with the read policies the registry and feature store publish. */
export function createTeamIdentities(
  plan: TrainingClusterPlan,
  env: AwsEnvironment,
  cluster: Cluster,
  access: Record<string, TeamAccessInputs>,
  ctx: ProvisionContext,
): Record<string, TeamIdentity> {
  const out: Record<string, TeamIdentity> = {};
  plan.teams.forEach((t, i) => {
    const base = `${plan.name}-${t.name}`;
    const role = new Role(
      base,
      {
        name: plan.aws.teamRoleNames[t.name],
        description: `Team ${t.name} of training cluster ${plan.name} (EKS Pod Identity)`,
        assumeRolePolicy: trustFor(env, cluster, t.namespace, t.serviceAccount),
        tags: awsTags({ ...plan.tags, Name: base }),
      },
      ctx.opts,
    );
    const a = access[t.name];
    const grants: RolePolicyAttachment[] = [];
    const attach = (suffix: string, arn: pulumi.Output<string>) =>
      grants.push(new RolePolicyAttachment(`${base}-${suffix}`, { role: role.name, policyArn: arn }, ctx.opts));
    if (a?.registry) {
      attach(
        "registry",
        a.registry.apply((r) => r.aws?.readerPolicyArn ?? missing(plan, `teams.${i}.access.registry`, "aws.readerPolicyArn")),
      );
    }
    if (a?.featureStore) {
      attach(
        "feature-store",
        a.featureStore.apply(
          (f) => f.aws?.offlineReaderPolicyArn ?? missing(plan, `teams.${i}.access.featureStore`, "aws.offlineReaderPolicyArn"),
        ),
      );
    }
    const association = new PodIdentityAssociation(
      base,
      { clusterName: cluster.name, namespace: t.namespace, serviceAccount: t.serviceAccount, roleArn: role.arn, tags: awsTags(plan.tags) },
      ctx.opts,
    );
    out[t.name] = { role, association, grants };
  });
  return out;
}

function missing(plan: TrainingClusterPlan, path: string, field: string): never {
  throw new SpecError(TYPE, plan.name, [{ path, message: `has no ${field}: pass the component's \`info\` output` }]);
}

/** The service account the cluster autoscaler chart runs as. */
export const AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler";

/**
 * The cluster autoscaler's identity (cluster-autoscaler "AWS: IAM Policy", least privilege):
 * describe calls, which take no resource, and scaling calls only on this cluster's node groups'
 * Auto Scaling groups, which EKS tags `k8s.io/cluster-autoscaler/<cluster>: owned`.
 */
export function createAutoscalerIdentity(plan: TrainingClusterPlan, env: AwsEnvironment, cluster: Cluster, ctx: ProvisionContext) {
  const base = `${plan.name}-autoscaler`;
  const role = new Role(
    base,
    {
      description: `Cluster autoscaler of training cluster ${plan.name}`,
      assumeRolePolicy: trustFor(env, cluster, "kube-system", AUTOSCALER_SERVICE_ACCOUNT),
      tags: awsTags({ ...plan.tags, Name: base }),
    },
    ctx.opts,
  );
  const policy = new RolePolicy(
    base,
    {
      role: role.id,
      policy: pulumi.all([env.scope, cluster.name]).apply(([scope, clusterName]) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "Describe",
              Effect: "Allow",
              Action: [
                "autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeAutoScalingInstances",
                "autoscaling:DescribeLaunchConfigurations",
                "autoscaling:DescribeScalingActivities",
                "autoscaling:DescribeTags",
                "ec2:DescribeImages",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplateVersions",
                "ec2:GetInstanceTypesFromInstanceRequirements",
              ],
              Resource: "*",
            },
            {
              Sid: "NodeGroups",
              Effect: "Allow",
              Action: ["eks:DescribeNodegroup"],
              Resource: `arn:${scope.partition}:eks:${scope.region}:${scope.account}:nodegroup/${clusterName}/*/*`,
            },
            {
              Sid: "ScaleOwnGroups",
              Effect: "Allow",
              Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
              Resource: "*",
              Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: "owned" } },
            },
          ],
        }),
      ),
    },
    ctx.opts,
  );
  const association = new PodIdentityAssociation(
    base,
    {
      clusterName: cluster.name,
      namespace: "kube-system",
      serviceAccount: AUTOSCALER_SERVICE_ACCOUNT,
      roleArn: role.arn,
      tags: awsTags(plan.tags),
    },
    ctx.opts,
  );
  return { role, policy, association };
}
