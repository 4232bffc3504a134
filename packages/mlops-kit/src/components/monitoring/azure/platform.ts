import type { MetricAlert } from "@pulumi/azure-native/monitor/metricAlert";
import type * as pulumi from "@pulumi/pulumi";
import type { FeatureStoreInfo } from "../../feature-store/info";
import type { ClusterInfo } from "../../training-cluster/info";
import type { AzurePlatformAlert } from "../plan-platform";
import { staticMetricAlert } from "./alerts";
import type { Foundation } from "./foundation";

/** The resource a planned alert watches, from the cluster's or store's info (checked to be on Azure). */
export function platformTarget(a: AzurePlatformAlert, cluster: ClusterInfo | undefined, store: FeatureStoreInfo | undefined): string {
  switch (a.target) {
    case "cluster":
      if (!cluster?.azure) throw new Error(`MonitoringStack: TrainingCluster "${a.subject}" has no AKS cluster id (is it on azure?)`);
      return cluster.azure.clusterId;
    case "redis":
      if (!store?.azure?.onlineStoreId) throw new Error(`MonitoringStack: FeatureStore "${a.subject}" has no Redis online store`);
      return store.azure.onlineStoreId;
    case "featureWorkspace":
      if (!store?.azure) throw new Error(`MonitoringStack: FeatureStore "${a.subject}" has no Azure ML workspace (is it on azure?)`);
      return store.azure.workspaceId;
  }
}

/** Metric alerts on clusters (`training/<cluster>/<signal>`) and feature stores (`featureStore/<store>/<signal>`). */
export function createPlatformAlerts(
  f: Foundation,
  training: pulumi.Output<ClusterInfo>[],
  stores: pulumi.Output<FeatureStoreInfo>[],
): Record<string, MetricAlert> {
  const { plan } = f;
  const out: Record<string, MetricAlert> = {};
  for (const a of plan.azure.platform.alerts) {
    const isCluster = a.target === "cluster";
    const index = (isCluster ? plan.clusters : plan.featureStores).find((x) => x.name === a.subject)?.index ?? -1;
    const scope = isCluster
      ? (training[index] as pulumi.Output<ClusterInfo>).apply((c) => platformTarget(a, c, undefined))
      : (stores[index] as pulumi.Output<FeatureStoreInfo>).apply((s) => platformTarget(a, undefined, s));
    const key = `${isCluster ? "training" : "featureStore"}/${a.subject}/${a.signal}`;
    out[key] = staticMetricAlert(f, `${plan.name}-${a.subject}-${a.signal}`, { ...a, criterion: a.signal }, scope);
  }
  return out;
}
