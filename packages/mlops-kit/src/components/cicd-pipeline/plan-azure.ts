import type { Overrides } from "../../core/backend";
import { type NameScope, physicalName } from "../../core/naming";
import type { PipelineBase } from "./plan-base";
import type { OVERRIDE_ROLES } from "./spec";

/** The audience Entra ID expects for workload identity federation (Microsoft Entra "Workload identity federation"). */
export const AZURE_TOKEN_AUDIENCE = "api://AzureADTokenExchange";

export interface AzurePipelinePlan {
  overrides: Overrides<(typeof OVERRIDE_ROLES)["azure"][number]>;
  /** Managed identity name per identity key. */
  identityNames: Record<string, string>;
  /** Federated credential name per identity key. */
  credentialNames: Record<string, string>;
}

export function planAzurePipeline(p: PipelineBase, scope: NameScope, overrides: AzurePipelinePlan["overrides"]): AzurePipelinePlan {
  return {
    overrides,
    identityNames: Object.fromEntries(p.identities.map((i) => [i.key, physicalName("azureManagedIdentity", [p.name, "ci", i.key], scope)])),
    credentialNames: Object.fromEntries(
      p.identities.map((i) => [i.key, physicalName("azureFederatedCredential", ["github", i.key], scope)]),
    ),
  };
}
