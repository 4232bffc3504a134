// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub Actions expressions and shell variables, not template placeholders
import { byCloud, type CloudId } from "../../core/cloud";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { RegistryInfo } from "../model-registry/info";
import type { CiCdPipelineInfo } from "./info";

/**
 * Third-party actions, pinned to exact release tags (each tag's release page on GitHub). A tag can
 * be moved by its owner; pin to the tag's commit SHA where a policy requires it.
 */
export const ACTIONS = {
  checkout: "actions/checkout@v4.2.2",
  setupNode: "actions/setup-node@v4.4.0",
  awsCredentials: "aws-actions/configure-aws-credentials@v4.2.1",
  ecrLogin: "aws-actions/amazon-ecr-login@v2.0.1",
  gcpAuth: "google-github-actions/auth@v2.1.10",
  gcpSetup: "google-github-actions/setup-gcloud@v2.1.4",
  azureLogin: "azure/login@v2.3.0",
  buildx: "docker/setup-buildx-action@v3.10.0",
  buildPush: "docker/build-push-action@v6.18.0",
  pulumi: "pulumi/actions@v6.3.0",
  uploadArtifact: "actions/upload-artifact@v4.6.2",
  downloadArtifact: "actions/download-artifact@v4.3.0",
  githubScript: "actions/github-script@v7.0.1",
} as const;

export type Step = Record<string, unknown>;

/** The steps that exchange the job's GitHub token for the identity's cloud credentials. */
export function loginSteps(cloud: CloudId, info: CiCdPipelineInfo, identityId: string): Step[] {
  return byCloud<() => Step[]>(cloud, {
    aws: () => [
      { name: "Cloud credentials", uses: ACTIONS.awsCredentials, with: { "role-to-assume": identityId, "aws-region": info.region } },
    ],
    gcp: () => [
      {
        name: "Cloud credentials",
        uses: ACTIONS.gcpAuth,
        with: { workload_identity_provider: info.gcp?.workloadIdentityProvider ?? "", service_account: identityId },
      },
      { name: "gcloud", uses: ACTIONS.gcpSetup },
    ],
    azure: () => [
      {
        name: "Cloud credentials",
        uses: ACTIONS.azureLogin,
        with: { "client-id": identityId, "tenant-id": info.azure?.tenantId ?? "", "subscription-id": info.azure?.subscriptionId ?? "" },
      },
    ],
  })();
}

/** Logs Docker in to the registry with the cloud credentials. */
export function registryLoginStep(cloud: CloudId, registry: RegistryInfo): Step {
  const host = registry.imageRepositoryUrl.split("/")[0] ?? "";
  return byCloud<Step>(cloud, {
    aws: { name: "Registry login", uses: ACTIONS.ecrLogin },
    gcp: { name: "Registry login", run: `gcloud auth configure-docker ${host} --quiet` },
    azure: { name: "Registry login", run: `az acr login --name ${host.split(".")[0]}` },
  });
}

/** Registers the pushed image as a new version of the registry's model (as pending approval on AWS). */
export function registerCommand(cloud: CloudId, registry: RegistryInfo, model: string, image: string, sha = "${GITHUB_SHA}"): string {
  const id = registry.models[model] ?? model;
  return byCloud(cloud, {
    aws: [
      `aws sagemaker create-model-package --model-package-group-name "${id}"`,
      "--model-approval-status PendingManualApproval",
      `--inference-specification '{"Containers":[{"Image":"${image}"}],"SupportedContentTypes":["application/json"],"SupportedResponseMIMETypes":["application/json"]}'`,
    ].join(" "),
    gcp: `gcloud ai models upload --region=${registry.region} --display-name="${id}" --container-image-uri="${image}" --artifact-uri="${registry.artifactUri}/${model}/${sha}"`,
    azure: `az ml model create --name "${id}" --version "\${GITHUB_RUN_NUMBER}" --type custom_model --path "${registry.artifactUri}/${model}/${sha}" --resource-group "${registry.azure?.resourceGroupName ?? ""}" --workspace-name "${registry.azure?.workspaceName ?? ""}"`,
  });
}

/** Points the stage's tag at the built commit's image (`IMAGE_SHA`; a manifest copy, no layers pulled). */
export function retagCommand(image: string, stage: string): string {
  return `docker buildx imagetools create --tag "${image}:${stage}" "${image}:\${IMAGE_SHA}"`;
}

/** Replaces a service's instances, which pull the stage's tag as they start. */
export function rolloutCommand(service: InferenceServiceInfo): string {
  const id = service.scalingGroupId;
  return byCloud(service.cloud, {
    aws: `aws autoscaling start-instance-refresh --auto-scaling-group-name "${id}" --preferences '{"MinHealthyPercentage":100,"MaxHealthyPercentage":200}'`,
    gcp: (() => {
      // projects/<p>/regions/<r>/instanceGroupManagers/<n>
      const [, project, , region, , group] = id.split("/");
      return `gcloud compute instance-groups managed rolling-action replace "${group}" --region="${region}" --project="${project}" --max-unavailable=0`;
    })(),
    // Azure has no rolling replace of a scale set's running model: instances restart one at a time
    // (the unit pulls the tag on start), each waited for before the next.
    azure: `for i in $(az vmss list-instances --ids "${id}" --query "[].instanceId" -o tsv); do az vmss restart --ids "${id}" --instance-ids "$i"; sleep 60; done`,
  });
}
