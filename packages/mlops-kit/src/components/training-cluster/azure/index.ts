import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import { RoleAssignment } from "@pulumi/azure-native/authorization/roleAssignment";
import { listManagedClusterUserCredentialsOutput } from "@pulumi/azure-native/containerservice/listManagedClusterUserCredentials";
import type { ManagedCluster } from "@pulumi/azure-native/containerservice/managedCluster";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import type { ClusterInputs, ClusterResult } from "../contract";
import { azureExec, renderKubeconfig } from "../kubeconfig";
import { gpuTolerations, provisionInCluster } from "../kubernetes";
import type { TrainingClusterPlan } from "../plan";
import {
  AZURE_ROLES,
  type AzureScope,
  createCluster,
  createControlPlaneIdentity,
  createControlPlaneLogs,
  createKey,
  createLogWorkspace,
  roleId,
} from "./cluster";
import { createTeamIdentities } from "./identity";
import { AKS_SPOT_TAINT, createAgentPool } from "./nodes";
import type { AzureTrainingCluster } from "./resources";

export type { AzureTrainingCluster } from "./resources";

/**
 * A TrainingCluster on AKS, in the order of creation: the vault and key, the log workspace and the
 * control plane's identity with its grants, the cluster (with its system pool), then side by side the
 * agent pools, the team identities and the deployer's access; then the Kubernetes provider and what
 * runs inside the cluster. AKS autoscales pools itself; the NVIDIA device plugin is installed.
 */
export function provision(plan: TrainingClusterPlan, inputs: ClusterInputs, ctx: ProvisionContext): ClusterResult {
  const client = getClientConfigOutput({ parent: ctx.parent });
  const az: AzureScope = {
    subscriptionId: client.subscriptionId,
    tenantId: client.tenantId,
    objectId: client.objectId,
    resourceGroupName: inputs.network.field("resourceGroupName").apply((g) => g ?? ""),
    location: inputs.network.field("region"),
  };
  const subnetId = inputs.network.subnetIds.private.apply((ids) => ids[0] ?? "");
  const { vault, key } = createKey(plan, az, ctx);
  const workspace = createLogWorkspace(plan, az, ctx);
  const controlPlane = createControlPlaneIdentity(plan, az, subnetId, vault, ctx);
  const cluster = createCluster(
    plan,
    { az, network: inputs.networkInfo, subnetId, identity: controlPlane.identity, key, vault, workspace, dependsOn: controlPlane.grants },
    ctx,
  );
  const zones = inputs.network.field("zones");
  const agentPools = Object.fromEntries(
    plan.pools.map((p) => [p.name, createAgentPool(plan, p, { cluster, resourceGroupName: az.resourceGroupName, subnetId, zones }, ctx)]),
  );
  const teams = createTeamIdentities(plan, az, cluster, inputs.access, ctx);
  // Local accounts are off: the deployer reaches the API through Entra ID and Azure RBAC.
  const deployerAccess = new RoleAssignment(
    `${plan.name}-deployer`,
    { scope: cluster.id, roleDefinitionId: roleId(az.subscriptionId, AZURE_ROLES.aksRbacClusterAdmin), principalId: az.objectId },
    ctx.opts,
  );

  const endpoint = (plan.endpoint.public ? cluster.fqdn : cluster.privateFQDN).apply((f) => `https://${f}`);
  const certificateAuthority = clusterCertificateAuthority(cluster, az);
  const kubeconfig = pulumi
    .all([cluster.name, endpoint, certificateAuthority])
    .apply(([clusterName, server, ca]) =>
      renderKubeconfig({ name: clusterName, endpoint: server, certificateAuthority: ca, exec: azureExec() }),
    );
  const provider = new Provider(
    `${plan.name}-k8s`,
    { kubeconfig, enableServerSideApply: true },
    { parent: ctx.parent, dependsOn: [deployerAccess] },
  );
  const inCluster = provisionInCluster({
    plan,
    provider,
    parent: ctx.parent,
    serviceAccountAnnotations: Object.fromEntries(
      Object.entries(teams).map(([team, id]) => [
        team,
        id.identity.clientId.apply((clientId) => ({ "azure.workload.identity/client-id": clientId })),
      ]),
    ),
    helmValues: { "nvidia-device-plugin": { tolerations: devicePluginTolerations(plan) } },
    systemNodes: [cluster],
  });

  const resources: AzureTrainingCluster = {
    vault,
    key,
    logWorkspace: workspace,
    clusterIdentity: controlPlane.identity,
    cluster,
    controlPlaneLogs: createControlPlaneLogs(plan, cluster, workspace, ctx),
    agentPools,
    teamIdentities: Object.fromEntries(Object.entries(teams).map(([k, v]) => [k, v.identity])),
    deployerAccess,
    inCluster,
  };
  return {
    cloud: "azure",
    resources,
    clusterName: cluster.name,
    endpoint,
    certificateAuthority,
    oidcIssuerUrl: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ""),
    kubeconfig,
    provider,
    azure: pulumi.all([cluster.id, az.resourceGroupName]).apply(([clusterId, resourceGroupName]) => ({ clusterId, resourceGroupName })),
  };
}

/**
 * The device plugin's tolerations: the GPU pools' taints, and AKS's spot taint when a GPU pool is
 * spot; without it the plugin never runs on spot GPU nodes, and their GPUs are never offered to pods.
 */
export function devicePluginTolerations(plan: TrainingClusterPlan): { key: string; operator: string; effect: string }[] {
  const spotGpu = plan.pools.some((p) => p.gpu !== undefined && p.spot);
  const spot = { key: AKS_SPOT_TAINT.key, operator: "Exists", effect: AKS_SPOT_TAINT.effect };
  return [...gpuTolerations(plan), ...(spotGpu ? [spot] : [])];
}

/**
 * The cluster's CA, read from the user kubeconfig AKS issues (the ManagedCluster resource does not
 * carry it); the credentials in that kubeconfig are not used.
 */
function clusterCertificateAuthority(cluster: ManagedCluster, az: AzureScope): pulumi.Output<string> {
  const creds = listManagedClusterUserCredentialsOutput(
    { resourceGroupName: az.resourceGroupName, resourceName: cluster.name, format: "exec" },
    { parent: cluster },
  );
  return creds.kubeconfigs.apply((k) => {
    const text = Buffer.from(k?.[0]?.value ?? "", "base64").toString("utf8");
    return /certificate-authority-data:\s*(\S+)/.exec(text)?.[1] ?? "";
  });
}
