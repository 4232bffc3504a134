import { getClientConfigOutput } from "@pulumi/azure-native/authorization/getClientConfig";
import * as pulumi from "@pulumi/pulumi";
import type { ProvisionContext } from "../../../core/backend";
import type { PipelineInputs, PipelineResult } from "../contract";
import type { CiCdPipelinePlan } from "../plan";
import { createIdentities } from "./identity";
import type { AzureCiCdPipeline } from "./resources";

/**
 * A CiCdPipeline on Azure: a user-assigned identity per CI identity, federated with its one GitHub
 * token subject, and its role assignments. Builds, rollouts and scheduled retraining run in GitHub
 * Actions (the generated workflows).
 */
export function provision(plan: CiCdPipelinePlan, inputs: PipelineInputs, ctx: ProvisionContext): PipelineResult {
  const client = getClientConfigOutput({ parent: ctx.parent });
  const resourceGroupName =
    inputs.azureResourceGroupName !== undefined
      ? pulumi.output(inputs.azureResourceGroupName)
      : inputs.registry.apply((r) => r.azure?.resourceGroupName ?? "");
  const ids = createIdentities(plan, inputs, resourceGroupName, ctx);
  const identities = pulumi.all(plan.identities.map((i) => ids.identities[i.key]?.clientId ?? pulumi.output(""))).apply((clientIds) =>
    plan.identities.map((i, k) => ({
      key: i.key,
      subject: i.subject,
      environment: plan.stages.find((s) => s.name === i.stage)?.environment ?? "",
      id: clientIds[k] ?? "",
    })),
  );
  const resources: AzureCiCdPipeline = { identities: ids.identities, credentials: ids.credentials, roleAssignments: ids.assignments };
  return {
    cloud: "azure",
    identities,
    region: inputs.registry.apply((r) => r.region),
    azure: pulumi.all([client.tenantId, client.subscriptionId]).apply(([tenantId, subscriptionId]) => ({ tenantId, subscriptionId })),
    manualSteps: [],
    resources,
  };
}

export type { AzureCiCdPipeline } from "./resources";
