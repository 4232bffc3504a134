import * as pulumi from "@pulumi/pulumi";
import { MlopsPlatform } from "mlops-kit";

const config = new pulumi.Config("example");

// One spec, every part optional: the platform wires the network into each part, the registry into
// the model API, the pipeline and the team, and the model API into the pipeline and the monitoring.
const platform = new MlopsPlatform("fraud", {
  tags: { team: "fraud" },
  network: { zones: 2 },
  registry: { models: [{ name: "fraud", description: "Card fraud scores" }] },
  featureStore: {
    entities: [{ name: "card", joinKeys: [{ name: "card_id", type: "string" }] }],
    featureGroups: [
      {
        name: "spend",
        entity: "card",
        features: [
          { name: "txn_count_1h", type: "int64" },
          { name: "txn_amount_24h", type: "float64" },
        ],
      },
    ],
  },
  services: {
    "fraud-api": {
      image: config.require("image"),
      compute: { cpu: 2, memoryGiB: 8 },
      scaling: { min: 2, max: 6 },
      loadBalancer: { tls: { domain: config.require("domain") } },
    },
  },
  pipeline: { repository: config.require("repository"), build: { model: "fraud" } },
  monitoring: { slo: { latencyP95Ms: 250 }, notifications: { emails: [config.require("alertEmail")] } },
  // The team sets no access: it reads the registry and the feature store.
  training: {
    pools: [{ name: "gpu", compute: { cpu: 4, memoryGiB: 16, gpu: { type: "t4" } }, min: 0, max: 2, spot: true }],
    teams: [{ name: "fraud-research" }],
  },
});

export const url = platform.service("fraud-api").url;
export const trackingUri = platform.registry.trackingUri;
export const dashboard = platform.monitoring.dashboardUrl;
export const info = platform.info;
