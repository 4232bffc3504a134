import type { CloudPricing, PricedCloud } from "../types";
import { AZURE_PRICING } from "./azure";

/** Each cloud's pricing; a cloud is added here when its table lands. */
export const PRICING: Partial<Record<PricedCloud, CloudPricing>> = {
  azure: AZURE_PRICING,
};
