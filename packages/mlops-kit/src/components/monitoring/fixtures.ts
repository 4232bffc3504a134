import type { CloudId } from "../../core/cloud";
import type { InferenceServiceInfo } from "../inference-service/info";

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
