/**
 * The reference ML platform. Everything here is driven by stack configuration: the same program
 * deploys to AWS, GCP or Azure (`mlops:cloud`) in a dev or prod shape (`mlops:profile`).
 */
import * as pulumi from "@pulumi/pulumi";
import { CiCdPipeline, type GpuType, InferenceService, type InferenceServiceInfo, MlopsVpc, type RegistryInfo } from "mlops-kit";

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

/**
 * Delivery: keyless CI/CD from the platform's repository, publishing to `registry` and rolling out
 * `services` (staging, then production behind an approval), with weekly retraining.
 */
export function delivery(registry: pulumi.Input<RegistryInfo>, services: pulumi.Input<InferenceServiceInfo>[]): CiCdPipeline {
  return new CiCdPipeline("delivery", {
    repository: config.get("repository") ?? "acme/ml-platform",
    registry,
    services,
    build: { model: config.get("model") },
    retrain: { schedule: config.get("retrainSchedule") ?? "0 3 * * MON", command: "python -m training.retrain" },
    tags: { "cost-center": config.get("costCenter") ?? "ml-platform" },
    // An AWS account holds one GitHub OIDC provider: a second stack in the account names the first's.
    aws: { oidcProviderArn: config.get("oidcProviderArn") },
  });
}

// The registry the pipeline publishes to, as a ModelRegistry's `info` (stack config until the
// platform builds its own registry here).
const pipeline = delivery(config.requireObject<RegistryInfo>("registry"), [api.info]);
export const deliveryIdentities = pipeline.info.identities;
export const deliveryWorkflows = pipeline.workflows;
export const deliveryManualSteps = pipeline.manualSteps;
