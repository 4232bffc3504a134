import { prodClusterRule } from "@mlops-kit/policy-common";

export default prodClusterRule({
  name: "mlops-gcp-gke-prod-cluster-protected",
  cluster: "gcp:container/cluster:Cluster",
  pool: "gcp:container/nodePool:NodePool",
  isGpuPool: (p) => {
    const accelerators = (p.nodeConfig as { guestAccelerators?: unknown[] } | undefined)?.guestAccelerators;
    return Array.isArray(accelerators) && accelerators.length > 0;
  },
});
