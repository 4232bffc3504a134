import { defaultNewResource, type Plan, resource, resourcesOfType, synth } from "@mlops-kit/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { MlopsVpc } from "../network/component";
import type { ModelRegistryArgs } from "./args";
import { ModelRegistry } from "./component";

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "eu-west-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "europe-west4", "gcp:project": "acme" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};

const ARGS: Omit<ModelRegistryArgs, "network"> = {
  models: [{ name: "fraud", description: "Card fraud scores" }, { name: "churn" }],
  images: { untaggedExpiryDays: 21 },
  artifacts: { noncurrentVersionDays: 45 },
};

const program = (cloud: CloudId, args: Omit<ModelRegistryArgs, "network"> = ARGS, profile = "dev") =>
  synth(
    () => {
      const vpc = new MlopsVpc("core", {});
      new ModelRegistry("models", { ...args, network: vpc.network });
    },
    { project: "p", stack: profile, config: { ...CONFIG[cloud], "mlops:profile": profile } },
  );

/** What the engine saw: how many resources registered, and the error, if any. */
async function attempt(cloud: CloudId, args: ModelRegistryArgs): Promise<{ registered: number; error: string }> {
  let registered = 0;
  const mocks = {
    newResource: (a: Parameters<typeof defaultNewResource>[0]) => {
      if (a.type !== "pulumi:pulumi:Stack") registered++;
      return defaultNewResource(a);
    },
  };
  try {
    await synth(() => new ModelRegistry("models", args), { project: "p", stack: "dev", config: CONFIG[cloud], mocks });
    return { registered, error: "" };
  } catch (err) {
    return { registered, error: (err as Error).message };
  }
}

const MLFLOW = "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer";
const GROUP = "aws:sagemaker/modelPackageGroup:ModelPackageGroup";

describe("ModelRegistry on AWS, dev profile", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await program("aws");
  });

  it("THEN the MLflow tracking server stores artifacts in the registry's bucket, as its own role, after that role's policy", () => {
    const server = resource(p, MLFLOW, "models-mlflow");
    expect(server.inputs).toMatchObject({
      trackingServerSize: "Small",
      artifactStoreUri: `s3://${resource(p, "aws:s3/bucket:Bucket", "models-artifacts").inputs.bucket}/mlflow`,
      roleArn: "arn:aws:mock:role:models-mlflow",
      automaticModelRegistration: false,
    });
    expect(server.inputs.trackingServerName).toMatch(/^models-mlflow-[a-z0-9]{6}$/);
    expect(server.dependsOn).toContain(resource(p, "aws:iam/rolePolicy:RolePolicy", "models-mlflow").urn);
  });

  it("THEN the tracking server's role reaches only the bucket and its key, and only SageMaker of this account assumes it", () => {
    const doc = JSON.parse(String(resource(p, "aws:iam/rolePolicy:RolePolicy", "models-mlflow").inputs.policy));
    const resources = doc.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat());
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) expect(r).toMatch(/^arn:aws:mock:(bucket:models-artifacts(\/\*)?|key:models-key)$/);
    const trust = JSON.parse(String(resource(p, "aws:iam/role:Role", "models-mlflow").inputs.assumeRolePolicy));
    expect(trust.Statement[0]).toMatchObject({
      Principal: { Service: "sagemaker.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
    });
  });

  it("THEN one model package group per model, named within SageMaker's 63 characters", () => {
    const groups = resourcesOfType(p, GROUP);
    expect(groups.map((g) => g.name).sort()).toEqual(["models-churn", "models-fraud"]);
    for (const g of groups) expect(g.inputs.modelPackageGroupName).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
    expect(resource(p, GROUP, "models-fraud").inputs.modelPackageGroupDescription).toBe("Card fraud scores");
    expect(resourcesOfType(p, "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy")).toHaveLength(0);
  });

  it("THEN the bucket is KMS-encrypted, versioned, private, TLS-only, with noncurrent versions kept the spec's 45 days", () => {
    const bucket = resource(p, "aws:s3/bucket:Bucket", "models-artifacts");
    expect(bucket.inputs.bucket).toMatch(/^models-models-[a-z0-9]{6}$/);
    expect(bucket.inputs.forceDestroy).toBe(true);
    expect(
      resource(p, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "models-artifacts").inputs
        .rules,
    ).toEqual([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:mock:key:models-key" },
        bucketKeyEnabled: true,
      },
    ]);
    expect(resource(p, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "models-artifacts").inputs).toMatchObject({
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    });
    const rules = resource(p, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "models-artifacts").inputs.rules as {
      noncurrentVersionExpiration: unknown;
    }[];
    expect(rules[0]?.noncurrentVersionExpiration).toEqual({ noncurrentDays: 45 });
    const policy = JSON.parse(String(resource(p, "aws:s3/bucketPolicy:BucketPolicy", "models-artifacts").inputs.policy));
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["DenyInsecureTransport"]);
  });

  it("THEN the repository scans on push, keeps tags immutable, uses the key and expires untagged images after the spec's 21 days", () => {
    expect(resource(p, "aws:ecr/repository:Repository", "models-images").inputs).toMatchObject({
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:mock:key:models-key" }],
      forceDelete: true,
    });
    const lifecycle = JSON.parse(String(resource(p, "aws:ecr/lifecyclePolicy:LifecyclePolicy", "models-images").inputs.policy));
    expect(lifecycle.rules[0].selection).toMatchObject({ tagStatus: "untagged", countNumber: 21 });
  });

  it("THEN the reader policy pulls (with the registry token), reads artifacts and decrypts; the publisher may register only pending versions", () => {
    const reader = JSON.parse(String(resource(p, "aws:iam/policy:Policy", "models-reader").inputs.policy));
    const actions = reader.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "s3:GetObject", "kms:Decrypt"]));
    expect(actions).not.toContain("sagemaker:UpdateModelPackage");
    const publisher = JSON.parse(String(resource(p, "aws:iam/policy:Policy", "models-publisher").inputs.policy));
    const register = publisher.Statement.find((s: { Sid: string }) => s.Sid === "RegisterVersions");
    expect(register.Condition).toEqual({ StringEqualsIfExists: { "sagemaker:ModelApprovalStatus": "PendingManualApproval" } });
    const approver = JSON.parse(String(resource(p, "aws:iam/policy:Policy", "models-approver").inputs.policy));
    expect(approver.Statement.find((s: { Sid: string }) => s.Sid === "ApproveVersions").Action).toContain("sagemaker:UpdateModelPackage");
  });
});

