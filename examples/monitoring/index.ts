import * as pulumi from "@pulumi/pulumi";
import { InferenceService, MlopsVpc, MonitoringStack } from "mlops-kit";

const config = new pulumi.Config("example");

const network = new MlopsVpc("ml", { zones: 2 });

const fraud = new InferenceService("fraud", {
  network: network.network,
  image: config.require("image"),
  compute: { cpu: 2, memoryGiB: 8 },
  scaling: { min: 2, max: 6 },
  healthCheck: { path: "/ready" },
  loadBalancer: { tls: { domain: config.require("domain") } },
});

// The fraud model answers in 250 ms at p95; its drift job publishes hourly.
const webhook = config.getSecret("webhook");
const monitoring = new MonitoringStack("fraud-watch", {
  services: [fraud.info],
  slo: { availabilityPercent: 99.5, latencyP95Ms: 250, latencyP99Ms: 800, saturationMinutes: 20 },
  models: [{ name: "fraud-v2", driftScoreMax: 0.2, dataQualityFailuresMax: 5, periodMinutes: 60 }],
  notifications: { emails: [config.require("alertEmail")], webhooks: webhook ? [webhook] : [] },
  budget: { monthlyAmount: 1500, thresholdsPercent: [50, 80, 100] },
});

export const url = fraud.url;
export const dashboard = monitoring.dashboardUrl;
export const alerts = monitoring.info.alertIds;
