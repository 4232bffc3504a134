import { getClientConfigOutput } from "@pulumi/gcp/organizations/getClientConfig";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import type { PipelineInputs, PipelineResult } from "../contract";
import type { CiCdPipelinePlan } from "../plan";
import { createBuild } from "./build";
import { createIdentities } from "./identity";
import type { GcpCiCdPipeline } from "./resources";

/**
 * A CiCdPipeline on GCP, in the order of creation: the workload identity pool and GitHub's
 * provider, a service account per identity bound to its one subject with its rights, then (when
 * the build runs in GCP too) Cloud Build's account, triggers and the retrain schedule.
 */
export function provision(plan: CiCdPipelinePlan, inputs: PipelineInputs, ctx: ProvisionContext): PipelineResult {
  // The provider's project, asked through the component so an explicit provider is honoured.
  const client = getClientConfigOutput({ parent: ctx.parent });
  const project = client.project;
  const projectNumber =
    inputs.gcpProjectNumber !== undefined
      ? pulumi.output(inputs.gcpProjectNumber)
      : getProjectOutput({ projectId: project }, { parent: ctx.parent }).number;
  const scope = { project, projectNumber };
  const ids = createIdentities(plan, inputs, scope, ctx);
  const build = createBuild(plan, inputs, scope, client.region, ctx);
  const identities = pulumi.all(plan.identities.map((i) => ids.accounts[i.key]?.email ?? pulumi.output(""))).apply((emails) =>
    plan.identities.map((i, k) => ({
      key: i.key,
      subject: i.subject,
      environment: plan.stages.find((s) => s.name === i.stage)?.environment ?? "",
      id: emails[k] ?? "",
    })),
  );
  const resources: GcpCiCdPipeline = {
    pool: ids.pool,
    provider: ids.provider,
    serviceAccounts: ids.accounts,
    ...(build
      ? {
          build: {
            serviceAccount: build.serviceAccount,
            deployServiceAccount: build.deployServiceAccount,
            triggers: build.triggers,
            ...(build.scheduler ? { scheduler: build.scheduler } : {}),
          },
        }
      : {}),
  };
  return {
    cloud: "gcp",
    identities,
    region: client.region,
    gcp: pulumi
      .all([
        project,
        projectNumber,
        ids.provider.workloadIdentityPoolProviderId,
        ids.pool.workloadIdentityPoolId,
        build?.serviceAccount.email,
      ])
      .apply(([p, num, providerId, poolId, buildSa]) => ({
        project: p,
        workloadIdentityProvider: `projects/${num}/locations/global/workloadIdentityPools/${poolId}/providers/${providerId}`,
        ...(buildSa ? { buildServiceAccount: buildSa } : {}),
      })),
    manualSteps: build
      ? [
          `Connect ${plan.repository} to Cloud Build once: install the Google Cloud Build GitHub App on the repository and connect it in the console (Cloud Build > Triggers > Connect repository, 1st gen, region global); no token is kept in the stack.`,
        ]
      : [],
    resources,
  };
}

export type { GcpCiCdPipeline } from "./resources";