describe("ModelRegistry on AWS with access, sharing and VPC endpoints, prod profile", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await program(
      "aws",
      {
        ...ARGS,
        tracking: { size: "large" },
        access: { writers: ["arn:aws:iam::123456789012:role/ci/deployer"], shareWith: ["210987654321"] },
        aws: { vpcEndpointIds: ["vpce-0123456789abcdef0"] },
      },
      "prod",
    );
  });

  it("THEN stateful resources are retained and not force-destroyed", () => {
    expect(resource(p, "aws:s3/bucket:Bucket", "models-artifacts")).toMatchObject({
      retainOnDelete: true,
      inputs: { forceDestroy: false },
    });
    expect(resource(p, "aws:ecr/repository:Repository", "models-images")).toMatchObject({
      retainOnDelete: true,
      inputs: { forceDelete: false },
    });
    expect(resource(p, MLFLOW, "models-mlflow").inputs.trackingServerSize).toBe("Large");
  });

  it("THEN the writer role gets the publisher policy by its name, not its path", () => {
    const attachment = resource(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "models-writer-deployer");
    expect(attachment.inputs).toEqual({
      role: "deployer",
      policyArn: "arn:aws:mock:policy:models-publisher",
    });
  });

  it("THEN the shared account reads versions by group policy, pulls by repository policy, and nothing is open to *", () => {
    const policies = resourcesOfType(p, "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy");
    expect(policies).toHaveLength(2);
    for (const gp of policies) {
      const doc = JSON.parse(String(gp.inputs.resourcePolicy));
      expect(doc.Statement[0].Principal).toEqual({ AWS: ["arn:aws:iam::210987654321:root"] });
    }
    const repo = JSON.parse(String(resource(p, "aws:ecr/repositoryPolicy:RepositoryPolicy", "models-images").inputs.policy));
    expect(repo.Statement[0].Principal).toEqual({ AWS: ["arn:aws:iam::210987654321:root"] });
  });

  it("THEN the bucket denies requests from outside the VPC endpoint, except AWS services and the tracking server", () => {
    const policy = JSON.parse(String(resource(p, "aws:s3/bucketPolicy:BucketPolicy", "models-artifacts").inputs.policy));
    const deny = policy.Statement.find((s: { Sid: string }) => s.Sid === "OnlyThroughVpcEndpoints");
    expect(deny.Condition).toEqual({
      StringNotEquals: { "aws:SourceVpce": ["vpce-0123456789abcdef0"] },
      Bool: { "aws:ViaAWSService": "false" },
      ArnNotEquals: { "aws:PrincipalArn": "arn:aws:mock:role:models-mlflow" },
    });
  });
});

