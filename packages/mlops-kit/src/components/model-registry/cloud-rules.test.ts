import { defaultNewResource, type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { MlopsVpc } from "../network/component";
import type { ModelRegistryArgs } from "./args";
import { ModelRegistry } from "./component";

// What each cloud's API would refuse or deploy broken, beyond what the mock engine checks: one test
// per rule, with the value the provider or service documents.

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "eu-west-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "europe-west4", "gcp:project": "acme" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};

const program = (cloud: CloudId, args: Omit<ModelRegistryArgs, "network">, profile = "dev") =>
  synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      new ModelRegistry("models", { ...args, network: vpc.network });
    },
    { project: "p", stack: profile, config: { ...CONFIG[cloud], "mlops:profile": profile } },
  );

/** A 32-character stage name, the longest accepted, ending in the given letter. */
const longStage = (last: string) => `${"s".repeat(31)}${last}`;

describe("GIVEN an AWS registry whose bucket is held to a VPC endpoint", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await program("aws", { models: [{ name: "fraud" }], aws: { vpcEndpointIds: ["vpce-0123456789abcdef0"] } });
  });

  it("THEN the endpoint rule denies object reads, writes and listings only, so the deployer still manages the bucket from outside", () => {
    const policy = JSON.parse(String(resource(p, "aws:s3/bucketPolicy:BucketPolicy", "models-artifacts").inputs.policy));
    const deny = policy.Statement.find((s: { Sid: string }) => s.Sid === "OnlyThroughVpcEndpoints");
    expect(deny.Action).toEqual([
      "s3:GetObject*",
      "s3:PutObject*",
      "s3:DeleteObject*",
      "s3:ListBucket",
      "s3:ListBucketVersions",
      "s3:ListMultipartUploadParts",
      "s3:AbortMultipartUpload",
    ]);
  });
});

describe("GIVEN an AWS registry with its MLflow tracking server", () => {
  let p: Plan;
  let untracked: Plan;
  beforeAll(async () => {
    p = await program("aws", { models: [{ name: "fraud" }] });
    untracked = await program("aws", { models: [{ name: "fraud" }], tracking: { enabled: false } });
  });
  const statement = (plan: Plan, policy: string, sid: string) =>
    JSON.parse(String(resource(plan, "aws:iam/policy:Policy", `models-${policy}`).inputs.policy)).Statement.find(
      (s: { Sid: string }) => s.Sid === sid,
    );
  const SERVER = /^arn:aws:sagemaker:eu-west-1:123456789012:mlflow-tracking-server\/models-mlflow-[a-z0-9]{6}$/;

  it("THEN readers may call the server's read APIs, writers log runs and versions, and only approvers set aliases", () => {
    expect(statement(p, "reader", "ReadTracking")).toEqual({
      Sid: "ReadTracking",
      Effect: "Allow",
      Action: ["sagemaker-mlflow:Get*", "sagemaker-mlflow:Search*", "sagemaker-mlflow:List*"],
      Resource: expect.stringMatching(SERVER),
    });
    expect(statement(p, "publisher", "WriteTracking").Action).toEqual([
      "sagemaker-mlflow:Create*",
      "sagemaker-mlflow:Log*",
      "sagemaker-mlflow:UpdateRun",
      "sagemaker-mlflow:UpdateExperiment",
      "sagemaker-mlflow:SetTag",
      "sagemaker-mlflow:SetExperimentTag",
    ]);
    expect(statement(p, "publisher", "PromoteInTracking")).toBeUndefined();
    expect(statement(p, "approver", "PromoteInTracking").Action).toEqual([
      "sagemaker-mlflow:SetRegisteredModelAlias",
      "sagemaker-mlflow:DeleteRegisteredModelAlias",
      "sagemaker-mlflow:TransitionModelVersionStage",
      "sagemaker-mlflow:UpdateModelVersion",
    ]);
    expect(statement(p, "approver", "PromoteInTracking").Resource).toMatch(SERVER);
  });

  it("WHEN tracking is off THEN no policy names a tracking server", () => {
    for (const policy of ["reader", "publisher", "approver"]) {
      expect(String(resource(untracked, "aws:iam/policy:Policy", `models-${policy}`).inputs.policy)).not.toContain("mlflow");
    }
  });
});

describe("GIVEN an AWS access role of another account", () => {
  it("THEN the role is refused with its field named, since an attachment would grant this account's role of the same name", async () => {
    const run = program("aws", { access: { writers: ["arn:aws:iam::210987654321:role/ci"] } });
    await expect(run).rejects.toThrow(
      'ModelRegistry "models": access.writers ("arn:aws:iam::210987654321:role/ci") is a role of account 210987654321, not of 123456789012 where the registry is deployed: list other accounts in access.shareWith',
    );
  });
});

