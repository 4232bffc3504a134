import type { FeatureStoreArgs } from "./spec";

/** The realistic schema the tests, the example and the reference stack share (non-default values). */
export const SCHEMA: Pick<FeatureStoreArgs, "entities" | "featureGroups"> = {
  entities: [{ name: "customer", joinKeys: [{ name: "customer_id", type: "string" }], description: "A paying customer" }],
  featureGroups: [
    {
      name: "transactions",
      entity: "customer",
      description: "Spend over rolling windows",
      eventTimeColumn: "computed_at",
      ttlSeconds: 7 * 24 * 3600,
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
      features: [{ name: "profile_embedding", type: "embedding", dimension: 256 }],
    },
  ],
};