describe("ModelRegistry on GCP, dev profile", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await program("gcp", { ...ARGS, access: { writers: ["serviceAccount:ci@acme.iam.gserviceaccount.com"] } });
  });

  it("THEN every CMEK resource waits for its service agent's right to use the key", () => {
    const grant = (s: string) => resource(p, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", `models-key-${s}`).urn;
    expect(resource(p, "gcp:storage/bucket:Bucket", "models-artifacts").dependsOn).toContain(grant("storage"));
    expect(resource(p, "gcp:artifactregistry/repository:Repository", "models-images").dependsOn).toContain(grant("artifactregistry"));
    expect(resource(p, "gcp:vertex/aiMetadataStore:AiMetadataStore", "models-metadata").dependsOn).toContain(grant("vertex"));
    expect(resource(p, "gcp:vertex/aiTensorboard:AiTensorboard", "models-runs").dependsOn).toContain(grant("vertex"));
  });

  it("THEN the bucket is CMEK, versioned, uniform, public access prevented, noncurrent versions deleted after 45 days", () => {
    const bucket = resource(p, "gcp:storage/bucket:Bucket", "models-artifacts").inputs;
    expect(bucket).toMatchObject({
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: true },
      location: "EUROPE-WEST4",
    });
    expect((bucket.encryption as { defaultKmsKeyName: string }).defaultKmsKeyName).toBe(
      `${resource(p, "gcp:kms/cryptoKey:CryptoKey", "models-key").inputs.name}-id`,
    );
    expect((bucket.lifecycleRules as { condition: unknown }[])[0]?.condition).toEqual({
      daysSinceNoncurrentTime: 45,
      withState: "ARCHIVED",
    });
  });

  it("THEN the repository is DOCKER, CMEK, immutable, and deletes untagged images after 21 days", () => {
    const repo = resource(p, "gcp:artifactregistry/repository:Repository", "models-images").inputs;
    expect(repo).toMatchObject({ format: "DOCKER", dockerConfig: { immutableTags: true }, location: "europe-west4" });
    expect((repo.cleanupPolicies as unknown[])[0]).toEqual({
      id: "delete-untagged",
      action: "DELETE",
      condition: { tagState: "UNTAGGED", olderThan: "1814400s" },
    });
  });

  it("THEN the writer may write to the repository and the bucket, nothing project-wide", () => {
    expect(resource(p, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "models-writer-0").inputs).toMatchObject({
      role: "roles/artifactregistry.writer",
      member: "serviceAccount:ci@acme.iam.gserviceaccount.com",
    });
    expect(
      resourcesOfType(p, "gcp:storage/bucketIAMMember:BucketIAMMember")
        .map((m) => m.inputs.role)
        .sort(),
    ).toEqual(["roles/storage.objectCreator", "roles/storage.objectViewer"]);
    expect(resourcesOfType(p, "gcp:projects/iAMMember:IAMMember")).toHaveLength(0);
  });
});

describe("ModelRegistry on Azure, dev profile", () => {
  let p: Plan;
  beforeAll(async () => {
    p = await program("azure", {
      ...ARGS,
      access: { readers: ["11111111-2222-3333-4444-555555555555"], shareWith: ["99999999-2222-3333-4444-555555555555"] },
    });
  });

  it("THEN the workspace is private, isolated to approved outbound, wired to its storage, vault, registry and insights", () => {
    const ws = resource(p, "azure-native:machinelearningservices:Workspace", "models-workspace").inputs;
    expect(ws).toMatchObject({
      kind: "Default",
      publicNetworkAccess: "Disabled",
      managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
      identity: { type: "SystemAssigned" },
      hbiWorkspace: false,
      storageAccount: expect.stringMatching(/\/StorageAccount\/models-storage$/),
      keyVault: expect.stringMatching(/\/Vault\/models-kv-[a-z0-9]{6}$/),
    });
  });

  it("THEN the registry is Premium, admin off, private; the vault uses RBAC with purge protection", () => {
    expect(resource(p, "azure-native:containerregistry:Registry", "models-images").inputs).toMatchObject({
      sku: { name: "Premium" },
      adminUserEnabled: false,
      publicNetworkAccess: "Disabled",
      policies: { retentionPolicy: { days: 21, status: "enabled" } },
    });
    expect(resource(p, "azure-native:keyvault:Vault", "models-vault").inputs.properties).toMatchObject({
      enableRbacAuthorization: true,
      enablePurgeProtection: true,
      publicNetworkAccess: "Disabled",
    });
  });

  it("THEN six private endpoints (the shared Azure ML registry's among them) sit in the isolated tier, each registering in the network's zones", () => {
    const endpoints = resourcesOfType(p, "azure-native:network:PrivateEndpoint").filter((e) => e.name.startsWith("models-"));
    expect(endpoints.map((e) => e.name).sort()).toEqual([
      "models-blob",
      "models-file",
      "models-mlregistry",
      "models-registry",
      "models-vault",
      "models-workspace",
    ]);
    for (const e of endpoints) expect((e.inputs.subnet as { id: string }).id).toMatch(/\/subnets?\/core-isolated/i);
    const group = resource(p, "azure-native:network:PrivateDnsZoneGroup", "models-workspace").inputs.privateDnsZoneConfigs as {
      name: string;
    }[];
    expect(group.map((z) => z.name)).toEqual(["mlApi", "mlNotebooks"]);
  });

  it("THEN readers and shared principals get AcrPull and Storage Blob Data Reader, and sharing creates an Azure ML registry", () => {
    const roles = resourcesOfType(p, "azure-native:authorization:RoleAssignment").filter((r) => r.name.startsWith("models-"));
    expect(roles.map((r) => r.name).sort()).toEqual([
      "models-reader-0-2a2b9908",
      "models-reader-0-7f951dda",
      "models-reader-1-2a2b9908",
      "models-reader-1-7f951dda",
    ]);
    expect(resource(p, "azure-native:machinelearningservices:Registry", "models-shared").inputs.publicNetworkAccess).toBe("Disabled");
  });
});

