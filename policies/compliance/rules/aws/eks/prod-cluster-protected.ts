import { prodClusterRule } from "@mlops-kit/policy-common";

export default prodClusterRule({
  name: "mlops-aws-eks-prod-cluster-protected",
  cluster: "aws:eks/cluster:Cluster",
  pool: "aws:eks/nodeGroup:NodeGroup",
  // The GPU AMI types: AL2023_x86_64_NVIDIA, AL2_x86_64_GPU, BOTTLEROCKET_x86_64_NVIDIA, ...
  isGpuPool: (p) => /NVIDIA|GPU/.test(String(p.amiType ?? "")),
});
