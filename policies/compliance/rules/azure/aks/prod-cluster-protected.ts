import { prodClusterRule } from "@mlops-kit/policy-common";

export default prodClusterRule({
  name: "mlops-azure-aks-prod-cluster-protected",
  cluster: "azure-native:containerservice:ManagedCluster",
  pool: "azure-native:containerservice:AgentPool",
  // The N series are Azure's GPU sizes (NC, ND, NV).
  isGpuPool: (p) => /^Standard_N/i.test(String(p.vmSize ?? "")),
});
