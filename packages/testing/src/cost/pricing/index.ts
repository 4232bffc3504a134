import type { CloudPricing, PricedCloud } from "../types";
import { AWS_PRICING } from "./aws";

/** Each cloud's pricing; a cloud is added here when its table lands. */
export const PRICING: Partial<Record<PricedCloud, CloudPricing>> = {
  aws: AWS_PRICING,
};
