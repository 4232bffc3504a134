import type * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../core/backend";
import type { CloudId } from "../../core/cloud";
import type { NetworkInfo } from "./info";
import type { MlopsVpcPlan, Tier } from "./plan";

// The contract between MlopsVpc and its backends: what a backend takes and hands back. It lives
// apart from the component so that backends never import the component that loads them.

/** One tier as a backend hands it back: its subnets, and what must exist before they are usable. */
export interface TierResult {
  subnetIds: pulumi.Output<string[]>;
  /**
   * Resources without which the tier's subnets do not work yet (routes, NAT): whoever places
   * compute there waits for them, and for nothing else of the network.
   */
  ready: pulumi.Resource[];
}

/**
 * Fields of {@link NetworkInfo} as outputs of their own, each waiting only for the resources its
 * value comes from: a consumer that needs the resource group does not wait for every subnet.
 */
export type NetworkFields = { [K in keyof NetworkInfo]?: pulumi.Output<NetworkInfo[K]> };

interface ResultBase {
  /** The whole neutral description (waits for every subnet). */
  info: pulumi.Output<NetworkInfo>;
  tiers: Record<Tier, TierResult>;
  /** The cloud's fields that carry less than `info` does (the tiers' subnet ids are added by the component). */
  fields: NetworkFields;
}

/**
 * Each cloud's resources of an MlopsVpc. Empty here, so that a program on one cloud never reads
 * the other clouds' SDK types: each cloud's entry point (`mlops-kit/aws`, `mlops-kit/gcp`,
 * `mlops-kit/azure`) fills in its own, which types the `.aws`/`.gcp`/`.azure` escape hatches.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface MlopsVpcCloudResources {}
/** The resources of `C`, once its entry point is imported; `unknown` before. */
export type MlopsVpcResourcesOn<C extends CloudId> = C extends keyof MlopsVpcCloudResources ? MlopsVpcCloudResources[C] : unknown;

/** The result every network backend returns: the neutral description and the cloud's resources. */
export type NetworkResult = ResultBase & { cloud: CloudId; resources: unknown };

export interface NetworkBackend {
  provision(plan: MlopsVpcPlan, ctx: ProvisionContext): NetworkResult;
}
