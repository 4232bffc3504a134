import type { CloudPricing, PricedCloud } from "../types";
import { AWS_PRICING } from "./aws";
import { AZURE_PRICING } from "./azure";
import { GCP_PRICING } from "./gcp";

/** Each cloud's pricing; a cloud is added here when its table lands. */
export const PRICING: Partial<Record<PricedCloud, CloudPricing>> = {
  aws: AWS_PRICING,
  azure: AZURE_PRICING,
  gcp: GCP_PRICING,
};
