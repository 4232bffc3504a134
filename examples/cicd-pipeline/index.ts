import * as pulumi from "@pulumi/pulumi";
import { CiCdPipeline, InferenceService, MlopsVpc, type RegistryInfo } from "mlops-kit";

const config = new pulumi.Config("example");
const account = config.require("account");
const region = new pulumi.Config("aws").require("region");

// The registry the pipeline publishes to, as a ModelRegistry's `info` would describe it (written
// by hand here: an ECR repository, an artifact bucket and the registry's managed policies).
const registry: RegistryInfo = {
  cloud: "aws",
  name: "models",
  region,
  trackingUri: "",
  imageRepositoryUrl: `${account}.dkr.ecr.${region}.amazonaws.com/fraud`,
  imageRepositoryId: `arn:aws:ecr:${region}:${account}:repository/fraud`,
  artifactUri: "s3://acme-models-artifacts",
  artifactStoreId: "arn:aws:s3:::acme-models-artifacts",
  models: { fraud: `arn:aws:sagemaker:${region}:${account}:model-package-group/fraud` },
  aws: {
    readerPolicyArn: `arn:aws:iam::${account}:policy/models-reader`,
    publisherPolicyArn: `arn:aws:iam::${account}:policy/models-publisher`,
    approverPolicyArn: `arn:aws:iam::${account}:policy/models-approver`,
  },
};

const network = new MlopsVpc("ml", { zones: 2 });
const api = new InferenceService("fraud", {
  network: network.network,
  // Each stage moves its tag to the built image and replaces the instances, which pull it.
  image: `${registry.imageRepositoryUrl}:production`,
  compute: { cpu: 2, memoryGiB: 8 },
  loadBalancer: { scheme: "internal", tls: { enabled: false } },
});

const delivery = new CiCdPipeline("delivery", {
  repository: config.require("repository"),
  registry,
  services: [api.info],
  stages: [
    { name: "staging", services: [] },
    { name: "production", approvers: ["acme/ml-leads"] },
  ],
  build: { model: "fraud", testCommand: "make test" },
  retrain: { schedule: "0 3 * * MON", command: "python -m training.retrain" },
});

export const identities = delivery.info.identities;
export const workflows = delivery.workflows;
export const manualSteps = delivery.manualSteps;
