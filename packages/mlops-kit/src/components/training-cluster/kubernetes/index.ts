import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { ResourceQuota } from "@pulumi/kubernetes/core/v1/resourceQuota";
import { ServiceAccount } from "@pulumi/kubernetes/core/v1/serviceAccount";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";
import type { Provider } from "@pulumi/kubernetes/provider";
import type * as pulumi from "@pulumi/pulumi";
import type { HelmReleasePlan } from "../charts";
import type { InClusterObjects, TeamObjects } from "../contract";
import type { TeamPlan, TrainingClusterPlan } from "../plan";

// What runs inside the cluster, the same on every cloud: team namespaces with quotas, network
// isolation and service accounts, and the Helm releases. Each cloud's backend builds the cluster and
// a provider for it, then calls this step.

export interface InClusterArgs {
  plan: TrainingClusterPlan;
  provider: Provider;
  parent: pulumi.Resource;
  /** Annotations each team's service account carries for the cloud's workload identity, by team. */
  serviceAccountAnnotations: Record<string, pulumi.Input<Record<string, string>>>;
  /** Values of each Helm release, by release name (cluster name, region, the autoscaler's identity). */
  helmValues: Record<string, pulumi.Input<Record<string, unknown>>>;
  /** What a release's pods need to run on: the system pool. */
  systemNodes: pulumi.Resource[];
}

/**
 * Pod Security Admission "baseline" refuses privileged pods, host namespaces and host paths in a
 * team namespace (Kubernetes "Pod Security Standards"), while GPU jobs still run as they are.
 */
export const TEAM_POD_SECURITY = "baseline";

export function provisionInCluster(a: InClusterArgs): InClusterObjects {
  const opts: pulumi.CustomResourceOptions = { parent: a.parent, provider: a.provider };
  const teams = Object.fromEntries(
    a.plan.teams.map((t) => [t.name, createTeam(a.plan, t, a.serviceAccountAnnotations[t.name] ?? {}, opts)]),
  );
  const releases = Object.fromEntries(a.plan.helm.map((r) => [r.name, createRelease(a, r, opts)]));
  return { teams, releases };
}

function createTeam(
  plan: TrainingClusterPlan,
  t: TeamPlan,
  annotations: pulumi.Input<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): TeamObjects {
  const base = `${plan.name}-${t.name}`;
  const namespace = new Namespace(
    base,
    {
      metadata: {
        name: t.namespace,
        labels: {
          "app.kubernetes.io/managed-by": "mlops-kit",
          "mlops-kit/team": t.name,
          "pod-security.kubernetes.io/enforce": TEAM_POD_SECURITY,
          "pod-security.kubernetes.io/warn": "restricted",
        },
      },
    },
    opts,
  );
  // The namespace's name as a plain value (policies read it in a preview), with an explicit wait for it.
  const ns = t.namespace;
  const inNs = { ...opts, dependsOn: [namespace] };
  const quota = new ResourceQuota(
    `${base}-quota`,
    {
      metadata: { name: "team-quota", namespace: ns },
      spec: {
        // Extended resources take only `requests.` quotas (Kubernetes "Resource Quotas").
        hard: {
          "requests.nvidia.com/gpu": String(t.quota.gpus),
          "requests.cpu": String(t.quota.cpu),
          "requests.memory": `${t.quota.memoryGiB}Gi`,
        },
      },
    },
    inNs,
  );
  const defaultDeny = new NetworkPolicy(
    `${base}-default-deny`,
    { metadata: { name: "default-deny", namespace: ns }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
    inNs,
  );
  const allowTeam = new NetworkPolicy(
    `${base}-allow-team`,
    {
      metadata: { name: "allow-team", namespace: ns },
      spec: {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        // Pods of the team talk to each other (distributed training), nothing else reaches them.
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [
          { to: [{ podSelector: {} }] },
          {
            to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
            ports: [
              { protocol: "UDP", port: 53 },
              { protocol: "TCP", port: 53 },
            ],
          },
          // Data, images and the cloud's APIs are outside the cluster: HTTPS anywhere.
          { ports: [{ protocol: "TCP", port: 443 }] },
        ],
      },
    },
    inNs,
  );
  const serviceAccount = new ServiceAccount(`${base}-sa`, { metadata: { name: t.serviceAccount, namespace: ns, annotations } }, inNs);
  return { namespace, quota, defaultDeny, allowTeam, serviceAccount };
}

function createRelease(a: InClusterArgs, r: HelmReleasePlan, opts: pulumi.CustomResourceOptions): Release {
  return new Release(
    `${a.plan.name}-${r.name}`,
    {
      name: r.name,
      chart: r.chart,
      version: r.version,
      ...(r.repository !== undefined ? { repositoryOpts: { repo: r.repository } } : {}),
      namespace: r.namespace,
      createNamespace: r.namespace !== "kube-system",
      values: a.helmValues[r.name] ?? {},
      // A failed install is rolled back rather than left half-applied.
      atomic: true,
      cleanupOnFail: true,
    },
    // An atomic install waits for its pods, so a Deployment waits for the system pool. A GPU
    // DaemonSet waits for nothing: with a pool at zero it is ready with no pods, and it lands on each
    // GPU node as the autoscaler adds it.
    { ...opts, dependsOn: r.onGpuNodes ? [] : a.systemNodes },
  );
}

/** Tolerations of every taint a GPU pool carries: a device plugin must run on all of them. */
export function gpuTolerations(plan: TrainingClusterPlan): { key: string; operator: string; effect: string }[] {
  const seen = new Map<string, { key: string; operator: string; effect: string }>();
  for (const p of plan.pools) {
    if (p.gpu === undefined) continue;
    for (const t of p.taints) seen.set(`${t.key}:${t.effect}`, { key: t.key, operator: "Exists", effect: t.effect });
  }
  return [...seen.values()];
}
