import { Repository } from "@pulumi/gcp/artifactregistry/repository";
import { RepositoryIamMember } from "@pulumi/gcp/artifactregistry/repositoryIamMember";
import { CryptoKey } from "@pulumi/gcp/kms/cryptoKey";
import { CryptoKeyIAMMember } from "@pulumi/gcp/kms/cryptoKeyIAMMember";
import { KeyRing } from "@pulumi/gcp/kms/keyRing";
import { getClientConfigOutput } from "@pulumi/gcp/organizations/getClientConfig";
import { ServiceIdentity } from "@pulumi/gcp/projects/serviceIdentity";
import { Bucket } from "@pulumi/gcp/storage/bucket";
import { BucketIAMMember } from "@pulumi/gcp/storage/bucketIAMMember";
import { getProjectServiceAccountOutput } from "@pulumi/gcp/storage/getProjectServiceAccount";
import { AiMetadataStore } from "@pulumi/gcp/vertex/aiMetadataStore";
import { AiTensorboard } from "@pulumi/gcp/vertex/aiTensorboard";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { accountScopedName } from "../../../core/naming";
import { gcpLabels } from "../../../core/tags";
import type { ResolvedNetwork } from "../../network/ref";
import type { RegistryResult } from "../contract";
import type { RegistryInfo } from "../info";
import type { ModelRegistryPlan } from "../plan";
import type { GcpModelRegistry } from "./resources";

interface Where {
  project: pulumi.Output<string>;
  region: pulumi.Output<string>;
  labels: Record<string, string>;
}

/** CMEK needs the key's region to be the resource's: everything is in the network's region. */
const CRYPTO_KEY_USER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

/**
 * A ModelRegistry on GCP, in the order of creation: key ring and key, the service agents' right to
 * use it (before any resource that is encrypted with it), bucket, Artifact Registry repository,
 * Vertex AI metadata store and TensorBoard, and the `access` grants on the repository and bucket.
 * Vertex AI Model Registry entries have no IaC resource (hashicorp/terraform-provider-google#25152):
 * declared models are registered at run time under the display names the plan records.
 */
export function provision(plan: ModelRegistryPlan, network: ResolvedNetwork, ctx: ProvisionContext): RegistryResult {
  // The provider's project, asked through the component so an explicit provider is honoured.
  const where: Where = {
    project: getClientConfigOutput({ parent: ctx.parent }).project,
    region: network.field("region"),
    labels: gcpLabels(plan.tags),
  };
  const { keyRing, key } = createKey(plan, where, ctx);
  const { serviceAgents, keyGrants } = grantServiceAgents(plan, where, key, ctx);
  const bucket = createBucket(plan, where, key, keyGrants.storage, ctx);
  const repository = createRepository(plan, where, key, keyGrants.artifactRegistry, ctx);
  const tracking = plan.tracking.enabled ? createTracking(plan, where, key, keyGrants.vertex, ctx) : {};
  const { repositoryMembers, bucketMembers } = grantAccess(plan, repository, bucket, ctx);
  const resources: GcpModelRegistry = {
    keyRing,
    key,
    serviceAgents,
    keyGrants,
    bucket,
    repository,
    ...tracking,
    repositoryMembers,
    bucketMembers,
  };
  return { cloud: "gcp", info: registryInfo(plan, where, resources), resources };
}

const keep = (plan: ModelRegistryPlan, ctx: ProvisionContext): pulumi.CustomResourceOptions => ({
  ...ctx.opts,
  retainOnDelete: plan.retain,
});

function createKey(plan: ModelRegistryPlan, w: Where, ctx: ProvisionContext) {
  const o = plan.gcp.overrides;
  // Key rings and key versions are never deleted by Cloud KMS; destroying the stack schedules the
  // key's versions for destruction, so the key is kept in prod.
  const keyRing = new KeyRing(
    `${plan.name}-keys`,
    withOverrides({ name: plan.gcp.keyRingName, location: w.region, project: w.project }, o, "keyRing"),
    keep(plan, ctx),
  );
  const key = new CryptoKey(
    `${plan.name}-key`,
    withOverrides(
      {
        name: plan.gcp.keyName,
        keyRing: keyRing.id,
        rotationPeriod: plan.gcp.keyRotationPeriod,
        purpose: "ENCRYPT_DECRYPT",
        labels: w.labels,
      },
      o,
      "key",
    ),
    { ...keep(plan, ctx), protect: plan.deletionProtection },
  );
  return { keyRing, key };
}