describe("GIVEN AWS stages that, joined, exceed a SageMaker tag value", () => {
  /** What the engine saw: how many resources registered, and the error, if any. */
  async function attempt(stages: string[]): Promise<{ registered: number; error: string }> {
    let registered = 0;
    const mocks = {
      newResource: (a: Parameters<typeof defaultNewResource>[0]) => {
        if (a.type !== "pulumi:pulumi:Stack" && a.type.startsWith("aws:sagemaker")) registered++;
        return defaultNewResource(a);
      },
    };
    try {
      await synth(
        () => {
          const vpc = new MlopsVpc("core", {});
          new ModelRegistry("models", { network: vpc.network, models: [{ name: "fraud" }], stages });
        },
        { project: "p", stack: "dev", config: CONFIG.aws, mocks },
      );
      return { registered, error: "" };
    } catch (err) {
      return { registered, error: (err as Error).message };
    }
  }

  it("WHEN ten stages of 32 characters are given THEN stages is refused before any SageMaker resource registers", async () => {
    const stages = "abcdefghij".split("").map(longStage);
    expect(await attempt(stages)).toEqual({
      registered: 0,
      error:
        'ModelRegistry "models": stages are 329 characters joined by "/": a SageMaker tag value holds at most 256; use fewer or shorter stages',
    });
  });

  it("WHEN the joined stages are exactly 256 characters THEN the group carries them", async () => {
    const stages = [..."abcdefg".split("").map(longStage), "t".repeat(25)];
    expect(stages.join("/")).toHaveLength(256);
    expect(await attempt(stages)).toEqual({ registered: 2, error: "" });
  });
});

describe("GIVEN a GCP registry", () => {
  let p: Plan;
  let rebuilt: Plan;
  beforeAll(async () => {
    p = await program("gcp", { models: [{ name: "fraud" }] });
    rebuilt = await program("gcp", { models: [{ name: "fraud" }], gcp: { keyRingGeneration: 2 } });
  });

  it("THEN the metadata store is the region's `default` one, the only store Vertex AI Experiments writes to", () => {
    expect(resource(p, "gcp:vertex/aiMetadataStore:AiMetadataStore", "models-metadata").inputs.name).toBe("default");
  });

  it("WHEN keyRingGeneration is bumped THEN the key ring and key take names the first generation never held", () => {
    const ring = (plan: Plan) => String(resource(plan, "gcp:kms/keyRing:KeyRing", "models-keys").inputs.name);
    const key = (plan: Plan) => String(resource(plan, "gcp:kms/cryptoKey:CryptoKey", "models-key").inputs.name);
    expect(ring(p)).toMatch(/^models-registry-[a-z0-9]+$/);
    expect(ring(rebuilt)).toMatch(/^models-registry-g2-[a-z0-9]+$/);
    expect(key(rebuilt)).toMatch(/^models-registry-key-g2-[a-z0-9]+$/);
  });
});

describe("GIVEN an Azure registry shared with another principal", () => {
  let p: Plan;
  let unshared: Plan;
  beforeAll(async () => {
    p = await program("azure", { access: { shareWith: ["99999999-2222-3333-4444-555555555555"] } });
    unshared = await program("azure", {});
  });

  it("THEN the private Azure ML registry gets its own amlregistry endpoint, registered in the api.azureml.ms zone", () => {
    const endpoint = resource(p, "azure-native:network:PrivateEndpoint", "models-mlregistry").inputs;
    expect(endpoint.privateLinkServiceConnections).toEqual([
      {
        name: "models-mlregistry",
        privateLinkServiceId: expect.stringMatching(/\/machinelearningservices\/Registry\/models-shared-[a-z0-9]+$/),
        groupIds: ["amlregistry"],
      },
    ]);
    const zones = resource(p, "azure-native:network:PrivateDnsZoneGroup", "models-mlregistry").inputs.privateDnsZoneConfigs as {
      name: string;
    }[];
    expect(zones.map((z) => z.name)).toEqual(["mlApi"]);
  });

  it("WHEN nothing is shared THEN there is no Azure ML registry and no endpoint for one", () => {
    expect(resourcesOfType(unshared, "azure-native:machinelearningservices:Registry")).toHaveLength(0);
    expect(resourcesOfType(unshared, "azure-native:network:PrivateEndpoint").map((e) => e.name)).not.toContain("models-mlregistry");
  });
});

describe("GIVEN one principal listed twice in access", () => {
  const AZ = "11111111-2222-3333-4444-555555555555";
  const SA = "serviceAccount:ci@acme.iam.gserviceaccount.com";
  let azure: Plan;
  let gcp: Plan;
  beforeAll(async () => {
    azure = await program("azure", { access: { writers: [AZ], approvers: [AZ], readers: [AZ], shareWith: [AZ] } });
    gcp = await program("gcp", { access: { writers: [SA], readers: [SA], shareWith: [SA] } });
  });

  it("THEN on Azure each role is assigned once per scope, as ARM refuses a repeated assignment", () => {
    const roles = resourcesOfType(azure, "azure-native:authorization:RoleAssignment").filter((r) => r.name.startsWith("models-"));
    expect(roles.map((r) => r.name).sort()).toEqual([
      "models-reader-0-2a2b9908",
      "models-reader-0-7f951dda",
      "models-writer-0-8311e382",
      "models-writer-0-ba92f5b4",
      "models-writer-0-f6c7c914",
    ]);
  });

  it("THEN on GCP each bucket and repository binding is one resource", () => {
    const bucket = resourcesOfType(gcp, "gcp:storage/bucketIAMMember:BucketIAMMember").map((m) => `${m.inputs.role} ${m.inputs.member}`);
    expect(bucket.sort()).toEqual([`roles/storage.objectCreator ${SA}`, `roles/storage.objectViewer ${SA}`]);
    const repo = resourcesOfType(gcp, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember").map((m) => m.inputs.role);
    expect(repo.sort()).toEqual(["roles/artifactregistry.reader", "roles/artifactregistry.writer"]);
  });
});
