import type { CloudId } from "../../core/cloud";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { RegistryInfo } from "../model-registry/info";

// Reference values for tests and examples: a registry and services per cloud, shaped as a
// ModelRegistry's and an InferenceService's `info`.

export const PIPELINE_CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "us-east-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme-ml" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};

export const REGISTRIES: Record<CloudId, RegistryInfo> = {
  aws: {
    cloud: "aws",
    name: "models",
    region: "us-east-1",
    trackingUri: "",
    imageRepositoryUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/models-serving",
    imageRepositoryId: "arn:aws:ecr:us-east-1:123456789012:repository/models-serving",
    artifactUri: "s3://models-artifacts-abc123",
    artifactStoreId: "arn:aws:s3:::models-artifacts-abc123",
    encryptionKeyId: "arn:aws:kms:us-east-1:123456789012:key/1111-2222",
    models: { fraud: "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/fraud" },
    aws: {
      readerPolicyArn: "arn:aws:iam::123456789012:policy/models-reader",
      publisherPolicyArn: "arn:aws:iam::123456789012:policy/models-publisher",
      approverPolicyArn: "arn:aws:iam::123456789012:policy/models-approver",
    },
  },
  gcp: {
    cloud: "gcp",
    name: "models",
    region: "us-central1",
    trackingUri: "",
    imageRepositoryUrl: "us-central1-docker.pkg.dev/acme-ml/models",
    imageRepositoryId: "projects/acme-ml/locations/us-central1/repositories/models",
    artifactUri: "gs://models-artifacts-abc123",
    artifactStoreId: "models-artifacts-abc123",
    models: { fraud: "fraud" },
    gcp: { project: "acme-ml", repositoryName: "models", repositoryLocation: "us-central1" },
  },
  azure: {
    cloud: "azure",
    name: "models",
    region: "westeurope",
    trackingUri: "",
    imageRepositoryUrl: "modelsabc123.azurecr.io",
    imageRepositoryId:
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml/providers/Microsoft.ContainerRegistry/registries/modelsabc123",
    artifactUri: "https://modelsabc123.blob.core.windows.net/artifacts",
    artifactStoreId:
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/modelsabc123",
    models: { fraud: "fraud" },
    azure: {
      resourceGroupName: "ml",
      workspaceId:
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/models",
      workspaceName: "models",
      artifactContainerName: "artifacts",
    },
  },
};

const SCALING_GROUP: Record<CloudId, (name: string) => string> = {
  aws: (name) => `${name}-asg-0123456`,
  gcp: (name) => `projects/acme-ml/regions/us-central1/instanceGroupManagers/${name}-mig`,
  azure: (name) =>
    `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml/providers/Microsoft.Compute/virtualMachineScaleSets/${name}-vmss`,
};

/** A service's info on `cloud`, as an InferenceService named `name` would hand it out. */
export function serviceInfo(cloud: CloudId, name: string): InferenceServiceInfo {
  return {
    cloud,
    name,
    url: `https://${name}.example.com`,
    address: `${name}.example.com`,
    scheme: "public",
    healthCheckPath: "/health",
    minInstances: 1,
    maxInstances: 3,
    loadBalancerId: `${name}-lb`,
    scalingGroupId: SCALING_GROUP[cloud](name),
    metrics: {},
  };
}
