/**
 * The scaling program: one MlopsVpc and N InferenceServices on it, each as the reference platform
 * configures its service, so that the resource count grows by the same service graph N times.
 */
import * as pulumi from "@pulumi/pulumi";
import { type GpuType, InferenceService, MlopsVpc } from "mlops-kit";

export function platform(services: number): Record<string, pulumi.Output<string>> {
  const config = new pulumi.Config("platform");
  const gpu = config.get("gpu") as GpuType | undefined;
  const network = new MlopsVpc("platform", { cidr: "10.0.0.0/16" });
  const urls: Record<string, pulumi.Output<string>> = {};
  for (let i = 0; i < services; i++) {
    const api = new InferenceService(`api-${i}`, {
      network: network.network,
      image: config.require("image"),
      compute: gpu ? { cpu: 4, memoryGiB: 16, gpu: { type: gpu } } : { cpu: 2, memoryGiB: 8 },
      loadBalancer: { tls: { domain: config.get("domain"), certificateId: config.get("certificateId") } },
      azure: { keyVaultId: config.get("keyVaultId") },
    });
    urls[`url${i}`] = api.url;
  }
  return urls;
}
