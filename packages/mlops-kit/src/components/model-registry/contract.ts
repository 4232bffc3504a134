import type * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../core/backend";
import type { CloudId } from "../../core/cloud";
import type { ResolvedNetwork } from "../network/ref";
import type { RegistryInfo } from "./info";
import type { ModelRegistryPlan } from "./plan";

// The contract between ModelRegistry and its backends. It lives apart from the component so that
// backends never import the component that loads them.

/** Each cloud's resources of a ModelRegistry, filled in by that cloud's entry point (`mlops-kit/aws`, ...). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface ModelRegistryCloudResources {}
/** The resources of `C`, once its entry point is imported; `unknown` before. */
export type ModelRegistryResourcesOn<C extends CloudId> = C extends keyof ModelRegistryCloudResources
  ? ModelRegistryCloudResources[C]
  : unknown;

export interface RegistryResult {
  cloud: CloudId;
  /** The neutral description consumers take. */
  info: pulumi.Output<RegistryInfo>;
  resources: unknown;
}

export interface RegistryBackend {
  provision(plan: ModelRegistryPlan, network: ResolvedNetwork, ctx: ProvisionContext): RegistryResult;
}
