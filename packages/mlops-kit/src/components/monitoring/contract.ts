import type * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../core/backend";
import type { CloudId } from "../../core/cloud";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { ClusterInfo } from "../training-cluster/info";
import type { MonitoringPlan } from "./plan";

// The contract between MonitoringStack and its backends: what a backend takes and hands back. It
// lives apart from the component so that backends never import the component that loads them.

export interface MonitoringInputs {
  /** The watched services, in the plan's order, each checked to be on the stack's cloud when it resolves. */
  services: pulumi.Output<InferenceServiceInfo>[];
  /** The watched TrainingClusters and FeatureStores, in the plan's order. */
  training: pulumi.Output<ClusterInfo>[];
  featureStores: pulumi.Output<FeatureStoreInfo>[];
  /** Webhook URLs, secret. */
  webhooks: pulumi.Output<string>[];
}

interface MonitoringResultBase {
  dashboardUrl: pulumi.Output<string>;
  notificationChannelIds: pulumi.Output<string[]>;
  alertIds: pulumi.Output<Record<string, string>>;
  uptimeCheckIds: pulumi.Output<Record<string, string>>;
}

/**
 * Each cloud's resources of a MonitoringStack, filled in by that cloud's entry point
 * (`mlops-kit/aws`, ...), so a program on one cloud never reads the others' SDK types.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface MonitoringStackCloudResources {}
/** The resources of `C`, once its entry point is imported; `unknown` before. */
export type MonitoringStackResourcesOn<C extends CloudId> = C extends keyof MonitoringStackCloudResources
  ? MonitoringStackCloudResources[C]
  : unknown;

export type MonitoringResult = MonitoringResultBase & { cloud: CloudId; resources: unknown };

export interface MonitoringBackend {
  provision(plan: MonitoringPlan, inputs: MonitoringInputs, ctx: ProvisionContext): MonitoringResult;
}
