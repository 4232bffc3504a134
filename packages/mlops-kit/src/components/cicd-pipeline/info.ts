import type { Cloud } from "../../core/cloud";

/** One keyless CI identity: the token subject it trusts and what a workflow logs in with. */
export interface CiIdentityInfo {
  /** `publish`, `preview` or `deploy-<stage>`. */
  key: string;
  /** The GitHub token's `sub` it trusts, exactly. */
  subject: string;
  /** The GitHub environment (deploy identities); empty for publish and preview. */
  environment: string;
  /** AWS role ARN; GCP service account email; Azure managed identity client id. */
  id: string;
}

/** AWS values a workflow needs. */
export interface AwsCiInfo {
  oidcProviderArn: string;
  /** The CodePipeline, when the build runs in AWS too. */
  pipelineName?: string;
  /** The GitHub connection: PENDING until completed in the console (Developer Tools > Connections). */
  connectionArn?: string;
}

/** GCP values a workflow needs. */
export interface GcpCiInfo {
  project: string;
  /** `projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>`: google-github-actions/auth's `workload_identity_provider`. */
  workloadIdentityProvider: string;
  /** The Cloud Build service account, when the build runs in GCP too. */
  buildServiceAccount?: string;
}

/** Azure values a workflow needs. */
export interface AzureCiInfo {
  tenantId: string;
  subscriptionId: string;
}

/** Everything a workflow needs, as plain values. */
export interface CiCdPipelineInfo {
  cloud: Cloud;
  repository: string;
  region: string;
  /** Where images are pushed, without a tag. */
  image: string;
  identities: CiIdentityInfo[];
  aws?: AwsCiInfo;
  gcp?: GcpCiInfo;
  azure?: AzureCiInfo;
}

/** The GitHub Actions workflows, as file contents. */
export interface CiWorkflows {
  /** `.github/workflows/build.yml`: test, build and push the image, register the model version. */
  build: string;
  /** `.github/workflows/preview.yml`: on pull requests, read-only. */
  preview: string;
  /** `.github/workflows/deploy.yml`: each stage in its GitHub environment. */
  deploy: string;
  /** `.github/workflows/retrain.yml`: scheduled retraining, where the cloud does not schedule it. Empty otherwise. */
  retrain: string;
}
