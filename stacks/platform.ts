/**
 * The reference ML platform. Everything here is driven by stack configuration: the same program
 * deploys to AWS, GCP or Azure (`mlops:cloud`) in a dev or prod shape (`mlops:profile`).
 */
import * as pulumi from "@pulumi/pulumi";
import { FeatureStore, type GpuType, InferenceService, MlopsVpc } from "mlops-kit";

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

// Features shared by training and serving: customers' spend over rolling windows, and a profile
// embedding served online (SageMaker InMemory, Vertex AI Optimized, Azure ML binary).
const features = new FeatureStore("features", {
  network: network.network,
  entities: [{ name: "customer", joinKeys: [{ name: "customer_id", type: "string" }], description: "A paying customer" }],
  featureGroups: [
    {
      name: "transactions",
      entity: "customer",
      description: "Spend over rolling windows",
      eventTimeColumn: "computed_at",
      features: [
        { name: "txn_count_7d", type: "int64" },
        { name: "txn_amount_7d", type: "float64" },
        { name: "is_premium", type: "bool" },
        { name: "last_txn_at", type: "timestamp" },
        { name: "home_country", type: "string" },
      ],
    },
    {
      name: "embeddings",
      entity: "customer",
      description: "Customer profile embedding",
      features: [{ name: "profile_embedding", type: "embedding", dimension: 256 }],
    },
  ],
  offline: { retentionDays: config.getNumber("featureRetentionDays") },
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

export const featureStoreInfo = features.info;
export const featureStoreClientConfig = features.clientConfig;