/**
 * CMEK: each service encrypts as its service agent, which must hold the key role before the
 * resource is created (Vertex AI, Artifact Registry and Cloud Storage CMEK guides).
 */
function grantServiceAgents(plan: ModelRegistryPlan, w: Where, key: CryptoKey, ctx: ProvisionContext) {
  const serviceAgents = {
    vertex: new ServiceIdentity(`${plan.name}-vertex-agent`, { project: w.project, service: "aiplatform.googleapis.com" }, ctx.opts),
    artifactRegistry: new ServiceIdentity(
      `${plan.name}-artifactregistry-agent`,
      { project: w.project, service: "artifactregistry.googleapis.com" },
      ctx.opts,
    ),
  };
  const storageAgent = getProjectServiceAccountOutput({ project: w.project }, { parent: ctx.parent }).member;
  const grant = (service: string, member: pulumi.Input<string>) =>
    new CryptoKeyIAMMember(`${plan.name}-key-${service}`, { cryptoKeyId: key.id, role: CRYPTO_KEY_USER, member }, ctx.opts);
  const keyGrants = {
    vertex: grant("vertex", serviceAgents.vertex.member),
    artifactRegistry: grant("artifactregistry", serviceAgents.artifactRegistry.member),
    storage: grant("storage", storageAgent),
  };
  return { serviceAgents, keyGrants };
}

