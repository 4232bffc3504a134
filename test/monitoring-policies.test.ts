import * as path from "node:path";
import { evaluatePolicies, loadPolicyPack, type PolicyPackInfo, synth } from "@mlops-kit/testing";
import { InferenceService, type InferenceServiceArgs, MlopsVpc, MonitoringStack, type MonitoringStackArgs } from "mlops-kit";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers";

// The SLO-coverage rules find a service's alerts through the plan's property dependencies (an
// alarm's dimensions come from the service's info): proven here on real plans, per cloud.
let packs: PolicyPackInfo[];
beforeAll(() => {
  packs = [loadPolicyPack(path.join(ROOT, "policies/security")), loadPolicyPack(path.join(ROOT, "policies/compliance"))];
});

const CONFIG = {
  aws: { "mlops:cloud": "aws", "aws:region": "us-east-1" },
  gcp: { "mlops:cloud": "gcp", "gcp:region": "us-central1", "gcp:project": "acme" },
  azure: { "mlops:cloud": "azure", "azure-native:location": "westeurope" },
} as const;
const TLS: Record<keyof typeof CONFIG, InferenceServiceArgs["loadBalancer"]> = {
  aws: { tls: { domain: "api.example.com" } },
  gcp: { tls: { domain: "api.example.com" } },
  azure: { tls: { certificateId: "https://kv.vault.azure.net/secrets/tls" } },
};

describe.each(["aws", "gcp", "azure"] as const)("GIVEN a prod InferenceService on %s", (cloud) => {
  const rule = `mlops-${cloud}-${cloud === "azure" ? "monitor" : "monitoring"}-service-slo-alerts`;
  const run = async (monitoring: Partial<MonitoringStackArgs> | undefined) => {
    const config = { ...CONFIG[cloud], "mlops:profile": "prod" };
    const plan = await synth(
      () => {
        const vpc = new MlopsVpc("net", {});
        const api = new InferenceService("api", {
          network: vpc.network,
          image: cloud === "aws" ? "123456789012.dkr.ecr.us-east-1.amazonaws.com/models/api:1" : "registry.example.com/models/api:1",
          compute: { cpu: 2, memoryGiB: 4 },
          loadBalancer: TLS[cloud],
          ...(cloud === "azure"
            ? { azure: { keyVaultId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv" } }
            : {}),
        });
        if (monitoring) new MonitoringStack("obs", { services: [api.info], ...monitoring });
      },
      { stack: "prod", config },
    );
    const report = await evaluatePolicies(plan, packs, { stackConfig: config });
    return report.violations.filter((v) => v.policyName === rule).map((v) => [v.enforcementLevel, v.detail]);
  };

  it(`THEN ${rule} passes with a MonitoringStack that notifies someone`, async () => {
    expect(await run({ notifications: { emails: ["oncall@example.com"] } })).toEqual([]);
  });

  it(`THEN ${rule} fires, mandatory, when its alerts notify nobody`, async () => {
    expect(await run({})).toEqual([
      ["mandatory", expect.stringContaining("availability alerts that notify nobody")],
      ["mandatory", expect.stringContaining("latency alerts that notify nobody")],
    ]);
  });

  it(`THEN ${rule} fires, mandatory, without monitoring`, async () => {
    expect(await run(undefined)).toEqual([
      ["mandatory", expect.stringContaining("has no availability alert")],
      ["mandatory", expect.stringContaining("has no latency alert")],
    ]);
  });
});
