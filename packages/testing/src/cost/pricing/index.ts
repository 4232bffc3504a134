import type { CloudPricing, PricedCloud } from "../types";

/** Each cloud's pricing; a cloud is added here when its table lands. */
export const PRICING: Partial<Record<PricedCloud, CloudPricing>> = {};
