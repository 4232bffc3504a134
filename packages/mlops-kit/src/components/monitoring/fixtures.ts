import type { CloudId } from "../../core/cloud";
import type { FeatureStoreInfo } from "../feature-store/info";
import type { InferenceServiceInfo } from "../inference-service/info";
import type { ClusterInfo } from "../training-cluster/info";

/** Stack settings per cloud for component tests. */
export const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "eu-west-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "europe-west4", "gcp:project": "acme-ml" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "northeurope" },
};

const AZURE_RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml-rg/providers";

/** A service's info as a plain value (what a stack reference hands over, resolved), per cloud. */
export function serviceInfo(cloud: CloudId, name = "fraud-api", scheme: "public" | "internal" = "public"): InferenceServiceInfo {
  const metrics = {
    aws: {
      aws: {
        loadBalancerArnSuffix: `app/${name}-lb/50dc6c495c0c9188`,
        targetGroupArnSuffix: `targetgroup/${name}-tg/73e2d6bc24d8a067`,
        autoScalingGroupName: `${name}-asg-1a2b3c`,
      },
    },
    gcp: {
      gcp: {
        loadBalancing: scheme === "public" ? ("global" as const) : ("regional" as const),
        backendServiceName: `${name}-backend`,
        urlMapName: `${name}-urlmap`,
        instanceGroupManagerName: `${name}-mig`,
        region: "europe-west4",
      },
    },
    azure: {
      azure: {
        applicationGatewayId: `${AZURE_RG}/Microsoft.Network/applicationGateways/${name}-gw`,
        scaleSetId: `${AZURE_RG}/Microsoft.Compute/virtualMachineScaleSets/${name}-vmss`,
        autoscaleSettingId: `${AZURE_RG}/Microsoft.Insights/autoscalesettings/${name}-autoscale`,
      },
    },
  }[cloud];
  return {
    cloud,
    name,
    url: `https://${name}.ml.example.com`,
    address: "203.0.113.7",
    scheme,
    healthCheckPath: "/v2/ready",
    minInstances: 2,
    maxInstances: 7,
    loadBalancerId: `${name}-lb-id`,
    scalingGroupId: `${name}-group-id`,
    metrics,
  };
}

/** A training cluster's info as a plain value, per cloud. */
export function clusterInfo(cloud: CloudId, name = "train"): ClusterInfo {
  return {
    cloud,
    name,
    clusterName: `${name}-cluster-9f3a`,
    region: "europe-west4",
    endpoint: "https://10.0.0.2",
    certificateAuthority: "LS0t",
    oidcIssuerUrl: "https://oidc.example.com/id/ABC",
    version: "1.31",
    pools: { system: { gpu: false, min: 2, max: 2 }, a100: { gpu: true, min: 0, max: 4 } },
    namespaces: ["research"],
    ...(cloud === "azure"
      ? { azure: { clusterId: `${AZURE_RG}/Microsoft.ContainerService/managedClusters/${name}-aks`, resourceGroupName: "ml-rg" } }
      : {}),
    ...(cloud === "gcp" ? { gcp: { project: "acme-ml", location: "europe-west4" } } : {}),
  };
}

/** A feature store's info as a plain value, per cloud: `clicks` served online, `history` offline only. */
export function featureStoreInfo(cloud: CloudId, name = "feats"): FeatureStoreInfo {
  const group = (g: string, online: boolean) => ({
    name: g,
    keys: ["user_id"],
    eventTimeFeature: "ts",
    online,
    ...(online ? { onlineId: `${name}-${g}-fg-77e1` } : {}),
    offlineLocation: `s3://offline/${g}`,
  });
  return {
    cloud,
    name,
    region: "europe-west4",
    groups: { clicks: group("clicks", true), history: group("history", false) },
    offlineStoreId: "offline-store",
    ...(cloud === "gcp" ? { gcp: { project: "acme-ml", datasetId: "feats_ds", onlineStoreId: "feats_online_3c1d" } } : {}),
    ...(cloud === "azure"
      ? {
          azure: {
            resourceGroupName: "ml-rg",
            workspaceId: `${AZURE_RG}/Microsoft.MachineLearningServices/workspaces/${name}-fs`,
            workspaceName: `${name}-fs`,
            onlineStoreId: `${AZURE_RG}/Microsoft.Cache/redis/${name}-redis`,
          },
        }
      : {}),
  };
}
