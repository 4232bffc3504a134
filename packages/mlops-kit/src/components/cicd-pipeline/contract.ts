import type * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../core/backend";
import type { CloudId } from "../../core/cloud";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { RegistryInfo } from "../model-registry/info";
import type { AwsCiInfo, AzureCiInfo, CiIdentityInfo, GcpCiInfo } from "./info";
import type { CiCdPipelinePlan } from "./plan";

// The contract between CiCdPipeline and its backends. It lives apart from the component so that
// backends never import the component that loads them.

/** Values that carry other resources' identities, checked by the component as they resolve. */
export interface PipelineInputs {
  registry: pulumi.Output<RegistryInfo>;
  services: pulumi.Output<InferenceServiceInfo[]>;
  /** The services each stage rolls out, by stage name. */
  stageServices: pulumi.Output<Record<string, InferenceServiceInfo[]>>;
  /** How many services each stage rolls out, known before they resolve: rollout grants exist only where it is above 0. */
  stageServiceCounts: Record<string, number>;
  awsOidcProviderArn: pulumi.Input<string> | undefined;
  gcpProjectNumber: string | undefined;
  azureResourceGroupName: pulumi.Input<string> | undefined;
}

interface PipelineResultBase {
  identities: pulumi.Output<CiIdentityInfo[]>;
  region: pulumi.Output<string>;
  aws?: pulumi.Output<AwsCiInfo>;
  gcp?: pulumi.Output<GcpCiInfo>;
  azure?: pulumi.Output<AzureCiInfo>;
  /** What a person must do once before the pipeline runs (complete a connection, install an app). */
  manualSteps: string[];
}

// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface CiCdPipelineCloudResources {}
export type CiCdPipelineResourcesOn<C extends CloudId> = C extends keyof CiCdPipelineCloudResources
  ? CiCdPipelineCloudResources[C]
  : unknown;

export type PipelineResult = PipelineResultBase & { cloud: CloudId; resources: unknown };

export interface PipelineBackend {
  provision(plan: CiCdPipelinePlan, inputs: PipelineInputs, ctx: ProvisionContext): PipelineResult;
}
