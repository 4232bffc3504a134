import { byCloud, type CloudId } from "../../core/cloud";

/** A Helm release the cluster gets: chart, pinned version, where it runs. */
export interface HelmReleasePlan {
  /** The release's name, and the child's logical name after the component's. */
  name: string;
  chart: string;
  /** The chart repository; absent when `chart` is an OCI reference. */
  repository: string | undefined;
  /** Pinned, so an unrelated `up` never upgrades it. */
  version: string;
  namespace: string;
  /** Runs on GPU nodes (a device plugin): it waits for the GPU pools and tolerates their taints. */
  onGpuNodes: boolean;
}

// Chart versions, pinned. Sources: kubernetes/autoscaler cluster-autoscaler/charts/cluster-autoscaler
// (9.59.0 on https://kubernetes.github.io/autoscaler, appVersion 1.35.0; see CLUSTER_AUTOSCALER below);
// NVIDIA/k8s-device-plugin releases (chart 0.17.1 on https://nvidia.github.io/k8s-device-plugin);
// kubernetes-sigs/kueue (0.15.2 on oci://registry.k8s.io/kueue/charts); ray-project/kuberay-helm
// (kuberay-operator 1.4.0).
export const CHARTS = {
  clusterAutoscaler: { chart: "cluster-autoscaler", repository: "https://kubernetes.github.io/autoscaler", version: "9.59.0" },
  nvidiaDevicePlugin: { chart: "nvidia-device-plugin", repository: "https://nvidia.github.io/k8s-device-plugin", version: "0.17.1" },
  kueue: { chart: "oci://registry.k8s.io/kueue/charts/kueue", repository: undefined, version: "0.15.2" },
  kubeRay: { chart: "kuberay-operator", repository: "https://ray-project.github.io/kuberay-helm/", version: "1.4.0" },
} as const;

/**
 * The cluster autoscaler by Kubernetes minor version. Its minor must be the cluster's, at the latest
 * patch (cluster-autoscaler README, "Releases" and "Schedule"), and each minor lists and watches
 * more of the API, so the chart's ClusterRole must be recent enough for the image it runs:
 * `firstChart` is the first chart that grants what that minor reads (README table for 1.33 and
 * 1.34; for 1.35, chart 9.54.0, which adds `resource.k8s.io` resourceslices, deviceclasses and
 * resourceclaims: from 1.35 `--enable-dynamic-resource-allocation` is locked to true, and the
 * autoscaler blocks at start until those informers sync, kubernetes/autoscaler #8827 and #10278).
 * An older chart installs cleanly and the pod runs, but it never scales. `image` is the latest
 * patch tag of that minor (kubernetes/autoscaler tags, 2026-07-22).
 */
export const CLUSTER_AUTOSCALER: Record<string, { firstChart: string; image: string }> = {
  "1.33": { firstChart: "9.47.0", image: "v1.33.6" },
  "1.34": { firstChart: "9.51.0", image: "v1.34.5" },
  "1.35": { firstChart: "9.54.0", image: "v1.35.2" },
};

/** The autoscaler's image tag for a cluster on `version`: the table's patch, else the minor's first release. */
export function clusterAutoscalerImageTag(version: string): string {
  return CLUSTER_AUTOSCALER[version]?.image ?? `v${version}.0`;
}

/**
 * The releases a cluster gets on `cloud`. The NVIDIA device plugin where the cloud does not run one
 * (GKE does, on every GPU node; EKS's AL2023 NVIDIA AMI and AKS's GPU nodes carry the driver only);
 * the cluster autoscaler where the cloud does not build one in (EKS managed node groups; GKE and AKS
 * scale their pools themselves); the job tooling the spec asks for.
 */
export function helmReleases(
  cloud: CloudId,
  _version: string,
  addons: { kueue: boolean; kubeRay: boolean },
  pools: readonly { gpu: unknown }[],
): HelmReleasePlan[] {
  const gpu = pools.some((p) => p.gpu !== undefined);
  const releases: HelmReleasePlan[] = [];
  const add = (name: string, c: (typeof CHARTS)[keyof typeof CHARTS], namespace: string, onGpuNodes = false) =>
    releases.push({ name, chart: c.chart, repository: c.repository, version: c.version, namespace, onGpuNodes });
  const devicePlugin = byCloud(cloud, { aws: gpu, gcp: false, azure: gpu });
  const autoscaler = byCloud(cloud, { aws: true, gcp: false, azure: false });
  if (autoscaler) add("cluster-autoscaler", CHARTS.clusterAutoscaler, "kube-system");
  if (devicePlugin) add("nvidia-device-plugin", CHARTS.nvidiaDevicePlugin, "kube-system", true);
  if (addons.kueue) add("kueue", CHARTS.kueue, "kueue-system");
  if (addons.kubeRay) add("kuberay-operator", CHARTS.kubeRay, "kuberay-system");
  return releases;
}
