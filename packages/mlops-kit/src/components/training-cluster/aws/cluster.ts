import type { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
import { Addon } from "@pulumi/aws/eks/addon";
import { Cluster, type ClusterArgs } from "@pulumi/aws/eks/cluster";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import type { Key } from "@pulumi/aws/kms/key";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../../core/aws-policies";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import type { AwsEnvironment } from "../../shared/aws/encrypted-log-group";
import type { TrainingClusterPlan } from "../plan";

/** Every control-plane log type EKS can send to CloudWatch (EKS "Control plane logs"; the provider's enum). */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/**
 * EKS add-ons that run on every node (DaemonSets): ready without nodes, so they wait for the cluster
 * only. CoreDNS is a Deployment and waits for the system nodes (an add-on with no pods stays
 * DEGRADED, and the provider waits for ACTIVE). Versions are left to EKS: it picks the default for
 * the cluster's Kubernetes version when the add-on is created and never moves it on its own.
 */
export const NODE_ADDONS = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"] as const;

export interface ControlPlane {
  cluster: Cluster;
  clusterRole: Role;
}

/** The cluster's role: EKS manages the control plane's network interfaces and uses the key for secrets. */
function createClusterRole(plan: TrainingClusterPlan, env: AwsEnvironment, key: Key, ctx: ProvisionContext) {
  const { name } = plan;
  const role = new Role(
    `${name}-cluster`,
    {
      description: `EKS control plane of training cluster ${name}`,
      assumeRolePolicy: env.dnsSuffix.apply((s) => JSON.stringify(clusterTrustPolicy(s))),
      tags: awsTags({ ...plan.tags, Name: `${name}-cluster` }),
    },
    ctx.opts,
  );
  const managed = new RolePolicyAttachment(
    `${name}-cluster-eks`,
    { role: role.name, policyArn: pulumi.interpolate`arn:${env.partition}:iam::aws:policy/AmazonEKSClusterPolicy` },
    ctx.opts,
  );
  // Envelope encryption of secrets (EKS "Encrypt Kubernetes secrets with KMS"): on this key only.
  const keyUse = new RolePolicy(
    `${name}-cluster-kms`,
    {
      role: role.id,
      policy: key.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "SecretsEncryption",
              Effect: "Allow",
              Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
              Resource: arn,
            },
          ],
        }),
      ),
    },
    ctx.opts,
  );
  return { role, grants: [managed, keyUse] };
}

/** EKS assumes the cluster role and tags its session (EKS "Cluster IAM role"). */
function clusterTrustPolicy(dnsSuffix: string) {
  const trust = serviceTrustPolicy(`eks.${dnsSuffix}`);
  return { ...trust, Statement: trust.Statement.map((s) => ({ ...s, Action: ["sts:AssumeRole", "sts:TagSession"] })) };
}

/**
 * The EKS cluster: API authentication (access entries, no aws-auth ConfigMap), secrets encrypted
 * with the key, every control-plane log to the log group created first (so its retention and key
 * hold), the endpoint private unless the spec admits CIDRs.
 */
export function createControlPlane(
  plan: TrainingClusterPlan,
  env: AwsEnvironment,
  a: { key: Key; logGroup: LogGroup; subnetIds: pulumi.Input<string[]> },
  ctx: ProvisionContext,
): ControlPlane {
  const { name } = plan;
  const clusterRole = createClusterRole(plan, env, a.key, ctx);
  const args: ClusterArgs = {
    name: plan.aws.clusterName,
    version: plan.version,
    roleArn: clusterRole.role.arn,
    accessConfig: {
      authenticationMode: "API",
      // The deployer's own identity creates the namespaces and Helm releases right after.
      bootstrapClusterCreatorAdminPermissions: true,
    },
    encryptionConfig: { provider: { keyArn: a.key.arn }, resources: ["secrets"] },
    enabledClusterLogTypes: [...EKS_LOG_TYPES],
    vpcConfig: {
      subnetIds: a.subnetIds,
      endpointPrivateAccess: true,
      endpointPublicAccess: plan.endpoint.public,
      ...(plan.endpoint.public ? { publicAccessCidrs: plan.endpoint.authorizedCidrs } : {}),
    },
    tags: awsTags({ ...plan.tags, Name: plan.aws.clusterName }),
  };
  // EKS's own deletionProtection is newer than the terraform-provider-aws the offline validation
  // runs (5.100): prod protects the cluster in Pulumi instead (aws.overrides.cluster can add it).
  const cluster = new Cluster(name, withOverrides(args, plan.aws.overrides, "cluster"), {
    ...ctx.opts,
    protect: plan.deletionProtection,
    retainOnDelete: plan.deletionProtection,
    dependsOn: [...clusterRole.grants, a.logGroup],
  });
  return { cluster, clusterRole: clusterRole.role };
}

/** The EKS add-ons: node add-ons on the cluster alone, CoreDNS once the system nodes can run it. */
export function createAddons(plan: TrainingClusterPlan, cluster: Cluster, systemNodes: pulumi.Resource, ctx: ProvisionContext): Addon[] {
  const addon = (addonName: string, dependsOn: pulumi.Resource[]) =>
    new Addon(
      `${plan.name}-${addonName}`,
      {
        clusterName: cluster.name,
        addonName,
        // EKS installs its own vpc-cni, kube-proxy and CoreDNS at creation: the managed add-on takes them over.
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        tags: awsTags(plan.tags),
      },
      { ...ctx.opts, dependsOn },
    );
  return [...NODE_ADDONS.map((n) => addon(n, [])), addon("coredns", [systemNodes])];
}
