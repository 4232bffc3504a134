import type * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../core/backend";
import type { CloudId } from "../../core/cloud";
import type { RegistryInfo } from "../model-registry/info";
import type { NetworkInfo } from "../network/info";
import type { ResolvedNetwork } from "../network/ref";
import type { ServiceMetricScope } from "./info";
import type { InferenceServicePlan } from "./plan";

// The contract between InferenceService and its backends: what a backend takes and hands back. It
// lives apart from the component so that backends never import the component that loads them.

/** Values that carry other resources' identities: passed through to the backend as given. */
export interface ServiceInputs {
  network: ResolvedNetwork;
  /** The network description, checked to be on the service's cloud. */
  networkInfo: pulumi.Output<NetworkInfo>;
  image: pulumi.Input<string>;
  /** The ModelRegistry the instances read from, checked to be on the service's cloud. */
  registry: pulumi.Output<RegistryInfo> | undefined;
  env: Record<string, pulumi.Input<string>>;
  /** `secretEnv`: plain references checked for the cloud; outputs are checked by the backend as they resolve. */
  secretEnv: Record<string, pulumi.Input<string>>;
  /** Client ranges admitted on 80/443 (the plan's, or the network's range for an internal default). */
  allowedCidrs: pulumi.Output<string[]>;
  certificateId: pulumi.Input<string> | undefined;
  /** AWS: the Route 53 hosted zone that validates the managed certificate and aliases the domain. */
  hostedZoneId: pulumi.Input<string> | undefined;
  /** Azure: the Key Vault that holds `certificateId`. */
  keyVaultId: pulumi.Input<string> | undefined;
}

interface ServiceResultBase {
  /** The load balancer's DNS name or IP address. */
  address: pulumi.Output<string>;
  /** ALB ARN; GCP backend service id; Application Gateway id. */
  loadBalancerId: pulumi.Output<string>;
  /** Auto Scaling group name; regional managed instance group id; VM scale set id. */
  scalingGroupId: pulumi.Output<string>;
  /** What the service's metrics are keyed by. */
  metrics: pulumi.Output<ServiceMetricScope>;
}

/**
 * Each cloud's resources of an InferenceService, filled in by that cloud's entry point
 * (`mlops-kit/aws`, ...), so a program on one cloud never reads the others' SDK types.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface InferenceServiceCloudResources {}
/** The resources of `C`, once its entry point is imported; `unknown` before. */
export type InferenceServiceResourcesOn<C extends CloudId> = C extends keyof InferenceServiceCloudResources
  ? InferenceServiceCloudResources[C]
  : unknown;

export type ServiceResult = ServiceResultBase & { cloud: CloudId; resources: unknown };

export interface ServiceBackend {
  provision(plan: InferenceServicePlan, inputs: ServiceInputs, ctx: ProvisionContext): ServiceResult;
}
