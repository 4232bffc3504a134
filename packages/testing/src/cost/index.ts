export { AssumptionError, DEFAULT_USAGE, parseAssumptions, USAGE_DESCRIPTIONS, USAGE_KEYS } from "./assumptions";
export { type ComponentCostChange, type CostDelta, type CostSide, costDelta, costDeltaMarkdown, costDeltaText } from "./delta";
export { type EstimateOptions, estimateCost } from "./estimate";
export { PRICING } from "./pricing";
export { freeEverywhere } from "./pricing/kubernetes";
export { isPricedCloud, REGION_KEYS, regionOf } from "./region";
export { renderCostJson, renderCostMarkdown, renderCostText, TOP_RESOURCES } from "./render";
export {
  COST_REPORT_VERSION,
  type ComponentCost,
  type CostReport,
  type CostTotals,
  type PricedLine,
  type ResourceCost,
  STACK_GROUP,
  type UnpricedResource,
  type UsdRange,
} from "./report";
export {
  type CloudPricing,
  type CostKind,
  type CostLine,
  HOURS_PER_MONTH,
  type PricedCloud,
  type PriceRow,
  type Pricer,
  type PricingContext,
  UnpricedError,
  type UsageAssumptions,
} from "./types";
