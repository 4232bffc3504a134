import * as pulumi from "@pulumi/pulumi";
import { type CloudId, loadBackend } from "../../core/cloud";
import { Internals, resourcesOn } from "../../core/component";
import { resolveContext } from "../../core/context";
import { SpecError } from "../../core/errors";
import { checkResolved } from "../../core/secrets";
import { parseSpec } from "../../core/spec";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { RegistryInfo } from "../model-registry/info";
import { networkProblems, type ResolvedNetwork, resolveNetwork } from "../network/ref";
import type { ClusterBackend, ClusterInputs, ClusterResult, TrainingClusterResourcesOn } from "./contract";
import type { ClusterInfo, ClusterPoolInfo } from "./info";
import { checkClusterEgress, planTrainingCluster, type TrainingClusterPlan, TYPE } from "./plan";
import { registerCluster } from "./ref";
import { type TrainingClusterArgs, type TrainingClusterSpec, trainingClusterSchema } from "./spec";

const backends = {
  // lazy, synchronous load of one cloud's backend
  aws: () => require("./aws") as ClusterBackend,
  gcp: () => require("./gcp") as ClusterBackend,
  azure: () => require("./azure") as ClusterBackend,
} satisfies Record<CloudId, () => ClusterBackend>;

const TIERS = ["private"] as const;

const internals = new Internals<TrainingCluster, { plan: TrainingClusterPlan; result: ClusterResult }>(TYPE);

/**
 * A private managed Kubernetes cluster for model training on an MlopsVpc network: EKS, GKE or AKS
 * with an always-on system pool, GPU pools that scale to zero, and per-team namespaces with
 * quotas, default-deny network policies and workload identities that read the platform's model
 * registry and feature store.
 */
export class TrainingCluster extends pulumi.ComponentResource {
  /** The neutral description other components take (`training: cluster.info`). */
  public readonly info: pulumi.Output<ClusterInfo>;
  /** A kubeconfig (secret) whose user runs the cloud's credential plugin: `aws eks get-token`, `gke-gcloud-auth-plugin`, `kubelogin`. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** The Kubernetes API server's URL. */
  public readonly endpoint: pulumi.Output<string>;
  /** The cloud's name of the cluster. */
  public readonly clusterName: pulumi.Output<string>;

  constructor(name: string, args: TrainingClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can reject the spec runs before anything registers.
    const { spec, plan, network } = planCluster(name, args);
    super(`mlops:index:${TYPE}`, name, {}, opts);
    const inputs: ClusterInputs = {
      network,
      networkInfo: checkedNetworkInfo(name, plan.cloud, network),
      access: teamAccess(name, plan.cloud, spec),
    };
    const result = loadBackend(backends, plan.cloud).provision(plan, inputs, { parent: this, opts: { parent: this } });
    internals.set(this, { plan, result });
    this.kubeconfig = pulumi.secret(result.kubeconfig);
    this.endpoint = result.endpoint;
    this.clusterName = result.clusterName;
    this.info = clusterInfo(plan, network, result);
    registerCluster(this.info, { cloud: plan.cloud, name: plan.name });
    this.registerOutputs({ info: this.info, kubeconfig: this.kubeconfig, endpoint: this.endpoint, clusterName: this.clusterName });
  }

  /** The Kubernetes provider for the cluster: pass it to your own in-cluster resources (`{ provider: cluster.provider }`). */
  get provider(): pulumi.ProviderResource {
    return internals.get(this).result.provider;
  }

  /** Every decision made for this cluster: versions, pools, machine types, teams, Helm releases. */
  get plan(): TrainingClusterPlan {
    return internals.get(this).plan;
  }

  get cloud(): CloudId {
    return internals.get(this).plan.cloud;
  }

  /** The AWS resources (escape hatch). Throws on other clouds. */
  get aws(): TrainingClusterResourcesOn<"aws"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "aws") as TrainingClusterResourcesOn<"aws">;
  }

  /** The GCP resources (escape hatch). Throws on other clouds. */
  get gcp(): TrainingClusterResourcesOn<"gcp"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "gcp") as TrainingClusterResourcesOn<"gcp">;
  }

  /** The Azure resources (escape hatch). Throws on other clouds. */
  get azure(): TrainingClusterResourcesOn<"azure"> {
    const { plan, result } = internals.get(this);
    return resourcesOn(TYPE, plan.name, result, "azure") as TrainingClusterResourcesOn<"azure">;
  }
}

