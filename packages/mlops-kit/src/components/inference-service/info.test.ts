import { synth } from "@mlops-kit/testing";
import { describe, expect, it } from "vitest";
import type { CloudId } from "../../core/cloud";
import { MlopsVpc } from "../network/component";
import { InferenceService } from "./component";

const CONFIG: Record<CloudId, Record<string, string>> = {
  aws: { "mlops:cloud": "aws", "aws:region": "us-east-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
};

const IMAGE: Record<CloudId, string> = {
  aws: "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo/model:1",
  gcp: "us-central1-docker.pkg.dev/acme/repo/model:1",
  azure: "acme.azurecr.io/model:1",
};

const METRIC_KEYS: Record<CloudId, string[]> = {
  aws: ["autoScalingGroupName", "loadBalancerArnSuffix", "targetGroupArnSuffix"],
  gcp: ["backendServiceName", "instanceGroupManagerName", "loadBalancing", "region", "urlMapName"],
  azure: ["applicationGatewayId", "autoscaleSettingId", "scaleSetId"],
};

describe.each(["aws", "gcp", "azure"] as const)("GIVEN an InferenceService on %s WHEN it is planned", (cloud) => {
  it("THEN its info describes it in neutral terms, with what its metrics are keyed by", async () => {
    const plan = await synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        const api = new InferenceService("api", {
          network: vpc.network,
          image: IMAGE[cloud],
          compute: { cpu: 2, memoryGiB: 4 },
          scaling: { min: 3, max: 7 },
          healthCheck: { path: "/ready" },
          loadBalancer: { scheme: "internal", tls: { enabled: false } },
        });
        return { info: api.info };
      },
      { project: "p", stack: "dev", config: CONFIG[cloud] },
    );
    const info = plan.outputs.info as Record<string, unknown>;
    expect(info).toMatchObject({
      cloud,
      name: "api",
      scheme: "internal",
      healthCheckPath: "/ready",
      minInstances: 3,
      maxInstances: 7,
    });
    expect(info.url).toMatch(/^http:\/\//);
    const scope = info.metrics as Record<string, Record<string, unknown>>;
    // Exactly the service's own cloud is set.
    expect(Object.keys(scope)).toEqual([cloud]);
    const metrics = scope[cloud] ?? {};
    expect(Object.keys(metrics).sort()).toEqual(METRIC_KEYS[cloud]);
    for (const value of Object.values(metrics)) expect(value).toMatch(/\S/);
    if (cloud === "gcp") expect(metrics.loadBalancing).toBe("regional");
  });
});
