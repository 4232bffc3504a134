/**
 * The reference ML platform. Everything here is driven by stack configuration: the same program
 * deploys to AWS, GCP or Azure (`mlops:cloud`) in a dev or prod shape (`mlops:profile`).
 */
import * as pulumi from "@pulumi/pulumi";
import { type GpuType, InferenceService, MlopsVpc, MonitoringStack } from "mlops-kit";

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

// Alerts on the model API's SLOs, its synthetic check, a dashboard and a monthly budget; the
// on-call address and the budget come from the stack.
const monitoring = new MonitoringStack("observability", {
  services: [api.info],
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
export const monitoringDashboardUrl = monitoring.dashboardUrl;
export const monitoringInfo = monitoring.info;
