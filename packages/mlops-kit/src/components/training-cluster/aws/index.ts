import type { Cluster } from "@pulumi/aws/eks/cluster";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { autoScalingServiceRoleArn } from "../../../core/aws-policies";
import type { ProvisionContext } from "../../../core/backend";
import { awsTags } from "../../../core/tags";
import { type AwsEnvironment, awsEnvironment, encryptedLogGroup } from "../../shared/aws/encrypted-log-group";
import type { ClusterInputs, ClusterResult } from "../contract";
import { awsExec, renderKubeconfig } from "../kubeconfig";
import { gpuTolerations, provisionInCluster } from "../kubernetes";
import type { TrainingClusterPlan } from "../plan";
import { createAddons, createControlPlane } from "./cluster";
import { AUTOSCALER_SERVICE_ACCOUNT, createAutoscalerIdentity, createTeamIdentities } from "./identity";
import { createNodeRole, createPoolNodeGroup, createSystemNodeGroup } from "./nodes";
import type { AwsTrainingCluster } from "./resources";

export type { AwsTrainingCluster } from "./resources";

/**
 * A TrainingCluster on EKS, in the order of creation: the key and the control-plane log group, the
 * cluster, then side by side the node groups, the node add-ons and the team identities; CoreDNS
 * once the system nodes are up; then the Kubernetes provider and what runs inside the cluster.
 */
export function provision(plan: TrainingClusterPlan, inputs: ClusterInputs, ctx: ProvisionContext): ClusterResult {
  const { name } = plan;
  const env = awsEnvironment(ctx.parent);
  const subnetIds = inputs.network.subnetIds.private;
  const autoScalingRole = pulumi.all([env.partition, env.account]).apply(([part, acct]) => autoScalingServiceRoleArn(part, acct));
  const { key, logGroup } = encryptedLogGroup(
    env,
    {
      keyName: `${name}-key`,
      logGroupName: `${name}-control-plane`,
      logGroupPhysicalName: plan.aws.logGroupName,
      description: `Encrypts the secrets, node volumes and control-plane logs of training cluster ${name}`,
      retentionDays: plan.aws.logRetentionDays,
      keyDeletionWindowDays: plan.aws.keyDeletionWindowDays,
      retain: plan.deletionProtection,
      tags: awsTags(plan.tags),
      // Managed node groups launch through Auto Scaling, whose role must use the key for the volumes.
      autoScalingRoleArn: autoScalingRole,
    },
    ctx.opts,
  );
  const { cluster, clusterRole } = createControlPlane(plan, env, { key, logGroup, subnetIds }, ctx);
  const nodeRole = createNodeRole(plan, env, ctx);
  const nodeInputs = { cluster, nodeRole: nodeRole.role, nodeRoleAttachments: nodeRole.attachments, key, subnetIds, dependsOn: [] };
  const systemNodeGroup = createSystemNodeGroup(plan, nodeInputs, ctx);
  const pools = Object.fromEntries(plan.pools.map((p) => [p.name, createPoolNodeGroup(plan, p, nodeInputs, ctx)]));
  const addons = createAddons(plan, cluster, systemNodeGroup, ctx);
  const teams = createTeamIdentities(plan, env, cluster, inputs.access, ctx);
  const autoscaler = createAutoscalerIdentity(plan, env, cluster, ctx);

  const k8s = provisionKubernetes(plan, env, { cluster, systemNodes: [systemNodeGroup, ...addons, autoscaler.association] }, ctx);

  const resources: AwsTrainingCluster = {
    key,
    logGroup,
    cluster,
    clusterRole,
    nodeRole: nodeRole.role,
    systemNodeGroup,
    nodeGroups: Object.fromEntries(Object.entries(pools).map(([k, v]) => [k, v.group])),
    scaleFromZeroTags: Object.fromEntries(Object.entries(pools).map(([k, v]) => [k, v.tags])),
    addons,
    teamRoles: Object.fromEntries(Object.entries(teams).map(([k, v]) => [k, v.role])),
    podIdentityAssociations: Object.fromEntries(Object.entries(teams).map(([k, v]) => [k, v.association])),
    autoscalerRole: autoscaler.role,
    inCluster: k8s.inCluster,
  };
  return {
    cloud: "aws",
    resources,
    clusterName: cluster.name,
    endpoint: cluster.endpoint,
    certificateAuthority: k8s.certificateAuthority,
    oidcIssuerUrl: cluster.identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? ""),
    kubeconfig: k8s.kubeconfig,
    provider: k8s.provider,
  };
}

/**
 * The Kubernetes provider (a kubeconfig that runs `aws eks get-token`), then what runs inside the
 * cluster: the autoscaler's release runs as the service account its pod identity names.
 */
function provisionKubernetes(
  plan: TrainingClusterPlan,
  env: AwsEnvironment,
  a: { cluster: Cluster; systemNodes: pulumi.Resource[] },
  ctx: ProvisionContext,
) {
  const { cluster } = a;
  const certificateAuthority = cluster.certificateAuthority.data;
  const kubeconfig = pulumi
    .all([cluster.name, cluster.endpoint, certificateAuthority, env.region])
    .apply(([clusterName, server, ca, region]) =>
      renderKubeconfig({ name: clusterName, endpoint: server, certificateAuthority: ca, exec: awsExec(clusterName, region) }),
    );
  const provider = new Provider(`${plan.name}-k8s`, { kubeconfig, enableServerSideApply: true }, { parent: ctx.parent });
  const inCluster = provisionInCluster({
    plan,
    provider,
    parent: ctx.parent,
    // EKS Pod Identity matches the service account by name: no annotation.
    serviceAccountAnnotations: {},
    helmValues: {
      "cluster-autoscaler": pulumi.all([cluster.name, env.region]).apply(([clusterName, region]) => ({
        cloudProvider: "aws",
        awsRegion: region,
        autoDiscovery: { clusterName },
        // The autoscaler's minor version follows the cluster's (cluster-autoscaler README, "Releases").
        image: { tag: plan.aws.autoscalerImageTag },
        rbac: { serviceAccount: { create: true, name: AUTOSCALER_SERVICE_ACCOUNT } },
        nodeSelector: { "mlops-kit/pool": "system" },
        extraArgs: { "balance-similar-node-groups": true, expander: "least-waste" },
      })),
      "nvidia-device-plugin": { tolerations: gpuTolerations(plan) },
    },
    systemNodes: a.systemNodes,
  });
  return { certificateAuthority, kubeconfig, provider, inCluster };
}
