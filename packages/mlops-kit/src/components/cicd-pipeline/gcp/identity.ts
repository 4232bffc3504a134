import { RepositoryIamMember } from "@pulumi/gcp/artifactregistry/repositoryIamMember";
import { WorkloadIdentityPool } from "@pulumi/gcp/iam/workloadIdentityPool";
import { WorkloadIdentityPoolProvider } from "@pulumi/gcp/iam/workloadIdentityPoolProvider";
import { IAMMember as ProjectIamMember } from "@pulumi/gcp/projects/iammember";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import { IAMMember as ServiceAccountIamMember } from "@pulumi/gcp/serviceaccount/iammember";
import { BucketIAMMember } from "@pulumi/gcp/storage/bucketIAMMember";
import * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import type { InferenceServiceInfo } from "../../inference-service/info";
import type { RegistryInfo } from "../../model-registry/info";
import type { PipelineInputs } from "../contract";
import { type CiCdPipelinePlan, CiRole, GITHUB_ISSUER } from "../plan";

/** What the provider's attributes are mapped from (GitHub Docs, "OIDC token claims"). */
export const ATTRIBUTE_MAPPING = {
  "google.subject": "assertion.sub",
  "attribute.repository": "assertion.repository",
  "attribute.repository_owner_id": "assertion.repository_owner_id",
  "attribute.ref": "assertion.ref",
} as const;

/** The CEL condition every token must meet: this repository (and owner id, when given); quotes in names are refused by the spec. */
export function attributeCondition(repository: string, ownerId: string | undefined): string {
  const repo = `assertion.repository == '${repository}'`;
  return ownerId ? `${repo} && assertion.repository_owner_id == '${ownerId}'` : repo;
}

/** A principal for one token subject of the pool (IAM "Workload identity federation": principal identifiers). */
export function subjectPrincipal(projectNumber: string, poolId: string, subject: string): string {
  return `principal://iam.googleapis.com/projects/${projectNumber}/locations/global/workloadIdentityPools/${poolId}/subject/${subject}`;
}

/**
 * A condition that limits a project-level role to the services' instance groups: Compute Engine
 * has no IAM policy on a regional managed instance group, so the grant is on the project,
 * conditioned by resource name (IAM Conditions, "resource.name" for Compute Engine:
 * `projects/<p>/regions/<r>/instanceGroupManagers/<n>`). Equality, not a prefix: group `api`
 * must not admit group `api-internal`.
 */
export function groupCondition(services: readonly InferenceServiceInfo[]) {
  return {
    title: "services-instance-groups",
    description: "Only the instance groups of the services this identity rolls out",
    expression: services.map((s) => `resource.name == "${s.scalingGroupId}"`).join(" || "),
  };
}

export interface GcpIdentities {
  pool: WorkloadIdentityPool;
  provider: WorkloadIdentityPoolProvider;
  accounts: Record<string, Account>;
  grants: pulumi.Resource[];
}

export interface GcpScope {
  project: pulumi.Output<string>;
  projectNumber: pulumi.Output<string>;
}

function repositoryMember(
  name: string,
  r: pulumi.Output<RegistryInfo>,
  member: pulumi.Output<string>,
  role: string,
  opts: pulumi.CustomResourceOptions,
) {
  return new RepositoryIamMember(
    name,
    {
      project: r.apply((x) => x.gcp?.project ?? ""),
      location: r.apply((x) => x.gcp?.repositoryLocation ?? ""),
      repository: r.apply((x) => x.gcp?.repositoryName ?? ""),
      role,
      member,
    },
    opts,
  );
}

/** Replacing the services' instances: instance admin, conditioned on their groups. */
export function rolloutGrant(
  name: string,
  member: pulumi.Output<string>,
  services: pulumi.Output<InferenceServiceInfo[]>,
  project: pulumi.Output<string>,
  opts: pulumi.CustomResourceOptions,
): ProjectIamMember {
  return new ProjectIamMember(
    `${name}-rollout`,
    { project, role: "roles/compute.instanceAdmin.v1", member, condition: services.apply(groupCondition) },
    opts,
  );
}