function createBucket(plan: ModelRegistryPlan, w: Where, key: CryptoKey, keyGrant: CryptoKeyIAMMember, ctx: ProvisionContext): Bucket {
  return new Bucket(
    `${plan.name}-artifacts`,
    withOverrides(
      {
        // GCS names are global: the planned name's hash is redone over the project.
        name: w.project.apply((p) => accountScopedName(plan.gcp.bucketName, p)),
        project: w.project,
        location: w.region.apply((r) => r.toUpperCase()),
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        versioning: { enabled: true },
        encryption: { defaultKmsKeyName: key.id },
        lifecycleRules: [
          {
            action: { type: "Delete" },
            condition: { daysSinceNoncurrentTime: plan.artifacts.noncurrentVersionDays, withState: "ARCHIVED" },
          },
          { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
        ],
        softDeletePolicy: { retentionDurationSeconds: plan.gcp.softDeleteSeconds },
        forceDestroy: plan.forceDestroy,
        labels: w.labels,
      },
      plan.gcp.overrides,
      "bucket",
    ),
    { ...keep(plan, ctx), protect: plan.deletionProtection, dependsOn: [keyGrant] },
  );
}

function createRepository(
  plan: ModelRegistryPlan,
  w: Where,
  key: CryptoKey,
  keyGrant: CryptoKeyIAMMember,
  ctx: ProvisionContext,
): Repository {
  const days = plan.images.untaggedExpiryDays;
  return new Repository(
    `${plan.name}-images`,
    withOverrides(
      {
        repositoryId: plan.gcp.repositoryId,
        project: w.project,
        location: w.region,
        format: "DOCKER",
        description: `Serving images of model registry ${plan.name}`,
        kmsKeyName: key.id,
        dockerConfig: { immutableTags: plan.images.immutableTags },
        // Scanning follows the project's Container Scanning API (INHERITED), the only value besides DISABLED.
        vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
        cleanupPolicyDryRun: false,
        cleanupPolicies: [
          // Artifact Registry durations are in seconds ("Configure cleanup policies").
          { id: "delete-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: `${days * 86400}s` } },
          // KEEP wins over DELETE: the newest versions of every image survive whatever their age.
          { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: 10 } },
        ],
        labels: w.labels,
      },
      plan.gcp.overrides,
      "repository",
    ),
    { ...keep(plan, ctx), protect: plan.deletionProtection, dependsOn: [keyGrant] },
  );
}

function createTracking(plan: ModelRegistryPlan, w: Where, key: CryptoKey, keyGrant: CryptoKeyIAMMember, ctx: ProvisionContext) {
  const encryptionSpec = { kmsKeyName: key.id };
  const opts = { ...keep(plan, ctx), dependsOn: [keyGrant] };
  const metadataStore = new AiMetadataStore(
    `${plan.name}-metadata`,
    withOverrides(
      {
        name: plan.gcp.metadataStoreId,
        project: w.project,
        region: w.region,
        description: `Experiments and lineage of model registry ${plan.name}`,
        encryptionSpec,
        deletionPolicy: plan.gcp.deletionPolicy,
      },
      plan.gcp.overrides,
      "metadataStore",
    ),
    opts,
  );
  const tensorboard = new AiTensorboard(
    `${plan.name}-runs`,
    withOverrides(
      {
        displayName: plan.gcp.tensorboardName,
        project: w.project,
        region: w.region,
        description: `Run metrics of model registry ${plan.name}`,
        encryptionSpec,
        labels: w.labels,
        deletionPolicy: plan.gcp.deletionPolicy,
      },
      plan.gcp.overrides,
      "tensorboard",
    ),
    opts,
  );
  return { metadataStore, tensorboard };
}

/** Writers push and write; readers and shared members pull and read. Scoped to the repository and bucket. */
function grantAccess(plan: ModelRegistryPlan, repository: Repository, bucket: Bucket, ctx: ProvisionContext) {
  // One member, one binding: a member listed as reader and shared would otherwise get two resources
  // for one IAM binding, and deleting either would remove the member's access.
  const readers = [...new Set([...plan.access.readers, ...plan.access.shareWith])];
  const grants: [string, string[], string, string[]][] = [
    ["writer", plan.access.writers, "roles/artifactregistry.writer", ["roles/storage.objectCreator", "roles/storage.objectViewer"]],
    ["reader", readers, "roles/artifactregistry.reader", ["roles/storage.objectViewer"]],
  ];
  const repositoryMembers: RepositoryIamMember[] = [];
  const bucketMembers: BucketIAMMember[] = [];
  const given = new Set<string>();
  for (const [kind, members, repoRole, bucketRoles] of grants) {
    members.forEach((member, i) => {
      const child = `${plan.name}-${kind}-${i}`;
      repositoryMembers.push(
        new RepositoryIamMember(
          child,
          { project: repository.project, location: repository.location, repository: repository.name, role: repoRole, member },
          ctx.opts,
        ),
      );
      for (const role of bucketRoles) {
        if (given.has(`${role}/${member}`)) continue;
        given.add(`${role}/${member}`);
        bucketMembers.push(new BucketIAMMember(`${child}-${role.split(".")[1]}`, { bucket: bucket.name, role, member }, ctx.opts));
      }
    });
  }
  return { repositoryMembers, bucketMembers };
}

function registryInfo(plan: ModelRegistryPlan, w: Where, r: GcpModelRegistry): pulumi.Output<RegistryInfo> {
  return pulumi
    .all([w.project, w.region, r.bucket.name, r.repository.repositoryId, r.repository.id, r.key.id, r.metadataStore?.id, r.tensorboard?.id])
    .apply(([project, region, bucket, repositoryId, repoId, keyId, metadataStoreId, tensorboardId]) => ({
      cloud: "gcp" as const,
      name: plan.name,
      region,
      trackingUri: metadataStoreId ?? "",
      imageRepositoryUrl: `${region}-docker.pkg.dev/${project}/${repositoryId}`,
      imageRepositoryId: repoId,
      artifactUri: `gs://${bucket}`,
      artifactStoreId: bucket,
      encryptionKeyId: keyId,
      models: Object.fromEntries(plan.models.map((m) => [m.name, m.registryName])),
      gcp: {
        project,
        repositoryName: repositoryId,
        repositoryLocation: region,
        ...(metadataStoreId ? { metadataStoreId } : {}),
        ...(tensorboardId ? { tensorboardId } : {}),
      },
    }));
}

export type { GcpModelRegistry } from "./resources";
