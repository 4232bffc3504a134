import { FeatureStore, MlopsVpc } from "mlops-kit";

// The network's private tier reaches the stores (private endpoints on Azure).
const network = new MlopsVpc("ml", { cidr: "10.42.0.0/16", zones: 2, nat: "single", tags: { team: "ml-platform" } });

// One schema, three clouds: a customer entity, transaction features served online with a
// one-week freshness, and a profile embedding served for similarity lookups.
const store = new FeatureStore("features", {
  network: network.network,
  entities: [{ name: "customer", joinKeys: [{ name: "customer_id", type: "string" }], description: "A paying customer" }],
  featureGroups: [
    {
      name: "transactions",
      entity: "customer",
      description: "Spend over rolling windows",
      eventTimeColumn: "computed_at",
      ttlSeconds: 7 * 24 * 3600,
      features: [
        { name: "txn_count_7d", type: "int64", description: "Transactions in the last 7 days" },
        { name: "txn_amount_7d", type: "float64", description: "Amount spent in the last 7 days" },
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
  offline: { retentionDays: 180 },
  sync: { intervalHours: 2 },
  tags: { team: "ml-platform" },
});

export const info = store.info;
export const clientConfig = store.clientConfig;
