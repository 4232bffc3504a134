import { type Plan, resource, synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { InferenceService } from "../inference-service/component";
import { MlopsVpc } from "../network/component";
import { ModelRegistry } from "./component";

// An InferenceService given `registry: registry.info` grants its own instances read on the registry
// (ownership flows one way: the registry never reaches into its consumers).

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "eu-west-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "europe-west4", "gcp:project": "acme" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};

// An ECR repository URL names one repository (`<url>:<tag>`); Artifact Registry and ACR hold many
// images (`<url>/<image>:<tag>`). ACR's login server is computed by Azure, so mocks leave it empty.
const IMAGE: Record<CloudId, (url: pulumi.Output<string>) => pulumi.Input<string>> = {
  aws: (url) => pulumi.interpolate`${url}:1.0`,
  gcp: (url) => pulumi.interpolate`${url}/fraud:1.0`,
  azure: () => "modelsimages.azurecr.io/fraud:1.0",
};

const program = (cloud: CloudId) =>
  synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      const registry = new ModelRegistry("models", { network: vpc.network, models: [{ name: "fraud" }] });
      new InferenceService("api", {
        network: vpc.network,
        registry: registry.info,
        image: IMAGE[cloud](registry.imageRepositoryUrl),
        compute: { cpu: 2, memoryGiB: 8 },
        loadBalancer: { tls: { enabled: false } },
      });
    },
    { project: "p", stack: "dev", config: CONFIG[cloud] },
  );

describe("GIVEN an InferenceService with a ModelRegistry's info", () => {
  describe("WHEN on AWS", () => {
    let p: Plan;
    beforeAll(async () => {
      p = await program("aws");
    });
    it("THEN the registry's reader policy is attached to the instance role, and the group waits for it", () => {
      const attachment = resource(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "api-registry-read");
      expect(attachment.inputs).toEqual({ role: "api-instance", policyArn: "arn:aws:mock:policy:models-reader" });
      expect(resource(p, "aws:autoscaling/group:Group", "api-asg").dependsOn).toContain(attachment.urn);
    });
  });

  describe("WHEN on GCP", () => {
    let p: Plan;
    beforeAll(async () => {
      p = await program("gcp");
    });
    it("THEN the service account reads the registry's repository and bucket, and the group waits for both", () => {
      const images = resource(p, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "api-registry-images");
      expect(images.inputs).toMatchObject({ role: "roles/artifactregistry.reader", location: "europe-west4", project: "acme" });
      expect(images.inputs.repository).toMatch(/^models-images-[a-z0-9]{6}$/);
      const artifacts = resource(p, "gcp:storage/bucketIAMMember:BucketIAMMember", "api-registry-artifacts");
      expect(artifacts.inputs.role).toBe("roles/storage.objectViewer");
      expect(artifacts.inputs.bucket).toMatch(/^models-models-[a-z0-9]{6}$/);
      const group = resource(p, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", "api-group");
      expect(group.dependsOn).toEqual(expect.arrayContaining([images.urn, artifacts.urn]));
    });
  });

  describe("WHEN on Azure", () => {
    let p: Plan;
    beforeAll(async () => {
      p = await program("azure");
    });
    it("THEN the instances' identity gets AcrPull on the ACR and Storage Blob Data Reader on the storage, and the scale set waits", () => {
      const pull = resource(p, "azure-native:authorization:RoleAssignment", "api-registry-pull");
      expect(pull.inputs.scope).toMatch(/\/containerregistry\/Registry\/modelsimages[a-z0-9]+$/);
      expect(pull.inputs.roleDefinitionId).toMatch(/roleDefinitions\/7f951dda-4ed3-4680-a7ca-43fe172d538d$/);
      const read = resource(p, "azure-native:authorization:RoleAssignment", "api-registry-artifacts");
      expect(read.inputs.scope).toMatch(/\/storage\/StorageAccount\/models-storage$/);
      expect(read.inputs.roleDefinitionId).toMatch(/roleDefinitions\/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/);
      const scaleSet = resource(p, "azure-native:compute:VirtualMachineScaleSet", "api-scale-set");
      expect(scaleSet.dependsOn).toEqual(expect.arrayContaining([pull.urn, read.urn]));
    });
  });
});
