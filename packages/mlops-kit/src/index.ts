import { MlopsVpc } from "./components/network/component";

export { MlopsVpc } from "./components/network/component";
export type { NetworkInfo } from "./components/network/info";
export { type MlopsVpcPlan, Tier } from "./components/network/plan";
export {
  type FlowLogsArgs,
  type MlopsVpcArgs,
  type MlopsVpcAwsArgs,
  type MlopsVpcAzureArgs,
  type MlopsVpcGcpArgs,
  NatMode,
  type NetworkWatcherRef,
} from "./components/network/spec";
export type { PassThroughArgs } from "./core/backend";
export { Cloud, type CloudId, Profile } from "./core/cloud";
export { CloudConfigError, MissingSdkError, SpecError, type SpecIssue, UnsupportedError } from "./core/errors";
export { NAME_RULES, type NameKind, physicalName, shortHash } from "./core/naming";
export type { Tags } from "./core/tags";

/**
 * Every component, for serving them as a Pulumi component package to other languages:
 * `componentProviderHost({ components, name: "mlops" })`.
 */
export const components = [MlopsVpc];
