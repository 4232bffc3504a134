import { getClientConfigOutput } from "@pulumi/gcp/organizations/getClientConfig";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import type { ClusterInputs, ClusterResult } from "../contract";
import { gcpExec, renderKubeconfig } from "../kubeconfig";
import { provisionInCluster } from "../kubernetes";
import type { TrainingClusterPlan } from "../plan";
import { createCluster, createKey, createNodeServiceAccount } from "./cluster";
import { createTeamIdentities } from "./identity";
import { createNodePool, createSystemNodePool } from "./nodes";
import type { GcpTrainingCluster } from "./resources";

export type { GcpTrainingCluster } from "./resources";

/**
 * A TrainingCluster on GKE, in the order of creation: the key (and its grants to the GKE and Compute
 * Engine agents) and the nodes' service account, the cluster, then side by side the node pools and
 * the team identities; then the Kubernetes provider and what runs inside the cluster. GKE runs the
 * NVIDIA device plugin and the autoscaler itself.
 */
export function provision(plan: TrainingClusterPlan, inputs: ClusterInputs, ctx: ProvisionContext): ClusterResult {
  const { name } = plan;
  const project = getClientConfigOutput({ parent: ctx.parent }).project;
  const gcp = { project, number: getProjectOutput({ projectId: project }, { parent: ctx.parent }).number };
  const region = inputs.network.field("region");
  const key = createKey(plan, gcp, region, ctx);
  const nodes = createNodeServiceAccount(plan, gcp, ctx);
  const cluster = createCluster(
    plan,
    { gcp, network: inputs.networkInfo, keyId: key.key.id, nodeAccount: nodes.account, dependsOn: [...key.grants, ...nodes.grants] },
    ctx,
  );
  const poolInputs = {
    cluster,
    nodeAccount: nodes.account,
    keyId: key.key.id,
    project,
    region,
    dependsOn: [...key.grants, ...nodes.grants],
  };
  const systemNodePool = createSystemNodePool(plan, poolInputs, ctx);
  const nodePools = Object.fromEntries(plan.pools.map((p) => [p.name, createNodePool(plan, p, poolInputs, ctx)]));
  const teams = createTeamIdentities(plan, project, inputs.access, [cluster], ctx);

  const endpoint = cluster.endpoint.apply((e) => `https://${e}`);
  const certificateAuthority = cluster.masterAuth.clusterCaCertificate.apply((c) => c ?? "");
  const kubeconfig = pulumi
    .all([cluster.name, endpoint, certificateAuthority])
    .apply(([clusterName, server, ca]) =>
      renderKubeconfig({ name: clusterName, endpoint: server, certificateAuthority: ca, exec: gcpExec() }),
    );
  const provider = new Provider(`${name}-k8s`, { kubeconfig, enableServerSideApply: true }, { parent: ctx.parent });
  const inCluster = provisionInCluster({
    plan,
    provider,
    parent: ctx.parent,
    serviceAccountAnnotations: Object.fromEntries(
      Object.entries(teams).map(([team, id]) => [team, id.account.email.apply((email) => ({ "iam.gke.io/gcp-service-account": email }))]),
    ),
    helmValues: {},
    systemNodes: [systemNodePool],
  });

  const resources: GcpTrainingCluster = {
    keyRing: key.keyRing,
    key: key.key,
    cluster,
    nodeServiceAccount: nodes.account,
    systemNodePool,
    nodePools,
    teamServiceAccounts: Object.fromEntries(Object.entries(teams).map(([k, v]) => [k, v.account])),
    inCluster,
  };
  return {
    cloud: "gcp",
    resources,
    clusterName: cluster.name,
    endpoint,
    certificateAuthority,
    // GKE's issuer for a cluster (GKE "Workload Identity Federation": the cluster's OIDC discovery).
    oidcIssuerUrl: pulumi.interpolate`https://container.googleapis.com/v1/projects/${project}/locations/${cluster.location}/clusters/${cluster.name}`,
    kubeconfig,
    provider,
    gcp: pulumi.all([project, cluster.location]).apply(([p, location]) => ({ project: p, location: location ?? "" })),
  };
}