/** Rights by role, each on the resource where GCP can scope it. */
export function grantRights(
  name: string,
  role: CiRole,
  member: pulumi.Output<string>,
  a: {
    plan: CiCdPipelinePlan;
    inputs: PipelineInputs;
    services: pulumi.Output<InferenceServiceInfo[]>;
    rollsOut: boolean;
    project: pulumi.Output<string>;
  },
  opts: pulumi.CustomResourceOptions,
): pulumi.Resource[] {
  const r = a.inputs.registry;
  const bucket = r.apply((x) => x.artifactStoreId);
  switch (role) {
    case CiRole.publish: {
      const grants: pulumi.Resource[] = [
        repositoryMember(`${name}-images`, r, member, "roles/artifactregistry.writer", opts),
        new BucketIAMMember(`${name}-artifacts`, { bucket, role: "roles/storage.objectAdmin", member }, opts),
      ];
      // Uploading a model to Vertex AI has no resource to grant on before the model exists: project-level.
      if (a.plan.build.model)
        grants.push(new ProjectIamMember(`${name}-vertex`, { project: a.project, role: "roles/aiplatform.user", member }, opts));
      return grants;
    }
    case CiRole.preview:
      return [
        repositoryMember(`${name}-images`, r, member, "roles/artifactregistry.reader", opts),
        new BucketIAMMember(`${name}-artifacts`, { bucket, role: "roles/storage.objectViewer", member }, opts),
      ];
    case CiRole.deploy: {
      // Moving the stage's tag writes to the repository; rolling out replaces the groups' instances.
      const grants: pulumi.Resource[] = [repositoryMember(`${name}-images`, r, member, "roles/artifactregistry.writer", opts)];
      if (a.rollsOut) grants.push(rolloutGrant(name, member, a.services, a.project, opts));
      return grants;
    }
  }
}

/** The pool, GitHub's provider in it, and a service account per identity bound to its one subject. */
export function createIdentities(plan: CiCdPipelinePlan, inputs: PipelineInputs, scope: GcpScope, ctx: ProvisionContext): GcpIdentities {
  const g = plan.gcp;
  if (!g) throw new Error("CiCdPipeline: a GCP plan is needed");
  const n = plan.name;
  const pool = new WorkloadIdentityPool(
    `${n}-github`,
    withOverrides(
      // Display names hold at most 32 characters (IAM API WorkloadIdentityPool.displayName).
      {
        workloadIdentityPoolId: g.poolId,
        displayName: `GitHub ${plan.name}`.slice(0, 32),
        description: `GitHub Actions of ${plan.repository}`,
      },
      g.overrides,
      "workloadIdentityPool",
    ),
    ctx.opts,
  );
  const provider = new WorkloadIdentityPoolProvider(
    `${n}-github`,
    withOverrides(
      {
        workloadIdentityPoolId: pool.workloadIdentityPoolId,
        workloadIdentityPoolProviderId: g.providerId,
        displayName: "GitHub Actions",
        oidc: { issuerUri: GITHUB_ISSUER },
        attributeMapping: { ...ATTRIBUTE_MAPPING },
        attributeCondition: attributeCondition(plan.repository, plan.repositoryOwnerId),
      },
      g.overrides,
      "workloadIdentityProvider",
    ),
    ctx.opts,
  );
  const accounts: Record<string, Account> = {};
  const grants: pulumi.Resource[] = [];
  for (const id of plan.identities) {
    const name = `${n}-ci-${id.key}`;
    const account = new Account(
      name,
      withOverrides(
        {
          accountId: g.serviceAccountIds[id.key] ?? "",
          displayName: `CI ${id.key} of ${plan.name}`.slice(0, 100),
          description: id.subject.slice(0, 256),
        },
        g.overrides,
        "ciServiceAccount",
      ),
      ctx.opts,
    );
    accounts[id.key] = account;
    const principal = pulumi
      .all([scope.projectNumber, pool.workloadIdentityPoolId])
      .apply(([num, poolId]) => subjectPrincipal(num, poolId, id.subject));
    // Only this subject's tokens may act as the account: never a principalSet over the repository.
    grants.push(
      new ServiceAccountIamMember(
        `${name}-wif`,
        { serviceAccountId: account.name, role: "roles/iam.workloadIdentityUser", member: principal },
        ctx.opts,
      ),
    );
    const member = pulumi.interpolate`serviceAccount:${account.email}`;
    const services = inputs.stageServices.apply((by) => by[id.stage ?? ""] ?? []);
    const rollsOut = (inputs.stageServiceCounts[id.stage ?? ""] ?? 0) > 0;
    grants.push(...grantRights(name, id.role, member, { plan, inputs, services, rollsOut, project: scope.project }, ctx.opts));
  }
  return { pool, provider, accounts, grants };
}
