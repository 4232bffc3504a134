/**
 * The reference ML platform. Everything here is driven by stack configuration: the same program
 * deploys to AWS, GCP or Azure (`mlops:cloud`) in a dev or prod shape (`mlops:profile`).
 */
import * as pulumi from "@pulumi/pulumi";
import { type GpuType, InferenceService, MlopsVpc, TrainingCluster } from "mlops-kit";

const config = new pulumi.Config("platform");

const network = new MlopsVpc("platform", {
  cidr: config.get("cidr") ?? "10.0.0.0/16",
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

const gpu = config.get("gpu") as GpuType | undefined;
const api = new InferenceService("model-api", {
  network: network.network,
  image: config.require("image"),
  compute: gpu ? { cpu: 4, memoryGiB: 16, gpu: { type: gpu } } : { cpu: 2, memoryGiB: 8 },
  loadBalancer: {
    // A domain gets a managed certificate (AWS, GCP); Azure takes a Key Vault certificate.
    tls: { domain: config.get("domain"), certificateId: config.get("certificateId") },
  },
  azure: { keyVaultId: config.get("keyVaultId") },
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

export const cloud = network.cloud;
export const networkId = network.networkId;
export const privateSubnetIds = network.privateSubnetIds;
export const networkInfo = network.network;
export const modelApiUrl = api.url;
export const modelApiLoadBalancer = api.loadBalancerId;
export const modelApiScalingGroup = api.scalingGroupId;

// Training: a private cluster with one team and a GPU spot pool that scales from zero. T4 is the
// GPU all three clouds offer; a stack may ask for another (`platform:trainingGpu`).
const trainingGpu = (config.get("trainingGpu") ?? "t4") as GpuType;
const training = new TrainingCluster("training", {
  network: network.network,
  pools: [
    {
      name: "gpu",
      compute: { cpu: 4, memoryGiB: 16, gpu: { type: trainingGpu } },
      min: 0,
      max: config.getNumber("trainingGpuNodes") ?? 2,
      spot: true,
    },
  ],
  teams: [{ name: "research", quota: { gpus: 4, cpu: 32, memoryGiB: 128 } }],
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

export const trainingClusterName = training.clusterName;
export const trainingInfo = training.info;
export const trainingKubeconfig = training.kubeconfig;
