import type { CloudPricing } from "../../types";
import { GCP_FREE } from "./free";
import { GCP_PRICERS } from "./pricers";
import { GCP_PRICES, GCP_TABLE } from "./prices";

export { GCP_FREE } from "./free";
export { GCP_PRICERS } from "./pricers";
export { findPrice, GCP_PRICES, GCP_UNPRICED, NOT_OFFERED } from "./prices";

/** GCP's list prices (us-central1 and europe-west4) and how the components' resources are billed. */
export const GCP_PRICING: CloudPricing = {
  cloud: "gcp",
  pricers: GCP_PRICERS,
  free: GCP_FREE,
  prices: GCP_PRICES,
  missing: GCP_TABLE.missing,
};
