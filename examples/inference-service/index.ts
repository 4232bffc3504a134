import * as pulumi from "@pulumi/pulumi";
import { InferenceService, MlopsVpc } from "mlops-kit";

const config = new pulumi.Config("example");

const network = new MlopsVpc("ml", { zones: 2 });

// A CPU model server: 2 to 4 instances, scaled on CPU and on requests, with cookie stickiness.
const sentiment = new InferenceService("sentiment", {
  network: network.network,
  image: config.require("image"),
  port: 8080,
  env: { MODEL_NAME: "sentiment", LOG_LEVEL: "info" },
  compute: { cpu: 2, memoryGiB: 8 },
  scaling: { min: 2, max: 4, targetCpuPercent: 60, targetRequestsPerInstance: 600 },
  healthCheck: { path: "/health", gracePeriodSeconds: 180 },
  loadBalancer: {
    stickiness: { enabled: true, durationSeconds: 600 },
    tls: { domain: config.require("domain") },
  },
  rollout: { maxSurgePercent: 50 },
});

export const url = sentiment.url;
export const address = sentiment.address;
