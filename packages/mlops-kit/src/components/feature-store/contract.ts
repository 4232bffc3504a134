import type * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../core/backend";
import type { CloudId } from "../../core/cloud";
import type { ResolvedNetwork } from "../network/ref";
import type { FeatureStoreClientConfig } from "./client-config";
import type { FeatureStoreInfo } from "./info";
import type { FeatureStorePlan } from "./plan";

// The contract between FeatureStore and its backends. It lives apart from the component so that
// backends never import the component that loads them.

/** Values that carry other resources' identities, passed through as given. */
export interface FeatureStoreInputs {
  /** The network, checked to be on the store's cloud; absent when the spec has none. */
  network: ResolvedNetwork | undefined;
  readers: pulumi.Input<string>[];
  writers: pulumi.Input<string>[];
}

/**
 * Each cloud's resources of a FeatureStore, filled in by that cloud's entry point
 * (`mlops-kit/aws`, ...), so a program on one cloud never reads the others' SDK types.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface FeatureStoreCloudResources {}
/** The resources of `C`, once its entry point is imported; `unknown` before. */
export type FeatureStoreResourcesOn<C extends CloudId> = C extends keyof FeatureStoreCloudResources
  ? FeatureStoreCloudResources[C]
  : unknown;

export interface FeatureStoreResult {
  cloud: CloudId;
  info: pulumi.Output<FeatureStoreInfo>;
  clientConfig: pulumi.Output<FeatureStoreClientConfig>;
  resources: unknown;
}

export interface FeatureStoreBackend {
  provision(plan: FeatureStorePlan, inputs: FeatureStoreInputs, ctx: ProvisionContext): FeatureStoreResult;
}