describe("ModelRegistry: bad specs register nothing", () => {
  const network = {
    cloud: "aws",
    name: "n",
    networkId: "vpc-1",
    cidr: "10.0.0.0/16",
    region: "eu-west-1",
    zones: ["a"],
    publicSubnetIds: ["s"],
    privateSubnetIds: ["s"],
    isolatedSubnetIds: ["s"],
    reservedCidr: "10.1.0.0/16",
  } as const;
  it.each([
    [
      { models: [{ name: "Fraud" }] },
      'ModelRegistry "models": models.0.name ("Fraud") must be a lowercase DNS label (letters, digits, single hyphens, letter first)',
    ],
    [{ models: [{ name: "a" }, { name: "a" }] }, 'ModelRegistry "models": models.1 repeats entry 0'],
    [
      { access: { writers: ["ci-role"] } },
      'ModelRegistry "models": access.writers.0 ("ci-role") must be an IAM role ARN (arn:aws:iam::<account>:role/<name>): policies are attached to the role by its name',
    ],
    [{ access: { shareWith: ["12345"] } }, 'ModelRegistry "models": access.shareWith.0 ("12345") must be an AWS account id (12 digits)'],
    [{ images: { untaggedExpiryDays: 0 } }, 'ModelRegistry "models": images.untaggedExpiryDays (0) must be >= 1'],
    [
      { aws: { maintenanceWindowStart: "TUE:3:30" } },
      'ModelRegistry "models": aws.maintenanceWindowStart ("TUE:3:30") must be Ddd:HH:MM in UTC, e.g. Tue:03:30',
    ],
  ] as const)("GIVEN %j THEN %s, and nothing registers", async (args, message) => {
    expect(
      await attempt("aws", {
        ...args,
        network: { ...network, zones: [...network.zones], publicSubnetIds: ["s"], privateSubnetIds: ["s"], isolatedSubnetIds: ["s"] },
      } as ModelRegistryArgs),
    ).toEqual({ registered: 0, error: message });
  });

  it("GIVEN GCP and approvers THEN an UnsupportedError names the field, and nothing registers", async () => {
    const gcpNetwork = {
      ...network,
      cloud: "gcp" as const,
      zones: ["a"],
      publicSubnetIds: ["s"],
      privateSubnetIds: ["s"],
      isolatedSubnetIds: ["s"],
    };
    const result = await attempt("gcp", { network: gcpNetwork, access: { approvers: ["group:ml@example.com"] } });
    expect(result.registered).toBe(0);
    expect(result.error).toMatch(/^ModelRegistry "models": access.approvers is not supported on gcp: Vertex AI Model Registry permissions/);
  });

  it("GIVEN a network on another cloud THEN network is refused, and nothing registers", async () => {
    const result = await attempt("azure", {
      network: { ...network, zones: ["a"], publicSubnetIds: ["s"], privateSubnetIds: ["s"], isolatedSubnetIds: ["s"] },
    });
    expect(result).toEqual({ registered: 0, error: 'ModelRegistry "models": network is MlopsVpc "n" on aws; this registry is on azure' });
  });
});
