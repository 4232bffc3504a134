import type { CloudPricing } from "../../types";
import { AWS_FREE, AWS_PRICERS } from "./pricers";
import { AWS_PRICES, AWS_TABLE } from "./prices";

export { SPOT_ASSUMPTION } from "./compute";
export { AWS_FREE, AWS_PRICERS } from "./pricers";
export {
  AWS_NOT_OFFERED,
  AWS_PRICES,
  AWS_REFERENCE_REGIONS,
  AWS_TABLE,
  AWS_UNREAD,
  type AwsReferenceRegion,
  ec2Key,
  findAwsPrice,
  type NotOffered,
} from "./prices";
export { AWS_PRICES_READ, SOURCES as AWS_PRICE_SOURCES } from "./sources";

/** AWS: list prices for the reference regions and how each resource type is billed. */
export const AWS_PRICING: CloudPricing = {
  cloud: "aws",
  pricers: AWS_PRICERS,
  free: AWS_FREE,
  prices: AWS_PRICES,
  missing: AWS_TABLE.missing,
};
