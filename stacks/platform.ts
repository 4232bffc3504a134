/**
 * The reference ML platform. Everything here is driven by stack configuration: the same program
 * deploys to AWS, GCP or Azure (`mlops:cloud`) in a dev or prod shape (`mlops:profile`).
 */
import * as pulumi from "@pulumi/pulumi";
import { type GpuType, MlopsPlatform } from "mlops-kit";

const config = new pulumi.Config("platform");
const gpu = config.get("gpu") as GpuType | undefined;
// T4 is the GPU all three clouds offer; a stack may ask for another (`platform:trainingGpu`).
const trainingGpu = (config.get("trainingGpu") ?? "t4") as GpuType;

const platform = new MlopsPlatform("platform", {
  tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
  network: { cidr: config.get("cidr") ?? "10.0.0.0/16" },
  // Experiment tracking, model versions, artifacts and serving images; the model API reads from it.
  registry: {
    models: [
      { name: "sentiment", description: "Sentiment of support tickets, served by model-api" },
      { name: "churn", description: "Customer churn risk, scored in batch" },
    ],
  },
  // Features shared by training and serving: customers' spend over rolling windows, and a profile
  // embedding served online (SageMaker InMemory, Vertex AI Optimized, Azure ML binary).
  featureStore: {
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
  },
  services: {
    "model-api": {
      image: config.require("image"),
      compute: gpu ? { cpu: 4, memoryGiB: 16, gpu: { type: gpu } } : { cpu: 2, memoryGiB: 8 },
      // A domain gets a managed certificate (AWS, GCP); Azure takes a Key Vault certificate.
      loadBalancer: { tls: { domain: config.get("domain"), certificateId: config.get("certificateId") } },
      azure: { keyVaultId: config.get("keyVaultId") },
    },
  },
  // Alerts on the services' SLOs, their synthetic checks, a dashboard and a monthly budget.
  monitoring: {
    notifications: { emails: [config.require("alertEmail")] },
    budget: { monthlyAmount: config.getNumber("monthlyBudget") ?? 1000 },
    gcp: { billingAccount: config.get("billingAccount") },
  },
  // Keyless CI/CD from the platform's repository: images and models into the registry, the
  // services rolled out (staging, then production behind an approval), weekly retraining.
  pipeline: {
    repository: config.get("repository") ?? "acme/ml-platform",
    build: { model: config.get("model") },
    retrain: { schedule: config.get("retrainSchedule") ?? "0 3 * * MON", command: "python -m training.retrain" },
    // An AWS account holds one GitHub OIDC provider: a second stack in the account names the first's.
    aws: { oidcProviderArn: config.get("oidcProviderArn") },
  },
  // A private cluster with a GPU spot pool that scales from zero; the team's jobs read the
  // registry and the offline features as their own workload identity (the platform's default).
  training: {
    // Left unset, the library's default; a stack deployed on an older default steps through here.
    version: config.get("trainingVersion"),
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
  },
});

const { network, registry, featureStore: features, pipeline, training, monitoring } = platform;
const api = platform.service("model-api");

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
