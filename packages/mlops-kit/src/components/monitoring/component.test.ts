import { defaultNewResource, resourcesOfType, synth } from "@mlops-kit/testing";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { InferenceService } from "../inference-service/component";
import { MlopsVpc } from "../network/component";
import { MonitoringStack } from "./component";
import { CONFIG, clusterInfo, featureStoreInfo, serviceInfo } from "./fixtures";
import type { MonitoringStackArgs } from "./spec";

const TOKEN = "https://hooks.example.com/services/T0/B0/s3cr3t-t0ken";

/** How many cloud resources registered before the program failed, and its error ("" when none). */
async function attempt(args: Record<string, unknown>): Promise<{ registered: number; error: string }> {
  let registered = 0;
  const mocks = {
    newResource: (a: Parameters<typeof defaultNewResource>[0]) => {
      if (a.type !== "pulumi:pulumi:Stack") registered++;
      return defaultNewResource(a);
    },
  };
  try {
    await synth(() => new MonitoringStack("obs", { services: [serviceInfo("aws")], ...args } as MonitoringStackArgs), {
      project: "p",
      stack: "dev",
      config: CONFIG.aws,
      mocks,
    });
    return { registered, error: "" };
  } catch (err) {
    return { registered, error: (err as { summary?: string }).summary ?? (err as Error).message };
  }
}

describe("GIVEN invalid specs WHEN a MonitoringStack is made THEN it is refused, naming the field, and nothing registers", () => {
  it.each([
    [{ services: [] }, "services ([]) must be >= 1"],
    [{ slo: { availabilityPercent: 100 } }, "slo.availabilityPercent (100) must be <= 99.999"],
    [{ slo: { availabilityWindowMinutes: 2000 } }, "slo.availabilityWindowMinutes (2000) must be <= 1440"],
    [{ notifications: { emails: ["not-an-email"] } }, 'notifications.emails.0 ("not-an-email") must be an email address'],
    [
      { models: [{ name: "bad name" }] },
      "models.0.name (\"bad name\") must be 1-64 letters, digits, '.', '_' or '-', starting alphanumeric",
    ],
    [{ budget: { monthlyAmount: 100, thresholdsPercent: [90, 80] } }, "budget.thresholdsPercent must be ascending"],
    [{ gcp: { billingAccount: "abc" } }, 'gcp.billingAccount ("abc") must be a billing account id such as 012345-6789AB-CDEF01'],
    [{ aws: { overrides: { alarms: {} } } }, "aws.overrides.alarms is not a child role"],
    [{ services: [pulumi.output(serviceInfo("aws"))] }, "services.0 must be an InferenceService's `info` from this program"],
    [{ services: [serviceInfo("gcp")] }, 'services.0 is InferenceService "fraud-api" on gcp; this stack is on aws'],
    [{ platformAlerts: { gpuPendingMinutes: 0 } }, "platformAlerts.gpuPendingMinutes (0) must be >= 1"],
    [{ platformAlerts: { onlineLatencyP95Ms: 100_000 } }, "platformAlerts.onlineLatencyP95Ms (100000) must be <= 60000"],
    [{ training: [pulumi.output(clusterInfo("aws"))] }, "training.0 must be a TrainingCluster's `info` from this program"],
    [{ featureStores: [pulumi.output(featureStoreInfo("aws"))] }, "featureStores.0 must be a FeatureStore's `info` from this program"],
    [{ training: [clusterInfo("azure")] }, 'training.0 is TrainingCluster "train" on azure; this stack is on aws'],
    [
      { featureStores: [featureStoreInfo("aws"), featureStoreInfo("aws")] },
      'featureStores.1 watches FeatureStore "feats" again (featureStores.0)',
    ],
  ])("%j", async (args, message) => {
    const { registered, error } = await attempt(args);
    expect(error).toContain(message);
    expect(registered).toBe(0);
  });

  it("WHEN a plain webhook is not https THEN it is refused without showing the URL", async () => {
    const { registered, error } = await attempt({ notifications: { webhooks: ["http://hooks.example.com/s3cr3t-t0ken"] } });
    expect(error).toBe('MonitoringStack "obs": notifications.webhooks.0 must be an https:// URL (value not shown)');
    expect(registered).toBe(0);
  });

  it("WHEN a secret webhook resolves to something else THEN the error does not show it", async () => {
    const { error } = await attempt({ notifications: { webhooks: [pulumi.secret("ftp://s3cr3t-t0ken")] } });
    expect(error).toContain("notifications.webhooks.0 must be an https:// URL");
    expect(error).not.toContain("s3cr3t");
  });
});

describe("GIVEN a webhook as a secret WHEN the stack is planned THEN its value appears nowhere in the plan", () => {
  it.each(["aws", "gcp", "azure"] as const)("on %s", async (cloud) => {
    const p = await synth(
      () => new MonitoringStack("obs", { services: [serviceInfo(cloud)], notifications: { webhooks: [pulumi.secret(TOKEN)] } }),
      {
        project: "p",
        stack: "dev",
        config: CONFIG[cloud],
      },
    );
    expect(p.resources.length).toBeGreaterThan(5);
    expect(JSON.stringify(p)).not.toContain("s3cr3t");
  });
});

describe("GIVEN an InferenceService built in the same program WHEN a MonitoringStack watches its info", () => {
  it("THEN its alarms are named after it and keyed by its load balancer, and the outputs list them", async () => {
    const p = await synth(
      () => {
        const vpc = new MlopsVpc("core", {});
        const api = new InferenceService("api", {
          network: vpc.network,
          image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1",
          compute: { cpu: 2, memoryGiB: 4 },
          loadBalancer: { tls: { domain: "api.example.com" } },
        });
        const mon = new MonitoringStack("obs", { services: [api.info] });
        return { info: mon.info };
      },
      { project: "p", stack: "dev", config: CONFIG.aws },
    );
    const latency = resourcesOfType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.name === "obs-api-latencyP95");
    expect(latency?.inputs.dimensions).toEqual({ LoadBalancer: expect.stringMatching(/^app\/api-lb-[a-z0-9]+\/0123456789abcdef$/) });
    const info = p.outputs.info as { alertIds: Record<string, string>; dashboardUrl: string; uptimeCheckIds: Record<string, string> };
    expect(Object.keys(info.alertIds)).toContain("api/availability");
    expect(Object.keys(info.uptimeCheckIds)).toEqual(["api"]);
    expect(info.dashboardUrl).toMatch(
      /^https:\/\/console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#dashboards:name=obs-dashboard-/,
    );
    const group = resourcesOfType(p, "aws:autoscaling/group:Group")[0];
    expect(group?.inputs.enabledMetrics).toContain("GroupInServiceInstances");
  });
});
