import { RepositoryIamMember } from "@pulumi/gcp/artifactregistry/repositoryIamMember";
import { DatasetIamMember } from "@pulumi/gcp/bigquery/datasetIamMember";
import { Account } from "@pulumi/gcp/serviceaccount/account";
import { IAMMember as AccountIamMember } from "@pulumi/gcp/serviceaccount/iammember";
import { BucketIAMMember } from "@pulumi/gcp/storage/bucketIAMMember";
import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import type { TeamAccessInputs } from "../contract";
import { type TrainingClusterPlan, TYPE } from "../plan";

export interface TeamIdentity {
  account: Account;
  grants: pulumi.Resource[];
}

/**
 * A service account per team that its Kubernetes service account acts as (GKE "Workload Identity":
 * `roles/iam.workloadIdentityUser` for `serviceAccount:<project>.svc.id.goog[<ns>/<ksa>]`), with
 * reads granted on the registry's repository and bucket and the feature store's dataset only.
 */
export function createTeamIdentities(
  plan: TrainingClusterPlan,
  project: pulumi.Output<string>,
  access: Record<string, TeamAccessInputs>,
  dependsOn: pulumi.Resource[],
  ctx: ProvisionContext,
): Record<string, TeamIdentity> {
  const out: Record<string, TeamIdentity> = {};
  plan.teams.forEach((t, i) => {
    const base = `${plan.name}-${t.name}`;
    const account = new Account(
      base,
      { accountId: plan.gcp.teamServiceAccountIds[t.name] ?? "", displayName: `Team ${t.name} of training cluster ${plan.name}`, project },
      ctx.opts,
    );
    // The workload pool exists once the cluster does: the binding waits for it.
    const grants: pulumi.Resource[] = [
      new AccountIamMember(
        `${base}-workload-identity`,
        {
          serviceAccountId: account.name,
          role: "roles/iam.workloadIdentityUser",
          member: pulumi.interpolate`serviceAccount:${project}.svc.id.goog[${t.namespace}/${t.serviceAccount}]`,
        },
        { ...ctx.opts, dependsOn },
      ),
    ];
    const a = access[t.name];
    if (a?.registry) grants.push(...registryReads(plan, base, `teams.${i}.access.registry`, a.registry, account, ctx));
    if (a?.featureStore) {
      const fs = a.featureStore.apply((f) => f.gcp ?? missing(plan, `teams.${i}.access.featureStore`, "gcp"));
      grants.push(
        new DatasetIamMember(
          `${base}-features`,
          { project: fs.project, datasetId: fs.datasetId, role: "roles/bigquery.dataViewer", member: account.member },
          ctx.opts,
        ),
      );
    }
    out[t.name] = { account, grants };
  });
  return out;
}

function registryReads(
  plan: TrainingClusterPlan,
  base: string,
  path: string,
  registry: NonNullable<TeamAccessInputs["registry"]>,
  account: Account,
  ctx: ProvisionContext,
): pulumi.Resource[] {
  const gcp = registry.apply((r) => r.gcp ?? missing(plan, path, "gcp"));
  return [
    new RepositoryIamMember(
      `${base}-images`,
      {
        project: gcp.project,
        location: gcp.repositoryLocation,
        repository: gcp.repositoryName,
        role: "roles/artifactregistry.reader",
        member: account.member,
      },
      ctx.opts,
    ),
    new BucketIAMMember(
      `${base}-artifacts`,
      { bucket: registry.artifactStoreId, role: "roles/storage.objectViewer", member: account.member },
      ctx.opts,
    ),
  ];
}

function missing(plan: TrainingClusterPlan, path: string, field: string): never {
  throw new SpecError(TYPE, plan.name, [{ path, message: `has no ${field}: pass the component's \`info\` output` }]);
}
