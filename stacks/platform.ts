/**
 * The reference ML platform. Everything here is driven by stack configuration: the same program
 * deploys to AWS, GCP or Azure (`mlops:cloud`) in a dev or prod shape (`mlops:profile`).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  CiCdPipeline,
  FeatureStore,
  type GpuType,
  InferenceService,
  MlopsVpc,
  ModelRegistry,
  MonitoringStack,
  TrainingCluster,
} from "mlops-kit";

const config = new pulumi.Config("platform");

const network = new MlopsVpc("platform", {
  cidr: config.get("cidr") ?? "10.0.0.0/16",
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

// Experiment tracking, model versions, artifacts and serving images; the model API reads from it.
const registry = new ModelRegistry("models", {
  network: network.network,
  models: [
    { name: "sentiment", description: "Sentiment of support tickets, served by model-api" },
    { name: "churn", description: "Customer churn risk, scored in batch" },
  ],
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

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

const gpu = config.get("gpu") as GpuType | undefined;
const api = new InferenceService("model-api", {
  network: network.network,
  registry: registry.info,
  image: config.require("image"),
  compute: gpu ? { cpu: 4, memoryGiB: 16, gpu: { type: gpu } } : { cpu: 2, memoryGiB: 8 },
  loadBalancer: {
    // A domain gets a managed certificate (AWS, GCP); Azure takes a Key Vault certificate.
    tls: { domain: config.get("domain"), certificateId: config.get("certificateId") },
  },
  azure: { keyVaultId: config.get("keyVaultId") },
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

// Delivery: keyless CI/CD from the platform's repository, publishing to the registry and rolling
// out the model API (staging, then production behind an approval), with weekly retraining.
const pipeline = new CiCdPipeline("delivery", {
  repository: config.get("repository") ?? "acme/ml-platform",
  registry: registry.info,
  services: [api.info],
  build: { model: config.get("model") },
  retrain: { schedule: config.get("retrainSchedule") ?? "0 3 * * MON", command: "python -m training.retrain" },
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
  // An AWS account holds one GitHub OIDC provider: a second stack in the account names the first's.
  aws: { oidcProviderArn: config.get("oidcProviderArn") },
});

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
  // The team's jobs read models, artifacts and offline features as their own workload identity.
  teams: [
    { name: "research", quota: { gpus: 4, cpu: 32, memoryGiB: 128 }, access: { registry: registry.info, featureStore: features.info } },
  ],
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

// Alerts on the model API's SLOs, its synthetic check, the training cluster's GPU pool and the
// feature store's online reads and syncs, a dashboard and a monthly budget; the on-call address
// and the budget come from the stack.
const monitoring = new MonitoringStack("observability", {
  services: [api.info],
  training: [training.info],
  featureStores: [features.info],
  notifications: { emails: [config.require("alertEmail")] },
  budget: { monthlyAmount: config.getNumber("monthlyBudget") ?? 1000 },
  gcp: { billingAccount: config.get("billingAccount") },
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
});

export const cloud = network.cloud;
export const networkId = network.networkId;
export const privateSubnetIds = network.privateSubnetIds;
export const networkInfo = network.network;
export const modelApiUrl = api.url;
export const modelApiLoadBalancer = api.loadBalancerId;
export const modelApiScalingGroup = api.scalingGroupId;
export const registryInfo = registry.info;
export const trackingUri = registry.trackingUri;
export const imageRepositoryUrl = registry.imageRepositoryUrl;
export const artifactUri = registry.artifactUri;
export const featureStoreInfo = features.info;
export const featureStoreClientConfig = features.clientConfig;
export const deliveryIdentities = pipeline.info.identities;
export const deliveryWorkflows = pipeline.workflows;
export const deliveryManualSteps = pipeline.manualSteps;
export const trainingClusterName = training.clusterName;
export const trainingInfo = training.info;
export const trainingKubeconfig = training.kubeconfig;
export const monitoringDashboardUrl = monitoring.dashboardUrl;
export const monitoringInfo = monitoring.info;