function clusterInfo(plan: TrainingClusterPlan, network: ResolvedNetwork, result: ClusterResult): pulumi.Output<ClusterInfo> {
  const pools: Record<string, ClusterPoolInfo> = { system: { gpu: false, min: plan.system.count, max: plan.system.count } };
  for (const p of plan.pools) pools[p.name] = { gpu: p.gpu !== undefined, min: p.min, max: p.max };
  return pulumi
    .all([
      result.clusterName,
      result.endpoint,
      result.certificateAuthority,
      result.oidcIssuerUrl,
      network.field("region"),
      result.azure,
      result.gcp,
    ])
    .apply(
      ([clusterName, endpoint, certificateAuthority, oidcIssuerUrl, region, azure, gcp]): ClusterInfo => ({
        cloud: plan.cloud,
        name: plan.name,
        clusterName,
        region,
        endpoint,
        certificateAuthority,
        oidcIssuerUrl,
        version: plan.version,
        pools,
        namespaces: plan.teams.map((t) => t.namespace),
        ...(azure ? { azure } : {}),
        ...(gcp ? { gcp } : {}),
      }),
    );
}

/** The spec validated, planned and checked against what is known of the network, before anything registers. */
function planCluster(
  name: string,
  args: TrainingClusterArgs,
): { spec: TrainingClusterSpec; plan: TrainingClusterPlan; network: ResolvedNetwork } {
  const spec = parseSpec(trainingClusterSchema, TYPE, name, args);
  const ctx = resolveContext(TYPE, name, spec);
  const plan = planTrainingCluster(name, spec, ctx);
  const network = resolveNetwork(spec.network);
  const plain = !pulumi.Output.isInstance(spec.network) && !(spec.network instanceof Promise);
  const shape = plain ? networkProblems(spec.network, TIERS) : [];
  if (shape.length > 0) throw new SpecError(TYPE, name, shape);
  if (network.known && network.known.cloud !== ctx.cloud) {
    throw new SpecError(TYPE, name, [
      { path: "network", message: `is MlopsVpc "${network.known.name}" on ${network.known.cloud}; this cluster is on ${ctx.cloud}` },
    ]);
  }
  if (network.known) checkClusterEgress(plan, network.known);
  return { spec, plan, network };
}

/** A network known only once it resolves (a stack reference, say) is checked then, in the same words. */
function checkedNetworkInfo(name: string, cloud: CloudId, network: ResolvedNetwork) {
  return checkResolved(network.info, (info, show) => {
    const problems = networkProblems(info, TIERS, show);
    if (problems.length > 0) return new SpecError(TYPE, name, problems);
    if (info.cloud !== cloud)
      return new SpecError(TYPE, name, [{ path: "network", message: `is on ${String(info.cloud)}; this cluster is on ${cloud}` }]);
    return undefined;
  });
}

/** Each team's grants, each checked to be on the cluster's cloud when it resolves. */
function teamAccess(name: string, cloud: CloudId, spec: TrainingClusterSpec): Record<string, ClusterInputs["access"][string]> {
  const onCloud = <T extends { cloud: CloudId }>(path: string, input: pulumi.Input<T> | undefined) =>
    input === undefined
      ? undefined
      : checkResolved(pulumi.output(input) as pulumi.Output<T>, (v) =>
          typeof v === "object" && v !== null && v.cloud === cloud
            ? undefined
            : new SpecError(TYPE, name, [{ path, message: `must be on ${cloud}, the cluster's cloud` }]),
        );
  return Object.fromEntries(
    spec.teams.map((t, i) => [
      t.name,
      {
        registry: onCloud<RegistryInfo>(`teams.${i}.access.registry`, t.access.registry),
        featureStore: onCloud<FeatureStoreInfo>(`teams.${i}.access.featureStore`, t.access.featureStore),
      },
    ]),
  );
}
