import { PrivateDnsZoneGroup } from "@pulumi/azure-native/network/privateDnsZoneGroup";
import { PrivateEndpoint } from "@pulumi/azure-native/network/privateEndpoint";
import type * as pulumi from "@pulumi/pulumi";
import { type ProvisionContext, withOverrides } from "../../../core/backend";
import { SpecError } from "../../../core/errors";
import { azureTags } from "../../../core/tags";
import type { ResolvedNetwork } from "../../network/ref";
import { type ModelRegistryPlan, TYPE } from "../plan";
import type { AzureModelRegistry } from "./resources";

/**
 * Each private endpoint: the target's sub-resource (group id) and the `privatelink.*` zones its
 * records go to, by the network's zone keys ("Azure Private Endpoint private DNS zone values":
 * amlworkspace -> api.azureml.ms + notebooks.azure.net; registry -> azurecr.io; blob; file; vault;
 * amlregistry -> api.azureml.ms). The shared Azure ML registry refuses public access, so without its
 * endpoint nothing could reach it ("Network isolation with Azure Machine Learning registries").
 */
export const PRIVATE_ENDPOINT_TARGETS = {
  workspace: { groupId: "amlworkspace", zones: ["mlApi", "mlNotebooks"] },
  registry: { groupId: "registry", zones: ["registry"] },
  blob: { groupId: "blob", zones: ["blob"] },
  file: { groupId: "file", zones: ["file"] },
  vault: { groupId: "vault", zones: ["keyVault"] },
  mlregistry: { groupId: "amlregistry", zones: ["mlApi"] },
} as const;
export type PrivateEndpointTarget = keyof typeof PRIVATE_ENDPOINT_TARGETS;

/**
 * Private endpoints in the network's isolated tier, the tier for data services: they only answer,
 * so they need no route out, and the private tier's compute reaches them inside the network.
 */
export function createPrivateEndpoints(
  plan: ModelRegistryPlan,
  network: ResolvedNetwork,
  targets: Record<Exclude<PrivateEndpointTarget, "mlregistry">, pulumi.Input<string>> & { mlregistry?: pulumi.Input<string> },
  ctx: ProvisionContext,
): AzureModelRegistry["privateEndpoints"] {
  const resourceGroupName = network.field("resourceGroupName").apply((g) => g ?? "");
  const location = network.field("region");
  const subnetId = network.subnetIds.isolated.apply((ids) => ids[0] ?? "");
  const zoneIds = network.field("privateDnsZoneIds");
  const out: AzureModelRegistry["privateEndpoints"] = {};
  for (const [target, { groupId, zones }] of Object.entries(PRIVATE_ENDPOINT_TARGETS)) {
    const serviceId = targets[target as PrivateEndpointTarget];
    if (serviceId === undefined) continue;
    const name = `${plan.name}-${target}`;
    const endpoint = new PrivateEndpoint(
      name,
      withOverrides(
        {
          resourceGroupName,
          location,
          subnet: { id: subnetId },
          privateLinkServiceConnections: [{ name, privateLinkServiceId: serviceId, groupIds: [groupId] }],
          tags: azureTags(plan.tags),
        },
        plan.azure.overrides,
        "privateEndpoint",
      ),
      ctx.opts,
    );
    const dnsZoneGroup = new PrivateDnsZoneGroup(
      name,
      {
        resourceGroupName,
        privateEndpointName: endpoint.name,
        privateDnsZoneGroupName: "default",
        privateDnsZoneConfigs: zoneIds.apply((ids) =>
          zones.map((zone) => ({ name: zone, privateDnsZoneId: zoneIdOrFail(plan.name, ids, zone) })),
        ),
      },
      ctx.opts,
    );
    out[target] = { endpoint, dnsZoneGroup };
  }
  return out;
}

function zoneIdOrFail(name: string, ids: Record<string, string> | undefined, zone: string): string {
  const id = ids?.[zone];
  if (id) return id;
  throw new SpecError(TYPE, name, [
    {
      path: "network.privateDnsZoneIds",
      message: `has no ${zone} zone: the registry's private endpoints need the network's private DNS zones (an MlopsVpc with privateEndpoints on)`,
    },
  ]);
}
