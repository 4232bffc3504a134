import * as pulumi from "@pulumi/pulumi";
import { MlopsVpc, ModelRegistry } from "mlops-kit";

const config = new pulumi.Config("example");

const network = new MlopsVpc("ml", { zones: 2 });

// Two models, a medium tracking server, versions gated by approval; CI publishes, an approver promotes.
const registry = new ModelRegistry("models", {
  network: network.network,
  models: [
    { name: "fraud", description: "Card fraud scores for the payments API", tags: { team: "risk" } },
    { name: "churn", description: "Monthly churn risk per customer" },
  ],
  tracking: { size: "medium" },
  artifacts: { noncurrentVersionDays: 60 },
  images: { untaggedExpiryDays: 7 },
  approval: { required: true },
  access: {
    writers: [config.require("ciRoleArn")],
    approvers: [config.require("approverRoleArn")],
  },
});

export const trackingUri = registry.trackingUri;
export const imageRepositoryUrl = registry.imageRepositoryUrl;
export const artifactUri = registry.artifactUri;
// What an InferenceService, a training cluster or a CI pipeline takes: `registry: registry.info`.
export const registryInfo = registry.info;
